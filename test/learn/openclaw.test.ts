// The OpenClaw reader (lib/learn/readers/openclaw.ts) on a synthetic pi-agent v3 session written
// from the format notes in session-logs.md §2.4 (see test/fixtures/sessions/SOURCES.md).
import t from 'tap'
import { readAllWith, stripShared } from '../helpers/learn.js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openclaw } from '../../lib/learn/readers/openclaw.js'
import type { LogEvent } from '../../lib/learn/types.js'

const FILE = resolve(import.meta.dirname, '../fixtures/sessions/openclaw/b7300000-0000-4000-8000-000000000001.jsonl')

const readAll = (path: string) => readAllWith(openclaw, path)
const strip = (events: LogEvent[]) => stripShared(events)

t.test('a session: SKILL.md reads, failed results, bash executions, an aborted turn, a compaction', async (t) => {
  const { events, counts } = await readAll(FILE)
  const skill = '/Users/dev/.openclaw/skills/release/SKILL.md'
  t.strictSame(strip(events), [
    { line: 1, kind: 'session' },
    // line 2 model_change: known, nothing to take
    { line: 3, kind: 'human', text: 'Release a patch version' },
    // custom_message is sent to the model, not typed
    { line: 4, kind: 'injected', text: 'Remember: never publish on Fridays.', why: 'reminder' },
    { line: 5, kind: 'assistant', text: 'Reading the release skill.' },
    { line: 5, kind: 'tool-call', id: 'tc1', name: 'read', input: { path: skill }, readPath: skill },
    { line: 5, kind: 'skill-use', name: 'release', how: 'read', path: skill },
    { line: 6, kind: 'tool-result', id: 'tc1', ok: true, output: '---\nname: release\n---\nRun npm test, then npm publish.\n' },
    { line: 7, kind: 'tool-call', id: 'tc2', name: 'exec', input: { command: 'npm test' }, command: 'npm test' },
    { line: 8, kind: 'tool-result', id: 'tc2', ok: false, exitCode: 1, output: 'npm ERR! missing script: test\n\n(Command exited with code 1)' },
    { line: 9, kind: 'tool-call', id: 'tc3', name: 'exec', input: { command: 'cat skills/lint/SKILL.md && npm run lint' }, command: 'cat skills/lint/SKILL.md && npm run lint', readPath: 'skills/lint/SKILL.md' },
    { line: 9, kind: 'skill-use', name: 'lint', how: 'read', path: 'skills/lint/SKILL.md' },
    // isError false, but details.status "failed"
    { line: 10, kind: 'tool-result', id: 'tc3', ok: false, output: 'lint: 3 problems' },
    // a command the user ran with `!`: a call and its result, under the entry's id
    { line: 11, kind: 'tool-call', id: 'a1b2c309', name: 'bash', input: { command: 'git status --short' }, command: 'git status --short' },
    { line: 11, kind: 'tool-result', id: 'a1b2c309', ok: true, exitCode: 0, output: ' M package.json\n' },
    { line: 12, kind: 'tool-call', id: 'a1b2c30a', name: 'bash', input: { command: 'npm publish' }, command: 'npm publish' },
    { line: 12, kind: 'tool-result', id: 'a1b2c30a', ok: false, exitCode: 1, output: 'npm ERR! 403 Forbidden\n' },
    // stopReason "aborted": the user stopped the turn
    { line: 13, kind: 'assistant', text: 'Publishing with --tag next' },
    { line: 13, kind: 'interrupt' },
    // line 14 custom, 16 branch_summary, 17 session_info: known, skipped
    { line: 15, kind: 'compaction', summary: 'Goal: release a patch. Tests have no script; publish returned 403.' },
    { line: 18, kind: 'human', text: 'Try again with --dry-run' },
  ])
  t.strictSame(
    counts,
    { lines: 22, records: 20, blank: 0, nul: 0, invalidJson: 1, oversized: 0, pending: 1, unknownType: 2 },
    'role systemNote (19) and type future_entry (20) unknown; 21 not JSON; 22 half-written',
  )
  t.ok(events.every((e) => e.agent === 'openclaw' && e.file === FILE && e.sessionId === 'b7300000-0000-4000-8000-000000000001' && e.cwd === '/Users/dev/app'))
  t.equal(events[0].timestamp, '2026-04-08T01:03:43Z')
  t.equal(events.at(-1)?.timestamp, '2026-04-08T01:04:20Z')
})

t.test('odd shapes are skipped, never thrown', async (t) => {
  const path = join(t.testdir(), 's.jsonl')
  writeFileSync(
    path,
    [
      '"a string"',
      '{"type":"message"}',
      '{"type":"message","message":{"role":"assistant","content":[null,{"type":"toolCall","name":"read"},{"type":"toolCall","id":"t","name":"read","arguments":7}]}}',
      '{"type":"message","message":{"role":"toolResult","content":"x"}}',
      '{"type":"message","message":{"role":"bashExecution"}}',
      '{"type":"message","message":{"role":"user","content":[{"type":"image","data":"..."}]}}',
    ].join('\n') + '\n',
  )
  const { events, counts } = await readAll(path)
  t.strictSame(strip(events), [{ line: 3, kind: 'tool-call', id: 't', name: 'read', input: 7 }])
  t.equal(counts.unknownType, 1)
  t.ok(events.every((e) => e.sessionId === 's'), 'no session line: the file name stands in')
})

t.test('detect: the v3 session header', async (t) => {
  t.ok(openclaw.detect(JSON.parse(readFileSync(FILE, 'utf8').split('\n')[0]), FILE))
  t.notOk(openclaw.detect({ type: 'session.start', data: {} }, FILE), 'Copilot')
  t.notOk(openclaw.detect({ type: 'session_meta', payload: {} }, FILE), 'Codex')
  t.notOk(openclaw.detect({ sessionId: 's', projectHash: 'p' }, FILE), 'Gemini')
  t.notOk(openclaw.detect([], FILE))
})

t.test('locate: agents/*/sessions/*.jsonl under OPENCLAW_STATE_DIR or ~/.openclaw (and legacy ~/.clawdbot); archives skipped', async (t) => {
  const home = t.testdir()
  const put = (p: string) => {
    mkdirSync(join(p, '..'), { recursive: true })
    writeFileSync(p, '{}\n')
    return p
  }
  const a = put(join(home, '.openclaw/agents/main/sessions/s2.jsonl'))
  const b = put(join(home, '.openclaw/agents/main/sessions/s1.jsonl'))
  put(join(home, '.openclaw/agents/main/sessions/s1.jsonl.reset.2026-04-08T01-00-00'))
  put(join(home, '.openclaw/agents/main/sessions/s3.deleted.2026.jsonl'))
  put(join(home, '.openclaw/agents/main/sessions/sessions.json'))
  const c = put(join(home, '.openclaw/agents/coder/sessions/s9.jsonl'))
  mkdirSync(join(home, '.openclaw/agents/empty'), { recursive: true })
  const d = put(join(home, '.clawdbot/agents/main/sessions/old.jsonl'))
  t.strictSame(openclaw.locate(home, {}), [c, b, a, d])
  const state = join(home, 'state')
  const e = put(join(state, 'agents/x/sessions/only.jsonl'))
  t.strictSame(openclaw.locate(home, { OPENCLAW_STATE_DIR: state }), [e], 'the state dir replaces the default roots')
  t.strictSame(openclaw.locate(join(home, 'nobody'), {}), [])
})
