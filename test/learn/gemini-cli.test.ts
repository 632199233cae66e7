// The Gemini CLI reader (lib/learn/readers/gemini-cli.ts) on synthetic chats written from the
// format notes in session-logs.md §2.3 (see test/fixtures/sessions/SOURCES.md): upserts by id,
// $rewindTo, $set.messages compaction, a child (subagent) session.
import t from 'tap'
import { readAllWith, stripShared } from '../helpers/learn.js'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { geminiCli } from '../../lib/learn/readers/gemini-cli.js'
import type { LogEvent } from '../../lib/learn/types.js'

const dir = resolve(import.meta.dirname, '../fixtures/sessions/gemini-cli')
const MAIN = join(dir, 'session-2026-10-03T11-49-g1000000.jsonl')
const CHILD = join(dir, 'g2000000-aaaa-4bbb-8ccc-000000000002.jsonl')

const readAll = (path: string) => readAllWith(geminiCli, path)
const strip = (events: LogEvent[]) => stripShared(events, ['timestamp', 'cwd'])

t.test('main chat: the surviving last version of each message, rewinds dropped, $set.messages as one compaction', async (t) => {
  const { events, counts } = await readAll(MAIN)
  const skill = '/home/dev/.gemini/skills/release/SKILL.md'
  const ts = (s: string) => `2026-10-03T11:${s}Z`
  t.strictSame(strip(events), [
    { line: 1, timestamp: ts('49:20'), kind: 'session' },
    { line: 2, timestamp: ts('49:21'), kind: 'human', text: 'Release a patch version' },
    // m2 is written at line 4 (executing) and again at line 5 (success): the last write wins
    { line: 5, timestamp: ts('49:22'), kind: 'tool-call', id: 'c1', name: 'activate_skill', input: { name: 'release' } },
    { line: 5, timestamp: ts('49:22'), kind: 'skill-use', name: 'release', how: 'tool' },
    { line: 5, timestamp: ts('49:22'), kind: 'tool-result', id: 'c1', ok: true, output: '<activated_skill name="release">\nRun npm test, then npm version patch.\n</activated_skill>' },
    { line: 6, timestamp: ts('49:30'), kind: 'assistant', text: 'Running the tests first.' },
    { line: 6, timestamp: ts('49:30'), kind: 'tool-call', id: 'c2', name: 'run_shell_command', input: { command: 'npm test' }, command: 'npm test' },
    // status "success", but the command exited 1
    {
      line: 6,
      timestamp: ts('49:30'),
      kind: 'tool-result',
      id: 'c2',
      ok: false,
      exitCode: 1,
      output: 'Command: npm test\nDirectory: (root)\nOutput: npm ERR! missing script: test\nError: (none)\nExit Code: 1\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 4242',
    },
    // line 7 is an info message; lines 8-9 were rewound by line 10
    // displayContent is what the human typed; content carries the expanded @file
    { line: 11, timestamp: ts('50:30'), kind: 'human', text: 'bump the patch version after adding a test script @package.json' },
    // the $set at line 13 holds a masked copy of m8: its own line is the one read
    { line: 12, timestamp: ts('50:40'), kind: 'tool-call', id: 'c4', name: 'read_file', input: { absolute_path: skill }, readPath: skill },
    { line: 12, timestamp: ts('50:40'), kind: 'skill-use', name: 'release', how: 'read', path: skill },
    { line: 12, timestamp: ts('50:40'), kind: 'tool-result', id: 'c4', ok: true, output: '---\nname: release\n---\nRun npm test, then npm version patch.\n' },
    { line: 12, timestamp: ts('50:40'), kind: 'tool-call', id: 'c5', name: 'run_shell_command', input: { command: 'npm version patch' }, command: 'npm version patch' },
    { line: 12, timestamp: ts('50:40'), kind: 'tool-result', id: 'c5', ok: false, output: 'Tool execution denied: npm version is blocked by policy' },
    // the messages $set adds are the summary, never a human message
    {
      line: 13,
      timestamp: ts('52:00'),
      kind: 'compaction',
      summary: '<state_snapshot>\n<overall_goal>Release a patch version</overall_goal>\n</state_snapshot>\nGot it. Thanks for the additional context!',
    },
    { line: 14, timestamp: ts('52:10'), kind: 'injected', text: '<session_context>\nThe workspace is /work/app.\n</session_context>', why: 'meta' },
    // m10 written at 15 and 16: once, the last text
    { line: 16, timestamp: ts('52:21'), kind: 'human', text: 'ok, go on with the release' },
  ])
  t.strictSame(
    counts,
    { lines: 21, records: 19, blank: 0, nul: 0, invalidJson: 1, oversized: 0, pending: 1, unknownType: 2 },
    'counted once over both passes: {"weird"} (18) and type tool_group (19) unknown; 20 not JSON; 21 half-written',
  )
  t.ok(events.every((e) => e.agent === 'gemini-cli' && e.file === MAIN && e.sessionId === 'g1000000-aaaa-4bbb-8ccc-000000000001' && e.subagent === undefined))
  t.notOk(events.some((e) => e.kind === 'human' && /minor/.test(e.text)), 'the rewound prompt is gone')
})

