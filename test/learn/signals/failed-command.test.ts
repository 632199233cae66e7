import t from 'tap'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import detector, { commandShape } from '../../../lib/learn/signals/failed-command.js'
import { findingsOf, indexOf } from '../../helpers/learn.js'

const here = fileURLToPath(new URL('../../fixtures/learn/detectors/', import.meta.url))
const sessions = (f: string) => join(here, 'sessions', f)
const real = fileURLToPath(new URL('../../fixtures/sessions/claude-code/real/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl', import.meta.url))
const index = indexOf(here, ['release', 'commit'])

t.test('the real handgemacht:commit failure: the dynamic-context command and what worked instead', async (t) => {
  const found = await findingsOf(detector, index, [real])
  t.equal(found.length, 1)
  const f = found[0]!
  t.equal(f.skill, 'commit')
  t.same(f.edit, { kind: 'replace', line: 10, from: 'git log --oneline main..HEAD', to: 'git log --oneline -5' })
  t.equal(f.validated, true)
  t.equal(f.evidence[0]!.line, 21, 'cites the Skill result that reports the failure')
  t.equal(f.evidence[0]!.role, 'failed')
  t.match(f.evidence[0]!.quote, /fatal: ambiguous argument 'main\.\.HEAD'/)
  t.equal(f.evidence[1]!.line, 22, 'and the call that worked')
  t.equal(f.evidence[1]!.quote, 'git log --oneline -5')
})

t.test('codex: a prescribed command fails and another of its shape works in the same turn', async (t) => {
  const found = await findingsOf(detector, index, [sessions('codex/rollout-2026-11-04T09-00-00-019d0000-0000-7000-8000-00000000c001.jsonl')])
  t.equal(found.length, 1)
  t.same(found[0]!.edit, { kind: 'replace', line: 11, from: 'npm run build', to: 'npm run compile' })
  t.same(found[0]!.evidence.map((e) => [e.role, e.line]), [['failed', 5], ['worked', 6]])
})

t.test('gemini: the fix is one simple command of a compound line', async (t) => {
  const found = await findingsOf(detector, index, [sessions('gemini-cli/session-2026-11-05T09-00-g9000000.jsonl')])
  t.equal(found.length, 1)
  t.same(found[0]!.edit, { kind: 'replace', line: 11, from: 'npm run build', to: 'npm run compile' })
})

t.test('claude-code: no fix before the user speaks again: a Gotchas bullet, not validated', async (t) => {
  const found = await findingsOf(detector, index, [sessions('claude-code/failed-no-fix.jsonl')])
  t.equal(found.length, 1)
  t.equal(found[0]!.edit.kind, 'gotcha')
  t.notOk(found[0]!.validated)
  t.match((found[0]!.edit as { bullets: string[] }).bullets[0], /^`npm run build` can fail: "npm ERR! Missing script: "build""/)
})

t.test('near misses yield nothing', async (t) => {
  // the same failure and fix with no skill in play
  t.same(await findingsOf(detector, index, [sessions('codex/rollout-2026-11-04T10-00-00-019d0000-0000-7000-8000-00000000c002.jsonl')]), [])
  // skill in play, but the failing command is not one it prescribes; its prescribed command succeeds
  t.same(await findingsOf(detector, index, [sessions('gemini-cli/session-2026-11-05T10-00-g9000000.jsonl')]), [])
  // a real session where the skill is not used
  t.same(await findingsOf(detector, index, [fileURLToPath(new URL('../../fixtures/sessions/claude-code/real/tool_heavy.jsonl', import.meta.url))]), [])
})

t.test('commandShape keeps a subcommand, not options or paths', async (t) => {
  t.equal(commandShape('git log --oneline -5'), 'git log')
  t.equal(commandShape('npm run build'), 'npm run')
  t.equal(commandShape('ls -la'), 'ls')
  t.equal(commandShape('cat ./README.md'), 'cat')
})
