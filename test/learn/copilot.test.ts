// The Copilot CLI reader (lib/learn/readers/copilot.ts) on a synthetic events.jsonl written from
// the format notes in session-logs.md §2.5 (see test/fixtures/sessions/SOURCES.md).
import t from 'tap'
import { readAllWith, stripShared } from '../helpers/learn.js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { copilot } from '../../lib/learn/readers/copilot.js'
import type { LogEvent } from '../../lib/learn/types.js'

const FILE = resolve(import.meta.dirname, '../fixtures/sessions/copilot/c0ffee00-0000-4000-8000-000000000001/events.jsonl')

const readAll = (path: string) => readAllWith(copilot, path)
const strip = (events: LogEvent[]) => stripShared(events)

t.test('a session: skill tool + skill.invoked as one use, failures, interrupt, compaction, subagent, bad numbers and surrogates', async (t) => {
  const { events, counts } = await readAll(FILE)
  t.strictSame(strip(events), [
    { line: 1, kind: 'session', version: '1.0.73' },
    // line 2 session.info: known, skipped
    { line: 3, kind: 'human', text: 'Release a patch version' },
    { line: 5, kind: 'assistant', text: "I'll use the release skill." },
    { line: 6, kind: 'tool-call', id: 'k1', name: 'skill', input: { skill: 'release' } },
    // the tool call and its skill.invoked (line 7) are one use, with the path and body it loaded
    { line: 6, kind: 'skill-use', name: 'release', how: 'tool', path: '/home/dev/.copilot/skills/release/SKILL.md', body: '---\nname: release\n---\nRun npm test, then npm version patch.\n' },
    { line: 8, kind: 'tool-result', id: 'k1', ok: true, output: 'Skill "release" loaded.' },
    { line: 9, kind: 'tool-call', id: 'k2', name: 'bash', input: { command: 'npm test', description: 'Run the tests' }, command: 'npm test' },
    { line: 10, kind: 'tool-result', id: 'k2', ok: false, output: 'exit 1' },
    { line: 11, kind: 'tool-call', id: 'k3', name: 'bash', input: { command: 'npm run build', description: 'Build' }, command: 'npm run build' },
    // success true, but the shell says 127
    { line: 12, kind: 'tool-result', id: 'k3', ok: false, exitCode: 127, output: 'sh: 1: tsc: not found\n<exited with exit code 127>' },
    { line: 13, kind: 'tool-call', id: 'k4', name: 'skill', input: { skill: 'team:lint' } },
    // no skill.invoked followed: the call still counts, under the name without its plugin
    { line: 13, kind: 'skill-use', name: 'lint', how: 'tool' },
    { line: 14, kind: 'tool-result', id: 'k4', ok: false, output: 'Skill not found: lint' },
    // a skill.invoked with no skill call before it; its lone surrogate became U+FFFD
    { line: 15, kind: 'skill-use', name: 'deploy', how: 'injected', path: '/home/dev/.copilot/skills/deploy/SKILL.md', body: '# Deploy\nbroken \uFFFD text\n' },
    { line: 16, kind: 'tool-call', id: 'k5', name: 'view', input: { path: '/home/dev/app/.github/skills/ci/SKILL.md' }, readPath: '/home/dev/app/.github/skills/ci/SKILL.md' },
    { line: 16, kind: 'skill-use', name: 'ci', how: 'read', path: '/home/dev/app/.github/skills/ci/SKILL.md' },
    { line: 17, kind: 'tool-result', id: 'k5', ok: true, output: '# CI\nRun the workflow locally first.\n' },
    { line: 18, kind: 'interrupt' },
    { line: 19, kind: 'injected', text: 'Scheduled check: audit the release notes', why: 'schedule' },
    // compaction_start (20) + compaction_complete (21): one compaction; the failed one (22-23): none
    { line: 21, kind: 'compaction', summary: '<overview>Releasing a patch; tests lack a script.</overview>' },
    { line: 24, subagent: true, kind: 'assistant', text: 'Audit done: notes are complete.' },
    { line: 25, kind: 'human', text: 'ok, publish it \uFFFD' },
  ])
  t.strictSame(
    counts,
    { lines: 29, records: 27, blank: 0, nul: 0, invalidJson: 1, oversized: 0, pending: 1, unknownType: 2 },
    'future.event (26) and an array (27) unknown; 28 not JSON; 29 half-written',
  )
  t.ok(events.every((e) => e.agent === 'copilot' && e.file === FILE && e.sessionId === 'c0ffee00-0000-4000-8000-000000000001' && e.cwd === '/home/dev/app'))
  t.equal(events[0].timestamp, '2026-05-12T09:00:00.000Z')
  t.equal(events.filter((e) => e.kind === 'skill-use').length, 4, 'one skill-use per invocation')
})

