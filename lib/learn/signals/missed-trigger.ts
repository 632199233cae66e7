// The `missed-trigger` signal (session-logs.md §4.1, "S should have triggered"): a repo skill
// whose description did not match a task it was made for. Two shapes in one session:
//  (a) the human typed a task, the agent worked on it without skill S, then the user invoked S
//      by hand (`/S`, `$S`, a Copilot user-invoked skill): the task's prompts are what S's
//      description failed to match;
//  (b) the agent did S's job by hand: two or more distinct commands S prescribes in one turn,
//      and S never used in the session: the prompt that started the turn is the missed trigger.
// The edit adds short trigger phrases cut from those prompts. One session proves little (the
// user may just like typing /S), so the aggregator needs two.
//
// Only text the human typed counts: never the invocation itself, injected text, compaction
// summaries, or anything a subagent did.
import { dollarSkill } from '../readers/shell.js'
import type { HumanMessage, LogEvent, ToolCall } from '../types.js'
import { activeSkills, commandParts, evidence, prescribedIn, skillUses } from './common.js'
import { isCommandPrompt, isReadOnly, stepShape } from './repeated-procedure.js'
import type { Detector, Evidence, Finding, Session, SkillIndex, SkillRef } from './types.js'

/** (a) is the user's own act; (b) is inferred from commands, so it is weaker. */
export const CONFIDENCE_BY_HAND = 0.6
export const CONFIDENCE_DONE_BY_HAND = 0.5
/** Phrases per finding, prompts per hand invocation, evidence records per finding. */
const MAX_PHRASES = 3
const MAX_PROMPTS = 3
const MAX_EVIDENCE = 8
/** A trigger phrase is short: a few words of one line of a description. */
const MAX_PHRASE_CHARS = 60
const MAX_PHRASE_WORDS = 6
/** Only the start of a prompt is read: a task is stated first, pastes come after. */
const SCAN_CHARS = 600

/**
 * Words trimmed from both ends of a phrase and never counted as content: articles, pronouns,
 * auxiliaries, politeness and fillers. Inside a phrase they stay ("commit my changes").
 */
const STOP = new Set(
  (
    'a an the this that these those it its them they their there here me my mine we us our you your i ' +
    'is are was were be been being am do does did done have has had will would shall should can could may might must ' +
    'please pls plz kindly just now then also too again still already really actually maybe ' +
    'ok okay hey hi hello thanks thank yes no yeah yep nope sure right wrong good great nice fine cool ' +
    'let lets let\'s go ahead try need want like help wanna gonna gotta ' +
    'and or but so if as of to in on at for from with by about into onto over under up out off ' +
    'some any all every each other another what which who how why when where something anything ' +
    'not don\'t dont can\'t cant same more less very much many well'
  ).split(' '),
)
/** Verbs and nouns too vague to be a trigger on their own ("run", "fix", "errors"). */
const VAGUE = new Set('run do make fix get use check see look show tell give put add work start stop continue keep finish change update thing stuff error errors issue issues problem problems code file files'.split(' '))
/** Prepositions that end a verb+object phrase once it has two words: "save my work | to git". */
const CUT_AT = new Set(['to', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'about', 'into', 'onto', 'of', 'so', 'because', 'since', 'before', 'after', 'using', 'via', 'like', 'as', 'if', 'when', 'while'])
/** Clause breaks: punctuation and the words that chain a second task ("…, then push"). */
const CLAUSE_BREAK = /[.,;:!?()[\]{}"“”\n]+|\s(?:then|but|so that|and then|after that|afterwards|also)\s/

/** `changes` and `change` are one word to a description match. */
const stem = (w: string): string => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)

const descriptionWords = (description: string): Set<string> =>
  new Set(description.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem))

/**
 * Up to `max` short trigger phrases from a prompt: each clause cut to its leading verb+object,
 * stop words trimmed from both ends, code, paths and numbers left out. A phrase whose content
 * words the description already has adds nothing and is skipped.
 */
