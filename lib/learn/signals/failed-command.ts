// Signal 1: a command the skill prescribes failed while the skill was in play. Two shapes:
// the agent ran a prescribed command (a shell call whose simple commands contain it) and it
// failed; or Claude Code's loader ran a `!`cmd`` dynamic-context line and reported
// "Bash command failed for pattern". When, later in the same turn, the agent ran a command of
// the same program and subcommand that is not in the skill and it succeeded, that is the fix:
// the proposal replaces the prescribed command with it (validated: one session is enough).
// Without a fix the proposal is a Gotchas bullet and needs the failure in two sessions.
import { commandParts, evidence, failed, prescribedIn, resultsById, succeeded, activeSkills } from './common.js'
import type { Detector, Finding, PrescribedCommand, Session, SkillRef } from './types.js'
import type { LogEvent, ToolCall } from '../types.js'

const LOADER_FAILURE = /Bash command failed for pattern "!`([^`]+)`"/g

/** `git log --oneline -5` → `git log`: a command's program and its first word when that is a subcommand, not an option or a path. */
export function commandShape(part: string): string {
  const [program, sub] = part.split(' ')
  return sub && /^[a-z][\w-]*$/.test(sub) ? `${program} ${sub}` : program!
}

const sameText = (a: string, b: string) => commandParts(a).join(' && ') === commandParts(b).join(' && ')

/** The first line of an error output worth quoting (skips "Exit code N" headers and blanks). */
function errorLine(output: string): string {
  for (const line of output.split('\n')) {
    const l = line.replace(/^\[stderr\]\s*/, '').trim()
    if (l && !/^(Exit code|Process exited with code|Command exited with code)\b/i.test(l) && !/^Bash command failed/.test(l)) return l
  }
  return output.trim().split('\n')[0] ?? ''
}

/**
 * The command that worked instead: after event `from`, before the next human message, a
 * successful shell call with a simple command of the failing one's shape that the skill does
 * not prescribe.
 */
function fixAfter(session: Session, from: number, failing: PrescribedCommand, skill: SkillRef, results: ReturnType<typeof resultsById>): { call: ToolCall; text: string } | undefined {
  const shapes = new Set(commandParts(failing.text).map(commandShape))
  for (let i = from + 1; i < session.events.length; i++) {
    const e = session.events[i]!
    if (e.kind === 'human') return undefined
    if (e.kind !== 'tool-call' || !e.command || e.subagent) continue
    if (!succeeded(results.get(e.id))) continue
    for (const part of commandParts(e.command)) {
      if (!shapes.has(commandShape(part)) || sameText(part, failing.text)) continue
      if (skill.commands.some((c) => sameText(c.text, part))) continue
      return { call: e, text: part }
    }
  }
  return undefined
}

const detector: Detector = {
  id: 'failed-command',
  describe: 'a command the skill prescribes failed; with the command that worked instead when the session shows one',
  threshold: 2,
  detect(session, skills) {
    const findings: Finding[] = []
    const active = activeSkills(session, skills)
    const results = resultsById(session)
    const seen = new Set<string>()
    session.events.forEach((e, i) => {
      const skill = active[i]?.skill
      if (!skill) return
      const failures: { command: PrescribedCommand; text: string; at: LogEvent }[] = []
      if (e.kind === 'tool-result' && failed(e)) {
        for (const m of e.output.matchAll(LOADER_FAILURE)) {
          const command = skill.commands.find((c) => c.dynamic && sameText(c.text, m[1]!))
          if (command) failures.push({ command, text: e.output, at: e })
        }
      } else if (e.kind === 'tool-call' && e.command) {
        const r = results.get(e.id)
        const command = failed(r) ? prescribedIn(e.command, skill) : undefined
        if (command && r) failures.push({ command, text: r.output, at: r })
      }
      for (const { command, text, at } of failures) {
        if (seen.has(command.text)) continue // one finding per command per session
        seen.add(command.text)
        const failedEvidence = evidence(session, at, 'failed', `${command.text}: ${errorLine(text)}`)
        const fix = fixAfter(session, i, command, skill, results)
        const key = `failed-command:${skill.name}:${command.text}`
        if (fix) {
          findings.push({
            signal: 'failed-command',
            skill: skill.name,
            key,
            edit: { kind: 'replace', line: command.line, from: command.text, to: fix.text },
            confidence: 0.8,
            validated: true,
            evidence: [failedEvidence, evidence(session, fix.call, 'worked', fix.text)],
          })
        } else {
          findings.push({
            signal: 'failed-command',
            skill: skill.name,
            key,
            edit: { kind: 'gotcha', bullets: [`\`${command.text}\` can fail: "${errorLine(text).slice(0, 160)}". Check before relying on it.`] },
            confidence: 0.6,
            evidence: [failedEvidence],
          })
        }
      }
    })
    return findings
  },
}
export default detector
