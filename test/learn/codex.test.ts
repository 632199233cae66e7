// The Codex CLI reader (lib/learn/readers/codex.ts) on a real public rollout and on synthetic ones
// covering each record shape in session-logs.md §2.2 (see test/fixtures/sessions/SOURCES.md).
import t from 'tap'
import { readAllWith, stripShared } from '../helpers/learn.js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { codex } from '../../lib/learn/readers/codex.js'
import type { LogEvent } from '../../lib/learn/types.js'

const dir = resolve(import.meta.dirname, '../fixtures/sessions/codex')
const REAL = join(dir, 'rollout-2026-01-02T03-04-05-11111111-1111-4111-8111-111111111111.jsonl')
const NEW = join(dir, 'rollout-2026-02-23T11-40-28-019c0000-0000-7000-8000-000000000001.jsonl')
const OLD = join(dir, 'rollout-2025-05-07T17-24-21-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl')
const SUB = join(dir, 'rollout-2026-02-23T11-50-00-019c0000-0000-7000-8000-000000000002.jsonl')

const readAll = (path: string) => readAllWith(codex, path)
// the fields every event shares are checked once; the rest is compared exactly
const strip = (events: LogEvent[]) => stripShared(events, ['cwd'])

t.test('real rollout (daaain/claude-code-log): one human message, three tool calls, no failure, the unknown record counted', async (t) => {
  const { events, counts } = await readAll(REAL)
  const cwd = '/workspace/synthetic-project'
  t.strictSame(strip(events), [
    { line: 1, cwd, kind: 'session', version: '0.0.0-test' },
    // line 4 repeats the prompt as a user-role response item: not a second human message
    { line: 3, cwd, kind: 'human', text: 'List the synthetic files.' },
    { line: 6, cwd, kind: 'tool-call', id: 'call-structured-001', name: 'exec_command', input: { cmd: 'find . -maxdepth 1 -type f' }, command: 'find . -maxdepth 1 -type f' },
    // no exit code in the output: the result's success is unknown, not true
    { line: 7, cwd, kind: 'tool-result', id: 'call-structured-001', output: './alpha.txt\n./beta.txt' },
    { line: 8, cwd, kind: 'tool-call', id: 'call-custom-001', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: gamma.txt\n+synthetic\n*** End Patch' },
    { line: 9, cwd, kind: 'tool-result', id: 'call-custom-001', output: 'Done!' },
    { line: 10, cwd, kind: 'tool-call', id: 'call-mcp-001', name: 'mcp__synthetic__lookup', input: { query: 'fixture' } },
    { line: 11, cwd, kind: 'tool-result', id: 'call-mcp-001', output: '{"status":"ok"}' },
    // line 12 (event_msg agent_message) repeats line 13
    { line: 13, cwd, kind: 'assistant', text: 'The synthetic files are alpha.txt and beta.txt.' },
  ])
  t.strictSame(counts, { lines: 14, records: 14, blank: 0, nul: 0, invalidJson: 0, oversized: 0, pending: 0, unknownType: 1 }, 'line 14 future_synthetic_record')
  for (const e of events) {
    t.equal(e.agent, 'codex')
    t.equal(e.file, REAL)
    t.equal(e.sessionId, '11111111-1111-4111-8111-111111111111')
  }
  t.equal(events[0].timestamp, '2026-01-02T03:04:05.000Z')
  t.equal(events.at(-1)?.timestamp, '2026-01-02T03:04:15.001Z')
})

t.test('synthetic 0.104 rollout: injected context, $skill with its <skill> body, SKILL.md read, exit codes, interrupt, compaction', async (t) => {
  const { events, counts } = await readAll(NEW)
  const app = '/work/app'
  const pkg = '/work/app/pkg'
  const skillPath = '/home/dev/.codex/skills/release/SKILL.md'
  const body = '---\nname: release\ndescription: Cut a release.\n---\nRun `npm test`, then `npm version patch`.\n'
  t.strictSame(strip(events), [
    { line: 1, cwd: app, kind: 'session', version: '0.104.0' },
    { line: 2, cwd: app, kind: 'injected', text: '<permissions instructions>\nFilesystem sandboxing: workspace-write.\n</permissions instructions>', why: 'instructions' },
    { line: 3, cwd: app, kind: 'injected', text: '# AGENTS.md instructions for /work/app\n\n<INSTRUCTIONS>\nUse npm.\n</INSTRUCTIONS>', why: 'instructions' },
    { line: 4, cwd: app, kind: 'injected', text: '<environment_context>\n  <cwd>/work/app</cwd>\n  <shell>bash</shell>\n</environment_context>', why: 'environment' },
    // line 6 (the prompt as a user-role item, before its user_message) is dropped as the same words
    { line: 7, cwd: app, kind: 'injected', text: `<skill>\n<name>release</name>\n<path>${skillPath}</path>\n${body}</skill>`, why: 'skill-body' },
    { line: 7, cwd: app, kind: 'skill-use', name: 'release', how: 'injected', path: skillPath, body },
    // `$release` is the same use as the injected body: no second skill-use
    { line: 8, cwd: app, kind: 'human', text: '$release patch' },
    { line: 11, cwd: pkg, kind: 'tool-call', id: 'c1', name: 'exec_command', input: { cmd: `sed -n '1,200p' ${skillPath}` }, command: `sed -n '1,200p' ${skillPath}`, readPath: skillPath },
    { line: 11, cwd: pkg, kind: 'skill-use', name: 'release', how: 'read', path: skillPath },
    { line: 12, cwd: pkg, kind: 'tool-result', id: 'c1', ok: true, exitCode: 0, output: 'Chunk ID: 4f1a\nWall time: 0.0 seconds\nProcess exited with code 0\nOriginal token count: 12\nOutput:\n---\nname: release\n---\n' },
    { line: 13, cwd: pkg, kind: 'tool-call', id: 'c2', name: 'shell', input: { command: ['bash', '-lc', 'npm test'], workdir: pkg }, command: 'npm test' },
    { line: 14, cwd: pkg, kind: 'tool-result', id: 'c2', ok: false, exitCode: 1, output: 'npm ERR! missing script: test\n' },
    { line: 15, cwd: pkg, kind: 'tool-call', id: 'c3', name: 'shell_command', input: { command: 'npm run build', workdir: pkg }, command: 'npm run build' },
    // the header says 2; the "Exit code: 0" the command printed after "Output:" does not count
    { line: 16, cwd: pkg, kind: 'tool-result', id: 'c3', ok: false, exitCode: 2, output: 'Exit code: 2\nWall time: 1.2 seconds\nOutput:\nsh: tsc: command not found\nExit code: 0\n' },
    { line: 17, cwd: pkg, kind: 'tool-call', id: 'c4', name: 'local_shell', input: { type: 'exec', command: ['cat', 'docs/RELEASE.md'], working_directory: app }, command: 'cat docs/RELEASE.md', readPath: 'docs/RELEASE.md' },
    { line: 18, cwd: pkg, kind: 'tool-result', id: 'c4', ok: true, output: '# Releasing\n' },
    { line: 19, cwd: pkg, kind: 'assistant', text: 'The package has no test script.' },
    { line: 21, cwd: pkg, kind: 'interrupt' },
    { line: 22, cwd: pkg, kind: 'injected', text: '<turn_aborted>\nThe user interrupted the previous turn on purpose.\n</turn_aborted>', why: 'meta' },
    // line 24 repeats line 23 after it: dropped
    { line: 23, cwd: pkg, kind: 'human', text: 'Add a test script first, then release' },
    // compacted (line 25) and context_compacted (line 26) are one compaction; its replacement history is not the human
    { line: 25, cwd: pkg, kind: 'compaction', summary: 'Summary: the release skill assumes a test script.' },
    { line: 30, cwd: pkg, kind: 'human', text: '$deploy staging' },
    { line: 30, cwd: pkg, kind: 'skill-use', name: 'deploy', how: 'dollar' },
  ])
  t.strictSame(
    counts,
    { lines: 32, records: 30, blank: 0, nul: 0, invalidJson: 1, oversized: 0, pending: 1, unknownType: 2 },
    'world_state (27) and response_item future_item (29) unknown; line 28 not JSON; line 32 half-written',
  )
  t.ok(events.every((e) => e.sessionId === '019c0000-0000-7000-8000-000000000001' && e.subagent === undefined))
  t.equal(events.filter((e) => e.kind === 'human').length, 3)
})

t.test('≈0.3x rollout: bare header, record_type state, bare items; user items are the human when no user_message exists', async (t) => {
  const { events, counts } = await readAll(OLD)
  const cwd = '/work/old'
  t.strictSame(strip(events), [
    { line: 1, cwd, kind: 'session', version: '0.3.0' },
    { line: 3, cwd, kind: 'injected', text: '<environment_context>\nCurrent working directory: /work/old\n</environment_context>', why: 'environment' },
    { line: 4, cwd, kind: 'human', text: 'fix the failing build' },
    { line: 6, cwd, kind: 'tool-call', id: 'call_1', name: 'shell', input: { command: ['bash', '-lc', 'cat skills/build-fix/SKILL.md'] }, command: 'cat skills/build-fix/SKILL.md', readPath: 'skills/build-fix/SKILL.md' },
    { line: 6, cwd, kind: 'skill-use', name: 'build-fix', how: 'read', path: 'skills/build-fix/SKILL.md' },
    { line: 7, cwd, kind: 'tool-result', id: 'call_1', ok: false, exitCode: 1, output: 'cat: skills/build-fix/SKILL.md: No such file or directory\n' },
    { line: 8, cwd, kind: 'assistant', text: 'The skill file is missing.' },
    // arguments that are not JSON: kept as the raw string, no command
    { line: 9, cwd, kind: 'tool-call', id: 'call_2', name: 'shell', input: '{not json' },
  ])
  t.strictSame(counts, { lines: 10, records: 10, blank: 0, nul: 0, invalidJson: 0, oversized: 0, pending: 0, unknownType: 0 })
  t.ok(events.every((e) => e.sessionId === '5973b6c0-94b8-487b-a530-2aeb6098ae0e'))
})

t.test('a subagent rollout (source.subagent) marks every event', async (t) => {
  const { events } = await readAll(SUB)
  t.strictSame(strip(events), [
    { line: 1, cwd: '/work/app', subagent: true, kind: 'session', version: '0.104.0' },
    { line: 2, cwd: '/work/app', subagent: true, kind: 'human', text: 'Review the diff' },
  ])
})

t.test('odd shapes are skipped, never thrown', async (t) => {
  const path = join(t.testdir(), 'rollout-odd.jsonl')
  const lines = [
    '42',
    '[1,2]',
    '{"type":"response_item","payload":{"type":"function_call","name":"shell"}}', // no call_id
    '{"type":"response_item","payload":{"type":"function_call_output","output":"x"}}', // no call_id
    '{"type":"response_item","payload":{"type":"message","role":"user","content":7}}',
    '{"type":"event_msg","payload":{"type":"user_message","message":null}}',
    '{"type":"response_item","payload":{"type":"function_call_output","call_id":"z","output":{"weird":true}}}',
    '{"type":"session_meta","payload":"not an object"}',
  ]
  writeFileSync(path, lines.join('\n') + '\n')
  const { events, counts } = await readAll(path)
  t.strictSame(strip(events), [{ line: 7, kind: 'tool-result', id: 'z', output: '' }])
  t.equal(counts.unknownType, 3, 'a number, an array, a session_meta with no payload object')
  t.ok(events.every((e) => e.sessionId === 'rollout-odd'), 'no session_meta: the file name stands in')
})

t.test('tool output is cut to 4 KB', async (t) => {
  const path = join(t.testdir(), 'rollout-big.jsonl')
  const output = JSON.stringify({ output: 'é'.repeat(5000), metadata: { exit_code: 0 } })
  writeFileSync(path, JSON.stringify({ type: 'response_item', payload: { type: 'function_call_output', call_id: 'b', output } }) + '\n')
  const { events } = await readAll(path)
  const result = events[0]
  t.equal(result.kind, 'tool-result')
  if (result.kind === 'tool-result') {
    t.equal(Buffer.byteLength(result.output), 4096)
    t.equal(result.output, 'é'.repeat(2048))
    t.equal(result.exitCode, 0)
  }
})

t.test('detect: session_meta, the ≈0.3x header, an envelope in a rollout- file; not other agents', async (t) => {
  const first = (path: string) => JSON.parse(readFileSync(path, 'utf8').split('\n')[0])
  t.ok(codex.detect(first(NEW), NEW))
  t.ok(codex.detect(first(OLD), OLD))
  t.ok(codex.detect({ timestamp: 'x', type: 'event_msg', payload: {} }, '/x/rollout-1.jsonl'))
  t.notOk(codex.detect({ timestamp: 'x', type: 'event_msg', payload: {} }, '/x/other.jsonl'))
  t.notOk(codex.detect({ sessionId: 'g1', projectHash: 'p', startTime: 'x' }, '/x/session.jsonl'), 'Gemini metadata')
  t.notOk(codex.detect({ type: 'session', version: 3, id: 'b7', timestamp: 'x', cwd: '/' }, '/x/b7.jsonl'), 'OpenClaw header')
  t.notOk(codex.detect({ type: 'session.start', data: {}, id: 'e1' }, '/x/events.jsonl'), 'Copilot')
  t.notOk(codex.detect('text', '/x/rollout-1.jsonl'))
})

t.test('locate: sessions/ and archived_sessions/ under CODEX_HOME or ~/.codex, sorted; the active copy wins', async (t) => {
  const home = t.testdir()
  const mk = (p: string) => {
    mkdirSync(join(p, '..'), { recursive: true })
    writeFileSync(p, '{}\n')
  }
  const root = join(home, '.codex')
  mk(join(root, 'sessions/2026/02/23/rollout-b.jsonl'))
  mk(join(root, 'sessions/2026/01/02/rollout-a.jsonl'))
  mk(join(root, 'sessions/2026/01/02/notes.jsonl'))
  mk(join(root, 'sessions/2026/01/02/rollout-a.json'))
  mk(join(root, 'archived_sessions/rollout-a.jsonl')) // also active: skipped
  mk(join(root, 'archived_sessions/rollout-old.jsonl'))
  t.strictSame(codex.locate(home, {}), [
    join(root, 'sessions/2026/01/02/rollout-a.jsonl'),
    join(root, 'sessions/2026/02/23/rollout-b.jsonl'),
    join(root, 'archived_sessions/rollout-old.jsonl'),
  ])
  const other = join(home, 'elsewhere')
  mk(join(other, 'sessions/2026/03/01/rollout-c.jsonl'))
  t.strictSame(codex.locate(home, { CODEX_HOME: other }), [join(other, 'sessions/2026/03/01/rollout-c.jsonl')])
  t.strictSame(codex.locate(home, { CODEX_HOME: '~/elsewhere' }), [join(other, 'sessions/2026/03/01/rollout-c.jsonl')])
  t.strictSame(codex.locate(join(home, 'missing'), {}), [], 'no ~/.codex: nothing, no error')
})