t.test('a child session: kind subagent in its metadata, or its place in chats/<parent>/', async (t) => {
  const { events, counts } = await readAll(CHILD)
  t.strictSame(strip(events), [
    { line: 1, timestamp: '2026-10-03T11:51:00Z', subagent: true, kind: 'session' },
    { line: 2, timestamp: '2026-10-03T11:51:01Z', subagent: true, kind: 'human', text: 'Investigate why npm test fails' },
    { line: 3, timestamp: '2026-10-03T11:51:05Z', subagent: true, kind: 'assistant', text: 'package.json has no test script.' },
  ])
  t.equal(counts.records, 3)
  const chats = join(t.testdir(), 'chats', 'g1000000-aaaa-4bbb-8ccc-000000000001')
  mkdirSync(chats, { recursive: true })
  const child = join(chats, 'child.jsonl')
  writeFileSync(child, ['{"sessionId":"c","projectHash":"p","startTime":"x"}', '{"id":"a","type":"user","content":"hi"}'].join('\n') + '\n')
  t.ok((await readAll(child)).events.every((e) => e.subagent === true && e.sessionId === 'c'))
})

t.test('upserts, rewinds and $sets in the order Gemini writes them', async (t) => {
  const path = join(t.testdir(), 'session-x.jsonl')
  const rec = (r: unknown) => JSON.stringify(r)
  writeFileSync(
    path,
    [
      rec({ sessionId: 's', projectHash: 'p', startTime: 'x' }),
      rec({ id: 'u1', type: 'user', content: 'first' }),
      rec({ id: 'g1', type: 'gemini', content: 'answer' }),
      rec({ id: 'u2', type: 'user', content: 'second' }),
      rec({ id: 'g1', type: 'gemini', content: 'answer, with tokens' }), // g1 updated after u2 was written
      rec({ $set: { messages: [{ id: 'u1' }, { id: 'g1' }, { id: 'u2' }] } }), // the same ids: a rewrite, not a compaction
      rec({ $set: { messages: [{ id: 'sum', type: 'user', content: '<state_snapshot>s</state_snapshot>' }, { id: 'u2' }] } }),
      rec({ id: 'g2', type: 'gemini', content: 'after compaction' }),
      rec({ $rewindTo: 'u2' }), // u2 survived the compaction: rewinding to it drops u2 and g2
      rec({ id: 'u3', type: 'user', content: 'third' }),
    ].join('\n') + '\n',
  )
  const { events } = await readAll(path)
  t.strictSame(
    events.map((e) => [e.line, e.kind, 'text' in e ? e.text : 'summary' in e ? e.summary : undefined]),
    [
      [1, 'session', undefined],
      [2, 'human', 'first'],
      // emitted at its last write, so after u2; u1 and g1 were dropped by the compaction, still emitted
      [5, 'assistant', 'answer, with tokens'],
      [7, 'compaction', '<state_snapshot>s</state_snapshot>'],
      [10, 'human', 'third'],
    ],
  )
})

t.test('a tool call still running has no result; a cancelled one failed', async (t) => {
  const path = join(t.testdir(), 'session-y.jsonl')
  writeFileSync(
    path,
    JSON.stringify({ sessionId: 's', projectHash: 'p' }) +
      '\n' +
      JSON.stringify({
        id: 'g',
        type: 'gemini',
        content: '',
        toolCalls: [
          { id: 'r', name: 'run_shell_command', args: { command: 'sleep 100' }, status: 'executing' },
          { id: 'x', name: 'write_file', args: { file_path: 'a' }, status: 'cancelled' },
          { name: 'no id' },
          'junk',
        ],
      }) +
      '\n',
  )
  const { events } = await readAll(path)
  t.strictSame(
    events.map((e) => [e.kind, 'id' in e ? e.id : undefined, 'ok' in e ? e.ok : undefined]),
    [
      ['session', undefined, undefined],
      ['tool-call', 'r', undefined],
      ['tool-call', 'x', undefined],
      ['tool-result', 'x', false],
    ],
  )
})

t.test('detect: the metadata line', async (t) => {
  t.ok(geminiCli.detect(JSON.parse(readFileSync(MAIN, 'utf8').split('\n')[0]), MAIN))
  t.ok(geminiCli.detect({ sessionId: 's', startTime: 'x' }, '/home/u/.gemini/tmp/p/chats/session-1.jsonl'))
  t.notOk(geminiCli.detect({ sessionId: 's', startTime: 'x' }, '/elsewhere/session-1.jsonl'))
  t.notOk(geminiCli.detect({ timestamp: 'x', type: 'session_meta', payload: { id: 'c' } }, MAIN), 'Codex')
  t.notOk(geminiCli.detect({ type: 'session.start', data: { sessionId: 's' } }, MAIN), 'Copilot')
  t.notOk(geminiCli.detect(null, MAIN))
})

t.test('locate: ~/.gemini/tmp/*/chats/*.jsonl and chats/<parent>/*.jsonl, sorted', async (t) => {
  const home = t.testdir()
  const tmp = join(home, '.gemini', 'tmp')
  const put = (rel: string) => {
    const p = join(tmp, rel)
    mkdirSync(join(p, '..'), { recursive: true })
    copyFileSync(CHILD, p)
    return p
  }
  const a = put('proj-b/chats/session-2026-10-03T11-49-g1000000.jsonl')
  const b = put('proj-b/chats/g1000000/child-1.jsonl')
  const c = put('abc123/chats/session-2026-01-01T00-00-aaaaaaaa.jsonl')
  put('abc123/chats/session-legacy.json') // legacy single-JSON chats are not streamed
  put('abc123/logs.jsonl') // not under chats/
  mkdirSync(join(tmp, 'empty-project'), { recursive: true })
  t.strictSame(geminiCli.locate(home, {}), [c, b, a])
  t.strictSame(geminiCli.locate(join(home, 'nobody'), {}), [])
})
