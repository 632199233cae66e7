import t from 'tap'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import detector from '../../../lib/learn/signals/missing-file.js'
import { findingsOf, indexOf } from '../../helpers/learn.js'

const here = fileURLToPath(new URL('../../fixtures/learn/detectors/', import.meta.url))
const sessions = (f: string) => join(here, 'sessions', f)
const index = indexOf(here, ['release', 'commit'])

t.test('claude-code: a referenced file is missing; the agent finds it elsewhere in the skill folder', async (t) => {
  const found = await findingsOf(detector, index, [sessions('claude-code/missing-file-fixed.jsonl')])
  t.equal(found.length, 1)
  t.same(found[0]!.edit, { kind: 'replace', line: 16, from: 'references/checklist.md', to: 'docs/checklist.md' })
  t.equal(found[0]!.validated, true)
  t.same(found[0]!.evidence.map((e) => [e.role, e.line]), [['missing', 4], ['found', 6]])
})

t.test('codex: a cat of a missing reference, no fix: a bullet that needs recurrence; a missing file that the repo has is not the skill\'s fault', async (t) => {
  const found = await findingsOf(detector, index, [sessions('codex/rollout-2026-11-04T11-00-00-019d0000-0000-7000-8000-00000000c003.jsonl')])
  t.equal(found.length, 1, 'scripts/publish.sh exists in the repo skill: no finding for it')
  t.equal(found[0]!.edit.kind, 'gotcha')
  t.notOk(found[0]!.validated)
  t.match(found[0]!.evidence[0]!.quote, /references\/checklist\.md: .*No such file or directory/)
})

t.test('near miss: the same missing read with no skill in play', async (t) => {
  t.same(await findingsOf(detector, index, [sessions('claude-code/missing-file-no-skill.jsonl')]), [])
})

t.test('gemini-cli: read_file of a missing reference, then the file found in the skill folder; a missing file the skill never names is nothing', async (t) => {
  const found = await findingsOf(detector, index, [sessions('gemini-cli/session-2026-11-05T11-00-g9000000-missing.jsonl')])
  t.equal(found.length, 1)
  t.same(found[0]!.edit, { kind: 'replace', line: 16, from: 'references/checklist.md', to: 'docs/checklist.md' })
  t.same(found[0]!.evidence.map((e) => [e.agent, e.role, e.line]), [['gemini-cli', 'missing', 4], ['gemini-cli', 'found', 5]])
  t.same(await findingsOf(detector, index, [sessions('gemini-cli/session-2026-11-05T12-00-g9000000-other-file.jsonl')]), [])
})
