import t from 'tap'
import { join } from 'node:path'
import { findingsOf, skillMd, where } from './helpers.js'

const USE = 'Test skill. Use when testing.'

t.test('skills sharing a name are each reported at the name, naming the others', async (t) => {
  const root = t.testdir({
    one: { deploy: { 'SKILL.md': skillMd('deploy', USE) } },
    two: { deploy: { 'SKILL.md': skillMd('deploy', 'Other. Use when deploying.') } },
    three: { 'SKILL.md': skillMd('three', USE) },
  })
  const found = await findingsOf('duplicate-name', root)
  t.same(where(found), [[2, 7], [2, 7]])
  t.same(found.map((f) => f.file), [join(root, 'one/deploy/SKILL.md'), join(root, 'two/deploy/SKILL.md')])
  t.ok(found.every((f) => f.ruleId === 'duplicate-name' && f.severity === 'error'))
  t.equal(found[0].message, 'name "deploy" is also used by two/deploy')
  t.equal(found[1].message, 'name "deploy" is also used by one/deploy')
})

t.test('distinct names pass', async (t) => {
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', USE) },
    b: { 'SKILL.md': skillMd('b', USE) },
  })
  t.same(await findingsOf('duplicate-name', root), [])
})
