// Shared by the learn tests: read a whole file through a reader, drop the fields every event
// shares so the rest can be compared exactly, and run a detector over fixture sessions.
import { join } from 'node:path'
import { readSessions } from '../../lib/learn/sessions.js'
import type { Detector, Finding, Session, SkillIndex } from '../../lib/learn/signals/types.js'
import { readSkill, skillIndex } from '../../lib/learn/skills.js'
import { emptyCounts, type LogEvent, type LogReader, type ReadCounts } from '../../lib/learn/types.js'

export async function readAllWith(reader: LogReader, path: string): Promise<{ events: LogEvent[]; counts: ReadCounts }> {
  const counts = emptyCounts()
  const events: LogEvent[] = []
  for await (const e of reader.read(path, counts)) events.push(e)
  return { events, counts }
}

const SHARED = ['agent', 'file', 'sessionId', 'timestamp', 'cwd']

/** the events without the shared fields (`keep` names shared ones a test wants to compare) */
export const stripShared = (events: LogEvent[], keep: string[] = []): Record<string, unknown>[] =>
  events.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !SHARED.includes(k) || keep.includes(k))))

/** The sessions of a log file, as `learn` groups them. */
export async function sessionsOf(path: string): Promise<Session[]> {
  return (await readSessions(path, emptyCounts())) ?? []
}

/** A SkillIndex of the skill folders under `<root>/skills/`, with `root` as the config folder. */
export function indexOf(root: string, names: string[]): SkillIndex {
  return skillIndex(names.map((n) => readSkill(join(root, 'skills', n), join(root, 'skills', n, 'SKILL.md'), root)))
}

/** Findings of one detector over every session of some files. */
export async function findingsOf(detector: Detector, index: SkillIndex, files: string[]): Promise<Finding[]> {
  const out: Finding[] = []
  for (const f of files) for (const s of await sessionsOf(f)) out.push(...detector.detect(s, index))
  return out
}

/** The sessions of a fixture file, which must be read cleanly: no invalid line, no unknown record. */
export async function cleanSessionsOf(path: string): Promise<Session[]> {
  const counts = emptyCounts()
  const sessions = (await readSessions(path, counts)) ?? [] // undefined: no reader knows the file
  if (sessions.length === 0 || counts.invalidJson || counts.unknownType) throw new Error(`${path}: not read cleanly: ${sessions.length} sessions, ${JSON.stringify(counts)}`)
  return sessions
}

/** A finding with its evidence as `line role: quote`, for exact comparison. */
export const brief = (f: Finding) => ({ ...f, evidence: f.evidence.map((e) => `${e.line} ${e.role}: ${e.quote}`) })

/** A detector's findings for a session, after checking every evidence record points into it. */
export function detectIn(detector: Detector, s: Session, skills: SkillIndex): Finding[] {
  const found = detector.detect(s, skills)
  for (const f of found) for (const e of f.evidence) if (e.file !== s.file || e.sessionId !== s.id || e.agent !== s.agent) throw new Error('evidence points elsewhere')
  return found
}