t.test('a skill call whose skill.invoked names another skill: two uses', async (t) => {
  const path = join(t.testdir(), 'x.jsonl')
  writeFileSync(
    path,
    [
      JSON.stringify({ type: 'tool.execution_start', data: { toolCallId: 'k', toolName: 'skill', arguments: { skill: 'a' } } }),
      JSON.stringify({ type: 'skill.invoked', data: { name: 'b', path: '/s/b/SKILL.md', content: 'B' } }),
      JSON.stringify({ type: 'tool.execution_start', data: { toolCallId: 'k2', toolName: 'skill', arguments: { skill: 'c' } } }),
    ].join('\n') + '\n',
  )
  const { events } = await readAll(path)
  t.strictSame(
    events.map((e) => (e.kind === 'skill-use' ? [e.line, e.name, e.how] : [e.line, e.kind])),
    [
      [1, 'tool-call'],
      [1, 'a', 'tool'],
      [2, 'b', 'injected'],
      [3, 'tool-call'],
      [3, 'c', 'tool'], // still pending at the end of the file: emitted
    ],
  )
  t.ok(events.every((e) => e.sessionId === 'x'), 'a legacy flat file: its name is the session id')
})

t.test('odd shapes are skipped, never thrown', async (t) => {
  const path = join(t.testdir(), 'events.jsonl')
  writeFileSync(
    path,
    [
      '{"type":7}',
      '{"type":"user.message"}',
      '{"type":"user.message","data":{"content":["not","a","string"]}}',
      '{"type":"tool.execution_start","data":{"toolName":"bash"}}',
      '{"type":"tool.execution_complete","data":{"success":false}}',
      '{"type":"skill.invoked","data":{}}',
      '{"type":"tool.execution_complete","data":{"toolCallId":"q","error":"plain string error","success":false}}',
    ].join('\n') + '\n',
  )
  const { events, counts } = await readAll(path)
  t.strictSame(strip(events), [{ line: 7, kind: 'tool-result', id: 'q', ok: false, output: 'plain string error' }])
  t.equal(counts.unknownType, 1)
})

t.test('detect: session.start, or a Copilot envelope under session-state', async (t) => {
  t.ok(copilot.detect(JSON.parse(readFileSync(FILE, 'utf8').split('\n')[0]), FILE))
  t.ok(copilot.detect({ type: 'user.message', data: {} }, '/home/u/.copilot/session-state/s/events.jsonl'))
  t.notOk(copilot.detect({ type: 'user.message', data: {} }, '/elsewhere/events.jsonl'))
  t.notOk(copilot.detect({ type: 'session', version: 3, id: 'b' }, FILE), 'OpenClaw')
  t.notOk(copilot.detect({ timestamp: 'x', type: 'session_meta', payload: {} }, FILE), 'Codex')
  t.notOk(copilot.detect(undefined, FILE))
})

t.test('locate: session-state/<id>/events.jsonl and legacy session-state/<id>.jsonl, sorted', async (t) => {
  const home = t.testdir()
  const root = join(home, '.copilot', 'session-state')
  const put = (rel: string) => {
    const p = join(root, rel)
    mkdirSync(join(p, '..'), { recursive: true })
    writeFileSync(p, '{}\n')
    return p
  }
  const a = put('b-session/events.jsonl')
  put('b-session/workspace.yaml')
  const b = put('a-legacy.jsonl')
  const c = put('c-session/events.jsonl')
  mkdirSync(join(root, 'd-no-events'), { recursive: true })
  put('notes.txt')
  t.strictSame(copilot.locate(home, {}), [b, a, c])
  t.strictSame(copilot.locate(join(home, 'nobody'), {}), [])
})
