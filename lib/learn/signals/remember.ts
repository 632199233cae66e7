// The `remember` signal (session-logs.md §4.1): the human states a standing rule — "remember: …",
// "from now on …", or an imperative "always …" / "never …" — in text they typed. The rule becomes
// a Gotchas bullet of the skill it names (`name`, `/name`, `$name`), else of the skill in play.
// An explicit rule is the user's own word, so one session is enough (threshold 1).
//
// Only `human` events from the main agent count: an injected skill body, a compaction summary or
// a subagent's prompt may well say "always …", but nobody typed it at us.
import { quote } from '../quote.js'
import { activeSkills, evidence } from './common.js'
import type { Detector, Finding, Session, SkillIndex, SkillRef } from './types.js'

/** The confidence of every remember finding (claude-reflect gives `remember:` 0.90). */
export const CONFIDENCE = 0.9
/** Bare "always/never …" in longer messages is more likely pasted prose than a rule for us. */
export const MAX_STANDING_CHARS = 500
/** Only the start of a huge message is scanned: a rule is typed, not pasted at the end of a log. */
const SCAN_CHARS = 4000
/** A bullet's length: one line of a Gotchas section. */
const MAX_BULLET = 200

/** Curly quotes and odd spaces as plain ones, so `don’t` matches `don't`. */
export const normalize = (text: string): string => text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u00a0\u2007\u202f]/g, ' ')

/**
 * A text's sentences: split after `.`, `!`, `?`, `;` followed by a space, and at line ends,
 * never inside a `code span` (commands like `npm run x.y` keep their dots).
 */
export function sentences(text: string): string[] {
  const out: string[] = []
  let cur = ''
  let code = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '`') code = !code
    if (c === '\n' && !code) {
      out.push(cur)
      cur = ''
      continue
    }
    cur += c
    if (!code && '.!?;'.includes(c) && /\s/.test(text[i + 1] ?? ' ')) {
      out.push(cur)
      cur = ''
    }
  }
  out.push(cur)
  return out.map((s) => s.trim()).filter(Boolean)
}

/** Words that may open a sentence before the marker: "ok, remember: …", "also, from now on …". */
const LEAD_IN = /^(?:(?:ok(?:ay)?|also|and|so|please|pls|btw|oh|hey|note|fyi|important)\b[\s,:;.!-]*)+/i
/**
 * The explicit lead-ins, stripped from the rule. "remember when/how/what …" recalls a past
 * event, it states no rule; "going forward" only with its comma ("going forward with X" is no rule).
 */
const MARKER =
  /^(?:remember\b(?!\s+(?:when|how|what|where|why|who|which|whether|if|me)\b)[\s:,\u2013\u2014-]*(?:that\s+|to\s+)?|(?:from now on|henceforth)\b[\s:,\u2013\u2014-]*|going forward\s*[:,\u2013\u2014-][\s:,\u2013\u2014-]*)/i
/**
 * A sentence that opens with "always"/"never" and goes on as an imperative. Not "never mind",
 * nor a statement ("always the same error", "never worked").
 */
const STANDING = /^(?:always|never)\s+(?!(?:mind|again|the|a|an|this|that|it|been|was|is|were|did|does|do|happens|happened|works|worked|seems|fails|failed)\b)\S/i
/** A rule that only points back ("remember this", "remember it") says nothing on its own. */
const POINTER = /^(?:this|that|it|these|those)\b/i

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\w/.test(w)).length

/**
 * The standing rule a sentence states, lead-in stripped and first letter capitalized, or
 * undefined. `bare` allows a rule without an explicit marker ("never push to main").
 */
export function ruleOf(sentence: string, bare = true): string | undefined {
  let s = normalize(sentence).replace(/\s+/g, ' ').trim()
  if (!s || /\?\s*$/.test(s)) return undefined // a question: "do you remember …?", "remember when …?"
  let marked = false
  // "ok, remember, from now on always …": lead-ins and markers may stack
  for (let i = 0; i < 3; i++) {
    s = s.replace(LEAD_IN, '')
    const m = MARKER.exec(s)
    if (!m) break
    s = s.slice(m[0].length).trim()
    marked = true
  }
  if (!marked && (!bare || !STANDING.test(s))) return undefined
  s = s.replace(/^[\s,:;.\u2013\u2014-]+/, '')
  if (wordCount(s) < 2 || POINTER.test(s)) return undefined
  return capitalize(quote(s, MAX_BULLET))
}

/** Every standing rule a human message states, in order, with the sentence that states it. */
export function rulesIn(text: string): { sentence: string; rule: string }[] {
  if (typeof text !== 'string') return []
  const bare = text.trim().length <= MAX_STANDING_CHARS
  const out: { sentence: string; rule: string }[] = []
  for (const sentence of sentences(normalize(text.slice(0, SCAN_CHARS)))) {
    const rule = ruleOf(sentence, bare)
    if (rule) out.push({ sentence, rule })
  }
  return out
}

export const rememberRules = (text: string): string[] => rulesIn(text).map((r) => r.rule)

/** The repo skill a text names: `/name` or `$name` first, then a bare word that is a skill's name. */
export function namedSkill(text: string, skills: SkillIndex): SkillRef | undefined {
  for (const m of text.matchAll(/(?<![\w/$.-])[/$]([A-Za-z0-9][\w-]*(?::[\w-]+)?)/g)) {
    const s = skills.link({ name: m[1]! })
    if (s) return s
  }
  for (const w of text.split(/[^\w-]+/)) {
    const s = w && (skills.get(w) ?? skills.get(w.toLowerCase()))
    if (s) return s
  }
  return undefined
}

/** A bullet as a key: lowercased, single-spaced, without closing punctuation. */
export const normalizeBullet = (bullet: string): string =>
  bullet
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!;:,]+$/, '')

export function detectRemember(session: Session, skills: SkillIndex): Finding[] {
  if (session.subagentOnly) return []
  const active = activeSkills(session, skills)
  const byKey = new Map<string, Finding>()
  session.events.forEach((e, i) => {
    if (e.kind !== 'human' || e.subagent) return
    for (const { sentence, rule } of rulesIn(e.text)) {
      const skill = namedSkill(sentence, skills) ?? namedSkill(e.text, skills) ?? active[i]?.skill
      if (!skill) continue // a rule for no skill we own: CLAUDE.md material, not ours
      const key = `remember:${skill.name}:${normalizeBullet(rule)}`
      const ev = evidence(session, e, 'remember', e.text)
      const seen = byKey.get(key)
      if (seen) seen.evidence.push(ev)
      else byKey.set(key, { signal: 'remember', skill: skill.name, edit: { kind: 'gotcha', bullets: [rule] }, key, confidence: CONFIDENCE, evidence: [ev] })
    }
  })
  return [...byKey.values()]
}

const remember: Detector = {
  id: 'remember',
  describe: 'a standing rule the user stated ("remember: …", "from now on …", "always/never …") → a Gotchas bullet',
  threshold: 1,
  detect: detectRemember,
}

export default remember
