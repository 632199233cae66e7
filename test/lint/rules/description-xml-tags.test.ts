import t from 'tap'
import { findingsOf, skillMd, where } from './helpers.js'

t.test('an XML-like tag in the description is reported at the value', async (t) => {
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', 'Parses config. Use when the user shares a <config path="x"> block.') },
    b: { 'SKILL.md': skillMd('b', '"Use when closing </example> tags."') },
  })
  const found = await findingsOf('description-xml-tags', root)
  t.same(where(found), [[3, 14], [3, 14]])
  t.ok(found.every((f) => f.ruleId === 'description-xml-tags' && f.severity === 'warn'))
  t.match(found[0].message, /XML-like tag <config path="x">/)
  t.match(found[1].message, /<\/example>/)
})

t.test('comparisons and arrows are not tags', async (t) => {
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', 'Maps input -> output when a < b or b > c. Use when converting.') },
  })
  t.same(await findingsOf('description-xml-tags', root), [])
})
