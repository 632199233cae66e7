import t from 'tap'
import { join } from 'node:path'
import rule from '../../../lib/lint/rules/description-overlap.js'
import type { FindingInput, LintSkill } from '../../../lib/lint/types.js'
import { findingsOf, skillMd, where } from './helpers.js'

t.test('near-identical descriptions are reported on both skills at the description', async (t) => {
  const root = t.testdir({
    xunit: { 'SKILL.md': skillMd('xunit', 'Get best practices for xUnit unit testing, including data-driven tests. Use when writing tests.') },
    nunit: { 'SKILL.md': skillMd('nunit', 'Get best practices for NUnit unit testing, including data-driven tests. Use when writing tests.') },
    twin: { 'SKILL.md': skillMd('twin', 'Deploys the app to staging. Use when shipping.') },
    copy: { 'SKILL.md': skillMd('copy', 'Deploys the app to staging. Use when shipping.') },
    other: { 'SKILL.md': skillMd('other', 'Summarises meeting notes into action items. Use after a call.') },
  })
  const found = await findingsOf('description-overlap', root)
  t.same(found.map((f) => f.file.slice(root.length + 1)), ['copy/SKILL.md', 'nunit/SKILL.md', 'twin/SKILL.md', 'xunit/SKILL.md'])
  t.same(where(found), [[3, 14], [3, 14], [3, 14], [3, 14]])
  t.ok(found.every((f) => f.ruleId === 'description-overlap' && f.severity === 'warn'))
  // 11 shared words of 13: "xunit" and "nunit" differ
  t.equal(found[1].message, 'description is 84% similar (shared ÷ combined words) to that of "xunit" (xunit); agents may pick one for the other: say what sets them apart')
  t.match(found[0].message, /100% similar .* "twin" \(twin\)/)
  t.equal(found[0].file, join(root, 'copy/SKILL.md'))
})

t.test('different descriptions pass', async (t) => {
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', 'Create a new implementation plan file for new features. Use when planning.') },
    b: { 'SKILL.md': skillMd('b', 'Update an existing implementation plan file with new requirements. Use when plans change.') },
  })
  t.same(await findingsOf('description-overlap', root), [])
})

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

/** Skills with descriptions drawn from a skewed vocabulary: a few words in nearly every one. */
function fakeSkills(count: number, seed: number): LintSkill[] {
  const next = random(seed)
  const vocab = Array.from({ length: 3000 }, (_, i) => `word${i.toString(36)}x`)
  const skills: LintSkill[] = []
  for (let i = 0; i < count; i++) {
    // every tenth skill is a variant of an earlier one, so there are pairs to find
    const base = i % 10 === 9 ? (skills[Math.floor(next() * i)].data!.description as string).split(' ') : []
    const words = base.length ? base.slice(0, base.length - (next() < 0.5 ? 1 : 0)) : []
    if (!words.length) for (let k = 3 + Math.floor(next() * 25); k > 0; k--) words.push(vocab[Math.floor(next() ** 3 * vocab.length)])
    if (base.length && next() < 0.5) words.push(vocab[Math.floor(next() * vocab.length)])
    skills.push({ dir: `/s/${i}`, data: { name: `s${i}`, description: words.join(' ') }, position: () => ({ line: 3, column: 14 }) } as unknown as LintSkill)
  }
  return skills
}

function reported(skills: LintSkill[]): string[] {
  const out: string[] = []
  rule.checkAll!(skills, (skill: LintSkill, f: FindingInput) => out.push(`${skill.data!.name} ${f.message.split(';')[0]}`), { cwd: '/s' } as never)
  return out.sort()
}

t.test('the indexed search finds exactly the pairs that comparing all pairs finds', async (t) => {
  const skills = fakeSkills(1500, 7)
  const sets = skills.map((s) => new Set((s.data!.description as string).split(' ')))
  const expected: string[] = []
  for (let i = 0; i < skills.length; i++) {
    for (let j = i + 1; j < skills.length; j++) {
      const a = sets[i]
      const b = sets[j]
      const o = [...a].filter((w) => b.has(w)).length
      const u = a.size + b.size - o
      if (5 * o >= 4 * u) {
        const percent = Math.floor((100 * o) / u)
        expected.push(`s${i} description is ${percent}% similar (shared ÷ combined words) to that of "s${j}" (${j})`)
        expected.push(`s${j} description is ${percent}% similar (shared ÷ combined words) to that of "s${i}" (${i})`)
      }
    }
  }
  t.ok(expected.length > 50, `enough pairs to mean something (${expected.length})`)
  t.same(reported(skills), expected.sort())
})

// Comparing all 50 million pairs takes tens of seconds; the index needs about half a second (more
// under coverage instrumentation), so the bound is loose and still tells the two apart.
t.test('10,000 skills are checked in seconds, not minutes', async (t) => {
  const skills = fakeSkills(10_000, 11)
  const start = performance.now()
  const found = reported(skills)
  const ms = performance.now() - start
  t.ok(found.length > 0)
  t.ok(ms < 5000, `took ${Math.round(ms)} ms`)
})
