import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { discoverSkills } from '../../lib/skills/discover.js'

const skill = (name: string) => `---\nname: ${name}\ndescription: Test skill. Use when testing.\n---\nBody\n`

t.test('finds skills at any depth, nested skills own their files', async (t) => {
  const root = t.testdir({
    skills: {
      alice: { 'one': { 'SKILL.md': skill('one'), scripts: { 'run.sh': 'echo' } } },
      two: {
        'SKILL.md': skill('two'),
        'notes.md': 'x',
        inner: { 'SKILL.md': skill('inner'), 'ref.md': 'y' },
      },
      node_modules: { dep: { 'SKILL.md': skill('dep') } },
      '.git': { x: { 'SKILL.md': skill('x') } },
    },
  })
  const found = await discoverSkills(['skills'], root)
  t.same(found.map((s) => s.dir.slice(root.length + 1)), ['skills/alice/one', 'skills/two', 'skills/two/inner'])
  t.same(found[0].files.map((f) => f.rel), ['SKILL.md', 'scripts/run.sh'])
  t.same(found[1].files.map((f) => f.rel), ['SKILL.md', 'notes.md'])
  t.same(found[2].files.map((f) => f.rel), ['SKILL.md', 'ref.md'])
})

t.test('a SKILL.md path names only its own skill', async (t) => {
  const root = t.testdir({ a: { 'SKILL.md': skill('a'), b: { 'SKILL.md': skill('b') } } })
  const found = await discoverSkills(['a/SKILL.md'], root)
  t.same(found.map((s) => s.dir), [join(root, 'a')])
})

t.test('lowercase skill.md is found so lint can flag it', async (t) => {
  const root = t.testdir({ low: { 'skill.md': skill('low') } })
  const [s] = await discoverSkills(['.'], root)
  t.equal(s.fileName, 'skill.md')
})

t.test('missing path and path without skills are usage errors', async (t) => {
  const root = t.testdir({ empty: { 'README.md': 'x' } })
  await t.rejects(discoverSkills(['nope'], root), { code: 'E_PATH', details: { path: 'nope' } })
  await t.rejects(discoverSkills(['empty'], root), { code: 'E_PATH', message: /no skills found/ })
  writeFileSync(join(root, 'file.txt'), 'x')
  await t.rejects(discoverSkills(['file.txt'], root), { code: 'E_PATH', message: /not a skill/ })
})
