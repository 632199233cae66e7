// The `correction` signal (session-logs.md §4.1): within AFTER_TURNS human turns of a repo skill's
// use, the human tells the agent it got something wrong ("no, use pnpm not npm"), refuses a tool
// call, or interrupts it. Each is weak alone (the human may be correcting something the skill
// never said), so a correction only becomes a proposal once it recurs across sessions: every
// correction of a skill shares the key `correction:<skill>`, and the aggregator counts sessions.
//
// Patterns and false-positive filter after claude-reflect (`scripts/lib/reflect_utils.py`), with a
// fixed confidence per pattern instead of its count-and-length arithmetic, so a table test pins
// each one. Only `human` events from the main agent are read: injected skill bodies, compaction
// summaries and subagent prompts say "don't …" too, but nobody typed it at us.
import { quote } from '../quote.js'
import type { LogEvent } from '../types.js'
import { activeSkills, callsById, evidence } from './common.js'
import { normalize, rememberRules, sentences } from './remember.js'
import type { Detector, Evidence, Finding, Session, SkillIndex } from './types.js'

export interface CorrectionPattern {
  name: string
  re: RegExp
  confidence: number
  /** only in short messages (≤ MAX_WEAK_CHARS): in a long one it is more likely narrative */
  weak?: boolean
}

/**
 * Confidence by pattern (the highest that matches wins). `^` patterns are "leading": they match
 * at the start of the message or after an interjection ("hmm, no, …", "wait, don't …", "no, I told you …").
 *
 * | pattern                                   | confidence | why                                             |
 * |-------------------------------------------|-----------:|-------------------------------------------------|
 * | I told you / I already told you / I said  | 0.90       | a repeated instruction: the surest sign         |
 * | that's wrong / that is incorrect / …      | 0.85       | explicit verdict                                |
 * | use X not Y / use X instead (of Y)        | 0.85       | names the right thing: the most useful bullet   |
 * | I meant …                                 | 0.80       | a clarification of what was asked               |
 * | don't … / do not …                        | 0.80       | a prohibition                                   |
 * | never … (not "never mind")                | 0.80       | a prohibition                                   |
 * | wrong …                                   | 0.80       | verdict, without saying what                    |
 * | no, / no. / nope / "no use …"             | 0.75       | a refusal, often of the last step               |
 * | stop …                                    | 0.70       | may also be a task ("stop the server")          |
 * | … instead of …                            | 0.65       | anywhere in the message: weaker                 |
 * | actually … (weak)                         | 0.55       | often just new information                      |
 * | rejected tool call, with the user's words | 0.75       | (not a pattern: see REJECTED_WITH_WORDS)        |
 * | rejected tool call, no words              | 0.60       | refused, reason unknown                         |
 * | interrupt                                 | 0.55       | stopped, reason unknown                         |
 */