export function triggerPhrases(prompt: string, description = '', max = MAX_PHRASES): string[] {
  if (typeof prompt !== 'string') return []
  const known = descriptionWords(typeof description === 'string' ? description : '')
  const text = prompt
    .slice(0, SCAN_CHARS)
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/```[\s\S]*?(```|$)|`[^`]*`/g, ' , ') // code: never a trigger phrase
    .replace(/\S*[/\\@#=~]\S*/g, ' , ') // paths, URLs, @files, #issues, key=value
    .replace(/\b[0-9a-f]{7,}\b|\S*\d\S*/g, ' , ') // hashes, numbers, versions
  const out: string[] = []
  for (const clause of text.split(CLAUSE_BREAK)) {
    let words = clause
      .split(/\s+/)
      .map((w) => w.replace(/^[^a-z']+|[^a-z']+$/g, ''))
      .filter((w) => /^[a-z][a-z'-]*$/.test(w))
    while (words.length && STOP.has(words[0]!)) words.shift()
    const cut = words.findIndex((w, i) => i >= 2 && CUT_AT.has(w))
    if (cut !== -1) words = words.slice(0, cut)
    words = words.slice(0, MAX_PHRASE_WORDS)
    while (words.join(' ').length > MAX_PHRASE_CHARS) words.pop()
    while (words.length && STOP.has(words.at(-1)!)) words.pop()
    const content = words.filter((w) => !STOP.has(w) && w.length > 1)
    if (content.length === 0 || content.every((w) => known.has(stem(w)))) continue
    if (words.length === 1 && VAGUE.has(words[0]!)) continue
    const phrase = words.join(' ')
    if (!out.includes(phrase)) out.push(phrase)
    if (out.length >= max) break
  }
  return out
}

/** The name a `/name` or `$name` prompt invokes. */
function invokedName(text: string): string | undefined {
  const slash = /^\s*\/([a-z][\w.:-]*)(?:\s|$)/i.exec(text)
  return slash ? slash[1] : dollarSkill(text)
}

/**
 * The repo skill an event invokes by the user's hand, or undefined: a slash or dollar skill use;
 * a Copilot `skill.invoked` without a skill tool call (the reader's `injected`: the user invoked
 * it); a typed `/S` or `$S` prompt (Codex logs the prompt and, when the body comes first, an
 * injected use instead of a dollar one).
 */
function handInvocation(e: LogEvent, session: Session, skills: SkillIndex): SkillRef | undefined {
  if (e.kind === 'skill-use') {
    if (e.how === 'slash' || e.how === 'dollar' || (e.how === 'injected' && session.agent === 'copilot')) return skills.link(e)
    return undefined
  }
  if (e.kind === 'human') {
    const name = invokedName(e.text)
    return name ? skills.link({ name }) : undefined
  }
  return undefined
}

interface Prompt {
  at: number
  event: HumanMessage
  /** the agent answered it (text or a tool call) before the next prompt */
  worked: boolean
  /** a repo skill was used in its turn: the prompt did trigger a skill */
  triggered: Set<string>
}

/** Findings per skill, merged: one per skill and session, phrases and evidence capped. */
class Merged {
  private bySkill = new Map<string, Finding>()
  add(skill: SkillRef, confidence: number, phrases: string[], ev: Evidence[]): void {
    if (phrases.length === 0) return
    let f = this.bySkill.get(skill.name)
    if (!f) {
      f = { signal: 'missed-trigger', skill: skill.name, key: `missed-trigger:${skill.name}`, confidence, edit: { kind: 'triggers', phrases: [] }, evidence: [] }
      this.bySkill.set(skill.name, f)
    }
    const edit = f.edit as { kind: 'triggers'; phrases: string[] }
    for (const p of phrases) if (edit.phrases.length < MAX_PHRASES && !edit.phrases.includes(p)) edit.phrases.push(p)
    for (const e of ev) if (f.evidence.length < MAX_EVIDENCE) f.evidence.push(e)
    f.confidence = Math.max(f.confidence, confidence)
  }
  findings(): Finding[] {
    return [...this.bySkill.values()]
  }
}

/** (a): prompts of a task the user then handed to S themselves. */
function invokedByHand(session: Session, skills: SkillIndex, out: Merged): void {
  const prompts: Prompt[] = []
  // index of the last event that used or invoked each skill: prompts before it are not S's misses
  const mark = new Map<string, number>()
  // a non-hand use waits for the next event that settles it: Codex writes the `<skill>` body of a
  // `$S` prompt before the prompt, and that body is the invocation, not the agent picking S
  let held: { skill: SkillRef; at: number } | undefined
  const settle = () => {
    if (!held) return
    mark.set(held.skill.name, held.at)
    prompts.at(-1)?.triggered.add(held.skill.name)
    held = undefined
  }
  session.events.forEach((e, i) => {
    if (e.subagent) {
      if (e.kind === 'tool-call' || e.kind === 'assistant') {
        const last = prompts.at(-1)
        if (last) last.worked = true
      }
      return
    }
    const invoked = handInvocation(e, session, skills)
    if (invoked) {
      if (held && held.skill.name !== invoked.name) settle()
      held = undefined
      const since = mark.get(invoked.name) ?? -1
      const task = prompts.filter((p) => p.at > since && p.worked && p.triggered.size === 0).slice(-MAX_PROMPTS)
      mark.set(invoked.name, i)
      if (task.length === 0) return
      // the prompt nearest the invocation says best what the user wanted S for
      const phrases = task.toReversed().flatMap((p) => triggerPhrases(p.event.text, invoked.description))
      const typed = e.kind === 'human' ? e.text : e.kind === 'skill-use' && e.how !== 'injected' ? `${e.how === 'dollar' ? '$' : '/'}${e.name}` : invoked.name
      out.add(invoked, CONFIDENCE_BY_HAND, phrases, [...task.map((p) => evidence(session, p.event, 'prompt', p.event.text)), evidence(session, e, 'invoked-by-hand', typed)])
      return
    }
    if (e.kind === 'skill-use') {
      const skill = skills.link(e)
      if (!skill) return
      settle()
      if (e.how === 'injected') held = { skill, at: i }
      else {
        mark.set(skill.name, i)
        prompts.at(-1)?.triggered.add(skill.name)
      }
      return
    }
    if (e.kind === 'human' || e.kind === 'assistant' || e.kind === 'tool-call') settle()
    if (e.kind === 'human') {
      // a `/x` prompt still ends the turn before it, but is no task: it counts as triggered
      prompts.push({ at: i, event: e, worked: false, triggered: new Set(isCommandPrompt(e.text) ? ['/'] : []) })
    } else if (e.kind === 'assistant' || e.kind === 'tool-call') {
      const last = prompts.at(-1)
      if (last) last.worked = true
    }
  })
}

/** (b): a turn that ran two or more of S's commands while S was never used in the session. */
function doneByHand(session: Session, skills: SkillIndex, out: Merged): void {
  const used = new Set(skillUses(session, skills).map((u) => u.skill.name))
  const candidates = skills.skills.filter((s) => !used.has(s.name) && s.commands.length >= 2)
  if (candidates.length === 0) return
  const active = activeSkills(session, skills)
  let prompt: HumanMessage | undefined
  // per skill, this turn's distinct prescribed commands and the calls that ran them
  let turn = new Map<string, { skill: SkillRef; commands: Set<string>; acts: boolean; calls: ToolCall[] }>()
  const endTurn = () => {
    for (const { skill, commands, acts, calls } of turn.values()) {
      // `git status` and `git diff` in one turn are a look around, not S's job: one step must act
      if (commands.size < 2 || !acts || !prompt) continue
      const p = prompt
      const phrases = triggerPhrases(p.text, skill.description)
      out.add(skill, CONFIDENCE_DONE_BY_HAND, phrases, [evidence(session, p, 'prompt', p.text), ...calls.slice(0, 4).map((c) => evidence(session, c, 'done-by-hand', c.command ?? ''))])
    }
    turn = new Map()
  }
  session.events.forEach((e, i) => {
    if (e.subagent) return
    if (e.kind === 'human') {
      endTurn()
      // a `/x` or `$x` prompt started the turn: nobody typed a task we could quote
      prompt = isCommandPrompt(e.text) ? undefined : e
      return
    }
    if (e.kind !== 'tool-call' || !e.command) return
    const following = active[i]?.skill
    // one call may run several of S's commands (`git add -A && git commit …`): each counts
    for (const part of commandParts(e.command)) {
      // following another skill that prescribes the same command is not doing S's job by hand
      if (following && prescribedIn(part, following)) continue
      for (const skill of candidates) {
        const p = prescribedIn(part, skill)
        if (!p) continue
        let t = turn.get(skill.name)
        if (!t) turn.set(skill.name, (t = { skill, commands: new Set(), acts: false, calls: [] }))
        t.commands.add(p.text)
        const shape = stepShape(part.split(' '))
        if (shape && !isReadOnly(shape)) t.acts = true
        if (!t.calls.includes(e)) t.calls.push(e)
      }
    }
  })
  endTurn()
}

const detector: Detector = {
  id: 'missed-trigger',
  describe: 'a repo skill should have triggered: the user invoked it by hand after the agent worked without it, or the agent ran its commands by hand',
  threshold: 2,
  detect(session, skills) {
    if (session.subagentOnly || skills.skills.length === 0) return []
    const out = new Merged()
    invokedByHand(session, skills, out)
    doneByHand(session, skills, out)
    return out.findings()
  },
}

export default detector
