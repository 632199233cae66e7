import { relative } from 'node:path'
import type { LintSkill, Rule } from '../types.js'

/**
 * Jaccard similarity at or above 4/5 is reported. Kept as a fraction so that ⌈T·n⌉ and the
 * comparisons below are exact integer arithmetic for any threshold (0.55 * 100 is 55.00000000000001
 * in floating point: its ceiling would shorten a prefix by one and miss pairs).
 * Why 0.8, from the 431 real skills: all 18 pairs at ≥ 0.8 are templated twins that differ in
 * one or two words ("Get best practices for XUnit/NUnit unit testing…"; java-/kotlin-springboot,
 * where only "and Kotlin" tells them apart). Between 0.7 and 0.8 twins mix with skills a reader
 * tells apart at once ("Create a new implementation plan…" vs "Update an existing implementation
 * plan…", 0.76), so a lower threshold would start reporting distinct skills.
 */
const T_NUM = 4
const T_DEN = 5

/** English function words: they say nothing about what a skill does. */
const STOPWORDS = new Set(
  ('the and for with from into that this these those than then them they their there here what which who whom how ' +
    'when where why are was were been being has have had not but any all can will should must may might its your ' +
    'you our out about over under via per each both such also only just more most other some very').split(' '),
)

/** Lowercased words of letters and digits, minus stopwords and words under 3 characters, plural "s" cut. */
function descriptionTokens(text: string): string[] {
  const tokens = new Set<string>()
  for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if ([...word].length < 3 || STOPWORDS.has(word)) continue
    tokens.add(stem(word))
  }
  return [...tokens]
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

interface Entry {
  skill: LintSkill
  /** token ids, rarest first (the global order the prefix filter needs) */
  ids: number[]
}

const rule: Rule = {
  id: 'description-overlap',
  severity: 'warn',
  docs: 'two skills with near-identical descriptions (≥ 80% of their words shared, Jaccard): agents choose a skill by its description, so overlapping ones get picked for each other\'s tasks',
  checkAll(skills, report, ctx) {
    const where = (s: LintSkill) => relative(ctx.cwd, s.dir) || '.'
    const name = (s: LintSkill) => (typeof s.data?.name === 'string' ? s.data.name : where(s))
    for (const [a, b, o, u] of similarPairs(skills)) {
      const percent = u === 0 ? 100 : Math.floor((100 * o) / u)
      for (const [self, other] of [[a, b], [b, a]]) {
        report(self.skill, {
          message: `description is ${percent}% similar (shared ÷ combined words) to that of "${name(other.skill)}" (${where(other.skill)}); agents may pick one for the other: say what sets them apart`,
          ...self.skill.position(['description']),
        })
      }
    }
  },
}
export default rule

/**
 * Pairs with Jaccard ≥ T, as [a, b, |a∩b|, |a∪b|], without comparing all pairs (AllPairs with
 * prefix filtering, Bayardo et al. 2007). Tokens are ordered rarest first; a set of n tokens is
 * indexed and probed only by its first n − ⌈T·n⌉ + 1 tokens, its "prefix". Very common words
 * ("use", "code") sort last, so they sit in almost no prefix and never make candidate lists long.
 *
 * Why no pair is missed: if J(x, y) ≥ T then o = |x∩y| ≥ T·|x∪y| ≥ T·max(|x|, |y|), so
 * o ≥ α = ⌈T·max(|x|, |y|)⌉. The rarest shared token c has the other o − 1 ≥ α − 1 shared tokens
 * after it in both x and y, so it lies within the first |x| − α + 1 tokens of x and the first
 * |y| − α + 1 of y, which are within both prefixes (α ≥ ⌈T·|x|⌉, α ≥ ⌈T·|y|⌉). Every candidate
 * is then verified with its exact intersection, so common tokens are still counted.
 */
function similarPairs(skills: LintSkill[]): [Entry, Entry, number, number][] {
  const sets: { skill: LintSkill; tokens: string[] }[] = []
  const emptyByText = new Map<string, LintSkill[]>()
  for (const skill of skills) {
    const d = skill.data?.description
    if (typeof d !== 'string' || d.trim() === '') continue
    const tokens = descriptionTokens(d)
    if (tokens.length > 0) sets.push({ skill, tokens })
    else {
      // no words to compare ("TBD", "…"): only an identical text counts as overlap
      const key = d.trim().toLowerCase().replace(/\s+/g, ' ')
      emptyByText.set(key, [...(emptyByText.get(key) ?? []), skill])
    }
  }

  const df = new Map<string, number>()
  for (const { tokens } of sets) for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1)
  const order = [...df.keys()].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0))
  const id = new Map(order.map((t, i) => [t, i]))
  const entries: Entry[] = sets
    .map(({ skill, tokens }) => ({ skill, ids: tokens.map((t) => id.get(t)!).sort((a, b) => a - b) }))
    .sort((a, b) => a.ids.length - b.ids.length)

  const pairs: [Entry, Entry, number, number][] = []
  const index = new Map<number, Entry[]>()
  for (const x of entries) {
    const n = x.ids.length
    const prefix = n - Math.ceil((T_NUM * n) / T_DEN) + 1
    const candidates = new Set<Entry>()
    for (let i = 0; i < prefix; i++) {
      for (const y of index.get(x.ids[i]) ?? []) {
        // entries come smallest first, so |y| ≤ |x|, and J ≤ |y| / |x|
        if (T_DEN * y.ids.length >= T_NUM * n) candidates.add(y)
      }
    }
    for (const y of candidates) {
      const o = intersectionSize(x.ids, y.ids)
      const u = n + y.ids.length - o
      if (T_DEN * o >= T_NUM * u) pairs.push([y, x, o, u])
    }
    for (let i = 0; i < prefix; i++) {
      const list = index.get(x.ids[i])
      if (list) list.push(x)
      else index.set(x.ids[i], [x])
    }
  }
  for (const group of emptyByText.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) pairs.push([{ skill: group[i], ids: [] }, { skill: group[j], ids: [] }, 0, 0])
    }
  }
  return pairs
}

function intersectionSize(a: number[], b: number[]): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return n
}
