import t from 'tap'
import { findingsOf, skillMd, where } from './helpers.js'

const USE = 'Test skill. Use when testing.'

t.test('a body over 500 lines or ~5000 tokens is reported at its first line', async (t) => {
  const long = 'line\n'.repeat(501)
  const wordy = 'x'.repeat(20_001) + '\n' // 20,002 characters → 5,001 tokens
  const root = t.testdir({
    long: { 'SKILL.md': skillMd('long', USE, long) },
    wordy: { 'SKILL.md': skillMd('wordy', USE, wordy) },
  })
  const found = await findingsOf('body-size', root)
  t.same(where(found), [[5, 1], [5, 1]])
  t.ok(found.every((f) => f.ruleId === 'body-size' && f.severity === 'warn'))
  t.match(found[0].message, /body is 501 lines; the spec recommends under 500/)
  t.match(found[1].message, /body is about 5001 tokens \(characters ÷ 4\); the spec recommends under 5000/)
})

t.test('a body at the limits passes', async (t) => {
  const root = t.testdir({
    lines: { 'SKILL.md': skillMd('lines', USE, 'line\n'.repeat(500)) },
    // emoji are one character each, not two UTF-16 units
    chars: { 'SKILL.md': skillMd('chars', USE, '😀'.repeat(19_999) + '\n') },
  })
  t.same(await findingsOf('body-size', root), [])
})
