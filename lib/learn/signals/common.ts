// What several detectors need: which repo skill is in play at each event, commands compared
// word by word, tool results by call, and evidence records.
import { quote } from '../quote.js'
import { simpleCommands } from '../readers/shell.js'
import type { LogEvent, SkillUse, ToolCall, ToolResult } from '../types.js'
import type { Evidence, PrescribedCommand, Session, SkillIndex, SkillRef } from './types.js'

/** Human turns after a skill use that still count as "after S" (session-logs.md §4.1). */
export const AFTER_TURNS = 3

export interface Active {
  skill: SkillRef
  /** index of the skill-use event in session.events */
  at: number
}

/**
 * For each event of a session, the repo skill in play: the last one used (and linked to the
 * repo), until `turns` human messages have gone by since its use. Subagent events see the
 * skill of their parent's turn.
 */
export function activeSkills(session: Session, skills: SkillIndex, turns = AFTER_TURNS): (Active | undefined)[] {
  const out: (Active | undefined)[] = []
  let active: Active | undefined
  let humans = 0
  // the prompt that invoked the skill is not a turn after it (Codex logs the injected body
  // before the `$name` prompt that asked for it)
  const invokes = (text: string, name: string) => new RegExp(`^\\s*[$/](?:[\\w.-]+:)?${name}(?![\\w-])`).test(text)
  session.events.forEach((e, i) => {
    if (e.kind === 'skill-use') {
      const skill = skills.link(e)
      if (skill) {
        active = { skill, at: i }
        humans = 0
      }
    } else if (e.kind === 'human' && active && !(humans === 0 && invokes(e.text, active.skill.name)) && ++humans > turns) active = undefined
    out.push(active)
  })
  return out
}

/** The skill uses of a session that link to repo skills. */
export function skillUses(session: Session, skills: SkillIndex): { use: SkillUse; skill: SkillRef; at: number }[] {
  const out: { use: SkillUse; skill: SkillRef; at: number }[] = []
  session.events.forEach((e, at) => {
    if (e.kind !== 'skill-use') return
    const skill = skills.link(e)
    if (skill) out.push({ use: e, skill, at })
  })
  return out
}

/** A command line as its simple commands, each normalised to single-spaced words. */
export const commandParts = (command: string): string[] => simpleCommands(command).map((w) => w.join(' '))

/**
 * The skill's prescribed command a shell command runs: every simple command of the prescribed
 * one appears, in order, among the call's. One-word commands (`ls`) are too common to say.
 */
export function prescribedIn(command: string, skill: SkillRef): PrescribedCommand | undefined {
  const ran = commandParts(command)
  if (ran.length === 0) return undefined
  let best: PrescribedCommand | undefined
  for (const p of skill.commands) {
    const want = commandParts(p.text)
    if (want.length === 0 || (want.length === 1 && !want[0]!.includes(' '))) continue
    let k = 0
    for (const r of ran) if (k < want.length && r === want[k]) k++
    if (k === want.length && (!best || p.text.length > best.text.length)) best = p
  }
  return best
}

/** Tool results by the call they answer (the last one wins: some logs repeat them). */
export function resultsById(session: Session): Map<string, ToolResult> {
  const out = new Map<string, ToolResult>()
  for (const e of session.events) if (e.kind === 'tool-result') out.set(e.id, e)
  return out
}

/** Calls by id. */
export function callsById(session: Session): Map<string, ToolCall> {
  const out = new Map<string, ToolCall>()
  for (const e of session.events) if (e.kind === 'tool-call') out.set(e.id, e)
  return out
}

/** Cancelled because a sibling call failed: says nothing about this call. */
const CANCELLED = /Sibling tool call errored|Cancelled: parallel tool call/i

/** The result reports a failure (an error flag or a non-zero exit), not a cancellation or a refusal. */
export const failed = (r: ToolResult | undefined): r is ToolResult =>
  !!r && !r.rejected && (r.ok === false || (r.exitCode !== undefined && r.exitCode !== 0)) && !CANCELLED.test(r.output)

/** The result reports success: an ok flag or exit 0, and no error. */
export const succeeded = (r: ToolResult | undefined): r is ToolResult =>
  !!r && !r.rejected && r.ok !== false && (r.ok === true || r.exitCode === 0)

/** An evidence record for an event, quoting `text`. */
export function evidence(session: Session, e: LogEvent, role: string, text: string): Evidence {
  return { agent: session.agent, file: e.file, line: e.line, sessionId: session.id, ...(e.timestamp ? { timestamp: e.timestamp } : {}), role, quote: quote(text) }
}
