// A representative subset of real public skills (test/fixtures/real, see its SOURCES.md): the
// known real-world flaws must be reported exactly, the clean skills must have no errors, and a
// snapshot of the whole JSON report guards against silent changes (regenerate with
// `npx tap test/real-corpus.test.ts --snapshot` after an intended change, and review the diff).
import t from 'tap'
import { join } from 'node:path'
import { json } from '../lib/lint/formatters/json.js'
import { FIXTURES, lintDir } from './helpers/lint-fixture.js'

const REAL = join(FIXTURES, 'real')

/** Every error in the subset, with where it is. Anything else that errors is a regression. */
const KNOWN_ERRORS = [
  // list-valued metadata and a Copilot/Claude Code field
  'frontmatter-type error awesome-copilot/acquire-codebase-knowledge/SKILL.md:9:5',
  'frontmatter-unknown-field error awesome-copilot/acquire-codebase-knowledge/SKILL.md:15:1',
  // argument-hint (VS Code / Claude Code only)
  'frontmatter-unknown-field error awesome-copilot/acreadiness-assess/SKILL.md:4:1',
  // allowed-tools as a flow-style list
  'frontmatter-type error awesome-copilot/azure-role-selector/SKILL.md:4:16',
  // links: wrong case (references/Security.md exists) and a missing file
  'links-exist error awesome-copilot/gdpr-compliant/SKILL.md:15:3',
  'links-exist error awesome-copilot/gdpr-compliant/SKILL.md:16:3',
  'links-exist error awesome-copilot/gdpr-compliant/SKILL.md:156:33',
  'links-exist error awesome-copilot/gdpr-compliant/SKILL.md:194:56',
  // authors: not a spec field
  'frontmatter-unknown-field error awesome-copilot/mentoring-juniors/SKILL.md:5:1',
  // metadata.requires is a mapping (OpenClaw-style gating)
  'frontmatter-type error awesome-copilot/nano-banana-pro-openrouter/SKILL.md:7:5',
  // allowed-tools as a block list; nested sub-skills named after the parent, not their folder
  'frontmatter-type error awesome-copilot/qdrant-monitoring/SKILL.md:5:3',
  'name-matches-folder error awesome-copilot/qdrant-monitoring/debugging/SKILL.md:2:7',
  'name-matches-folder error awesome-copilot/qdrant-monitoring/setup/SKILL.md:2:7',
  // category: not a spec field
  'frontmatter-unknown-field error awesome-copilot/unit-test-vue-pinia/SKILL.md:3:1',
  // links into a sibling skill
  'links-exist error superpowers/writing-skills/SKILL.md:12:104',
  'links-exist error superpowers/writing-skills/SKILL.md:12:172',
]

/** Warnings that must be there (heuristic rules may add or drop others: the snapshot shows those). */
const KNOWN_WARNINGS = [
  'yaml-flow-style warn awesome-copilot/azure-role-selector/SKILL.md:4:16',
  'description-overlap warn awesome-copilot/java-springboot/SKILL.md:3:14',
  'description-overlap warn awesome-copilot/kotlin-springboot/SKILL.md:3:14',
  'description-xml-tags warn awesome-copilot/mvvm-toolkit-messenger/SKILL.md:3:14',
  'body-size warn superpowers/writing-skills/SKILL.md:5:1',
]

const CLEAN = [
  'awesome-copilot/cli-mastery',
  'awesome-copilot/cloud-design-patterns',
  'awesome-copilot/conventional-commit',
  'awesome-copilot/git-commit',
  'awesome-copilot/java-springboot',
  'awesome-copilot/kotlin-springboot',
  'awesome-copilot/mvvm-toolkit-messenger',
  'superpowers/brainstorming',
  'superpowers/requesting-code-review',
  'superpowers/systematic-debugging',
  'superpowers/test-driven-development',
  'superpowers/using-superpowers',
]

t.test('spec profile: exactly the known errors, and the known warnings', async (t) => {
  const { result, found } = await lintDir(REAL)
  t.equal(result.skillCount, 23, '21 skill folders plus the two nested qdrant sub-skills')
  t.same(found.filter((f) => f.includes(' error ')), KNOWN_ERRORS)
  const warnings = found.filter((f) => f.includes(' warn '))
  for (const w of KNOWN_WARNINGS) t.ok(warnings.includes(w), w)
  t.equal(result.errorCount, KNOWN_ERRORS.length)
  t.equal(result.warningCount, warnings.length)
})

t.test('clean skills have no errors', async (t) => {
  const { found } = await lintDir(REAL)
  for (const skill of CLEAN) {
    t.same(found.filter((f) => f.includes(` error ${skill}/`)), [], skill)
  }
})

t.test('the messages name the real problem', async (t) => {
  const { result } = await lintDir(REAL)
  const msg = (file: string, line: number, ruleId: string) =>
    result.findings.find((f) => f.file === join(REAL, file) && f.line === line && f.ruleId === ruleId)?.message
  t.match(msg('awesome-copilot/acquire-codebase-knowledge/SKILL.md', 15, 'frontmatter-unknown-field'), 'unknown field "argument-hint"')
  t.match(msg('awesome-copilot/acquire-codebase-knowledge/SKILL.md', 9, 'frontmatter-type'), '"metadata.enhancements" must be a string, got list')
  t.match(msg('awesome-copilot/gdpr-compliant/SKILL.md', 15, 'links-exist'), 'differs in case from "references/Security.md"')
  t.match(msg('awesome-copilot/gdpr-compliant/SKILL.md', 16, 'links-exist'), '"references/operations.md" does not exist')
  t.match(msg('awesome-copilot/qdrant-monitoring/debugging/SKILL.md', 2, 'name-matches-folder'), 'name "qdrant-monitoring-debugging" does not match its folder "debugging"')
  t.match(msg('superpowers/writing-skills/SKILL.md', 12, 'links-exist'), 'points outside the skill folder')
  t.match(msg('awesome-copilot/mvvm-toolkit-messenger/SKILL.md', 3, 'description-xml-tags'), '<TMessage>')
})

t.test('agent profiles accept their own dialect', async (t) => {
  // Copilot (VS Code) documents argument-hint: those skills are clean there
  const copilot = await lintDir(REAL, { profile: 'copilot' })
  t.notOk(copilot.found.some((f) => f.startsWith('frontmatter-unknown-field') && /acreadiness-assess|acquire-codebase/.test(f)))
  t.ok(copilot.found.includes('name-matches-folder warn awesome-copilot/qdrant-monitoring/setup/SKILL.md:2:7'), 'folder mismatch is a warning')
  // Claude Code: allowed-tools lists, object metadata and argument-hint are fine; flow style is off
  const claude = await lintDir(REAL, { profile: 'claude-code' })
  for (const ok of ['azure-role-selector', 'qdrant-monitoring/SKILL.md', 'nano-banana-pro-openrouter', 'acquire-codebase-knowledge', 'acreadiness-assess']) {
    t.same(claude.found.filter((f) => f.includes(ok) && !/description-|body-size/.test(f)), [], `${ok} is clean for claude-code`)
  }
})

t.test('JSON report snapshot (paths relative to the fixture folder)', async (t) => {
  const { result } = await lintDir(REAL)
  const report = JSON.parse(json({ result, cwd: REAL, color: false, version: '0.0.0-test' }))
  for (const file of report.files) {
    t.equal(file.filePath, join(REAL, file.path), 'path is filePath relative to cwd')
    file.filePath = file.path
  }
  t.matchSnapshot(JSON.stringify(report, null, 2), 'dotskills lint --format json test/fixtures/real')
})