export const PATTERNS: readonly CorrectionPattern[] = [
  { name: 'i-told-you', re: /^(?:i (?:already |just )?told you|i said)\b/i, confidence: 0.9 },
  { name: "that's-wrong", re: /^(?:that'?s|that is|this is|it'?s|it is) (?:wrong|incorrect|not right|not what i (?:asked|wanted|meant))\b/i, confidence: 0.85 },
  { name: 'use-x-not-y', re: /\buse\s+[^.?!;\n]{1,40}?(?:,\s*|\s+)(?:not|rather than|instead of)\s+\S/i, confidence: 0.85 },
  { name: 'use-x-instead', re: /\buse\s+[^.?!;\n]{1,40}?,?\s+instead\b/i, confidence: 0.85 },
  { name: 'i-meant', re: /^i meant\b/i, confidence: 0.8 },
  { name: "don't", re: /^(?:don'?t|do not)\b/i, confidence: 0.8 },
  { name: 'never', re: /^never\b(?!\s*mind)/i, confidence: 0.8 },
  { name: 'wrong', re: /^wrong\b/i, confidence: 0.8 },
  { name: 'no', re: /^(?:no|nope)(?:\s*[,.!;:]|\s+(?:it|it'?s|that|that'?s|this|not|use|don'?t|wait|the other)\b)/i, confidence: 0.75 },
  { name: 'stop', re: /^stop\b/i, confidence: 0.7 },
  { name: 'instead-of', re: /\binstead of\b/i, confidence: 0.65 },
  { name: 'actually', re: /^actually\b/i, confidence: 0.55, weak: true },
]

export const REJECTED_WITH_WORDS = 0.75
export const REJECTED = 0.6
export const INTERRUPTED = 0.55

/** Longer messages are tasks or pasted text, not corrections (claude-reflect: 500). */
export const MAX_CHARS = 500
/** Weak patterns only count in short messages (claude-reflect: 150). */
export const MAX_WEAK_CHARS = 150
/** A bullet's length. */
const MAX_BULLET = 200

/**
 * Messages that match a pattern but are not corrections. Tested on the message and on it
 * without a leading interjection.
 */
export const FALSE_POSITIVES: readonly { name: string; re: RegExp }[] = [
  { name: 'question', re: /\?\s*$/ },
  { name: 'new task', re: /^(?:please|pls|can you|could you|would you|will you|help me|let'?s)\b/i },
  { name: 'need/want', re: /^i(?: really)? (?:need|want|would like)\b|^i'd like\b/i },
  {
    name: 'error report',
    re: /\b(?:i(?:'m| am)? (?:get|got|getting|see|seeing)|there(?:'s| is)) (?:an? |the |this |that )?(?:error|exception|failure|crash|stack ?trace|traceback)\b|\bfail(?:s|ed)? with\b|\berror:/i,
  },
  { name: 'praise', re: /^(?:thanks|thank you|thx|great|perfect|nice|awesome|excellent|amazing|looks good|lgtm|good job|well done|love it|nailed it)\b/i },
  { name: 'no problem', re: /^no (?:problem|worries)\b|^no,? thank(?:s| you)\b/i },
]

/** "hmm, ", "wait, ", "ugh " before the words that matter. */
const INTERJECTION = /^(?:(?:hmm+|hm+|ugh|oh|ah|wait|hey|sorry|well|uh+|um+)\b[\s,.!:;-]*)+/i
/** For the patterns a leading "no," is one more interjection: "no, I told you …" is "I told you …". */
const LEAD = /^(?:(?:hmm+|hm+|ugh|oh|ah|wait|hey|sorry|well|uh+|um+|no|nope)\b[\s,.!:;-]*)+/i
/** What a refusal says before its content: a bullet needs more than "no." or "stop!". */
const OPENER = /^(?:(?:no|nope|stop|wrong|actually|hmm+|ugh|oh|wait)\b[\s,.!:;-]*)+/i

export interface Correction {
  pattern: string
  confidence: number
}

/** The false-positive filter a message trips, if any (exported for table tests). */
export function falsePositive(text: string): string | undefined {
  const t = normalize(text).replace(/\s+/g, ' ').trim()
  const head = t.replace(INTERJECTION, '')
  return FALSE_POSITIVES.find((f) => f.re.test(t) || f.re.test(head))?.name
}

/** The correction a human message makes: its strongest pattern, or undefined. */
export function classifyCorrection(text: string): Correction | undefined {
  if (typeof text !== 'string') return undefined
  const t = normalize(text).replace(/\s+/g, ' ').trim()
  if (!t || t.length > MAX_CHARS || falsePositive(t)) return undefined
  const head = t.replace(LEAD, '')
  let best: Correction | undefined
  for (const p of PATTERNS) {
    if (p.weak && t.length > MAX_WEAK_CHARS) continue
    if (!p.re.test(t) && !p.re.test(head)) continue
    if (!best || p.confidence > best.confidence) best = { pattern: p.name, confidence: p.confidence }
  }
  return best
}

/**
 * The bullet a correction proposes: the user's words on one line, redacted, at most 200
 * characters (a long message keeps its sentences from the first correcting one); none when they
 * are only a refusal ("No.", "stop!").
 */
export function correctionBullet(text: string): string | undefined {
  let t = normalize(text).replace(/\s+/g, ' ').trim()
  if (t.length > MAX_BULLET) {
    const all = sentences(t)
    const from = Math.max(0, all.findIndex((s) => PATTERNS.some((p) => p.re.test(s) || p.re.test(s.replace(LEAD, '')))))
    let kept = all[from] ?? t
    for (const s of all.slice(from + 1)) {
      if (kept.length + 1 + s.length > MAX_BULLET) break
      kept += ' ' + s
    }
    t = kept
  }
  const content = t.replace(OPENER, '')
  if (content.split(/\s+/).filter((w) => /\w/.test(w)).length < 2) return undefined
  return quote(t, MAX_BULLET)
}

/** What the user typed when refusing a tool call (Claude Code appends it after "the user said:"). */
export function rejectionWords(output: string): string | undefined {
  const m = /the user said:\s*([\s\S]*)$/i.exec(output ?? '')
  const words = m?.[1]?.trim()
  return words ? words : undefined
}

interface Hit {
  role: 'correction' | 'rejected' | 'interrupted'
  confidence: number
  quote: string
  bullet?: string
}

function hitOf(e: LogEvent, callName: (id: string) => string | undefined): Hit | undefined {
  if (e.kind === 'human') {
    // a standing rule ("never …", "from now on …") is the remember signal's, proposed on its own
    if (rememberRules(e.text).length > 0) return undefined
    const c = classifyCorrection(e.text)
    return c && { role: 'correction', confidence: c.confidence, quote: e.text, bullet: correctionBullet(e.text) }
  }
  if (e.kind === 'tool-result' && e.rejected) {
    const words = rejectionWords(e.output)
    // the user's reason needs no pattern (it is a reply to a refusal), only the question/length filter
    if (words && words.length <= MAX_CHARS && !/\?\s*$/.test(words)) {
      return { role: 'rejected', confidence: REJECTED_WITH_WORDS, quote: words, bullet: correctionBullet(words) }
    }
    return { role: 'rejected', confidence: REJECTED, quote: `rejected ${callName(e.id) ?? 'tool call'}` }
  }
  if (e.kind === 'interrupt') return { role: 'interrupted', confidence: INTERRUPTED, quote: 'interrupted' }
  return undefined
}

export function detectCorrection(session: Session, skills: SkillIndex): Finding[] {
  if (session.subagentOnly) return []
  const active = activeSkills(session, skills)
  const calls = callsById(session)
  const callName = (id: string) => {
    const c = calls.get(id)
    return c && (c.command ? `${c.name}: ${c.command}` : c.name)
  }
  // one finding per skill and session: its corrections' bullets merged
  const bySkill = new Map<string, { confidence: number; bullets: string[]; evidence: Evidence[] }>()
  session.events.forEach((e, i) => {
    const a = active[i]
    if (!a || e.subagent) return
    const hit = hitOf(e, callName)
    if (!hit) return
    let f = bySkill.get(a.skill.name)
    if (!f) bySkill.set(a.skill.name, (f = { confidence: 0, bullets: [], evidence: [] }))
    f.confidence = Math.max(f.confidence, hit.confidence)
    if (hit.bullet && !f.bullets.some((b) => b.toLowerCase() === hit.bullet!.toLowerCase())) f.bullets.push(hit.bullet)
    f.evidence.push(evidence(session, e, hit.role, hit.quote))
  })
  return [...bySkill].map(([skill, f]) => ({
    signal: 'correction',
    skill,
    edit: { kind: 'gotcha', bullets: f.bullets },
    key: `correction:${skill}`,
    confidence: f.confidence,
    evidence: f.evidence,
  }))
}

const correction: Detector = {
  id: 'correction',
  describe: 'the user corrected, refused or interrupted the agent soon after a skill was used → their words as a Gotchas bullet',
  threshold: 2,
  detect: detectCorrection,
}

export default correction
