import t from 'tap'
import { findingsOf, skillMd, where } from './helpers.js'

t.test('a description without a when-clause is reported at the value', async (t) => {
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', 'Get best practices for xUnit unit testing, including data-driven tests.') },
    b: { 'SKILL.md': skillMd('b', 'Embed before/after screenshots in pull requests. Uses the GitHub API.') },
  })
  const found = await findingsOf('description-when-to-use', root)
  t.same(where(found), [[3, 14], [3, 14]])
  t.ok(found.every((f) => f.ruleId === 'description-when-to-use' && f.severity === 'warn'))
  t.match(found[0].message, /not when to use it/)
})

t.test('descriptions that say when pass', async (t) => {
  const passing = [
    'Drafts release notes. Use when the user asks for a changelog.',
    'Converts PDFs to Markdown. Use this skill whenever a .pdf file is shared.',
    'Formats LinkedIn posts. USE FOR: draft LinkedIn post, format text.',
    'Audits code quality. Trigger on "quality playbook" or "spec audit".',
    'Finds sponsorable dependencies. Invoke with /sponsor owner/repo.',
    'Refactors code safely. Useful for gradual improvements.',
    'Reviews migrations. If the user mentions Flyway, load this first.',
    'Interactive CLI training. Say "cliexpert" to start.',
    'Проверяет код на ошибки и предлагает исправления.', // not English: not judged
  ]
  const root = t.testdir(Object.fromEntries(passing.map((d, i) => [`s${i}`, { 'SKILL.md': skillMd(`s${i}`, d) }])))
  t.same(await findingsOf('description-when-to-use', root), [])
})
