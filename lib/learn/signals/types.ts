// What the signal detectors see and say. A detector is a pure function of one session and the
// repo's skills: same logs, same skills → same findings (no clock, no network). Findings from
// every session are merged by key (aggregate.ts) and gated by recurrence before any becomes a
// proposal.
import type { AgentId, LogEvent } from '../types.js'

export type SignalId = 'failed-command' | 'correction' | 'remember' | 'missed-trigger' | 'missing-file' | 'repeated-procedure'

/** One session's events, in log order. */
export interface Session {
  agent: AgentId
  file: string
  id: string
  cwd?: string
  events: LogEvent[]
  /** every event came from a subagent: nobody typed anything here */
  subagentOnly: boolean
}

/** A command a skill tells the agent to run: a line of a shell code block, an inline `code` span, or a `!`…`` dynamic-context command. */
export interface PrescribedCommand {
  text: string
  /** 1-based line of SKILL.md */
  line: number
  dynamic: boolean
}

/** A repo skill as the detectors need it. Only the user's own skills: sources are read-only. */
export interface SkillRef {
  name: string
  /** absolute folder and SKILL.md */
  dir: string
  file: string
  /** SKILL.md relative to the config folder, `/`-separated: the target of proposals */
  rel: string
  /** SKILL.md as it is on disk: diffs are made against it */
  text: string
  description: string
  commands: PrescribedCommand[]
  /** relative paths the body points at (links, `scripts/x.sh`), with their line */
  references: { path: string; line: number }[]
}

export interface SkillIndex {
  skills: SkillRef[]
  get(name: string): SkillRef | undefined
  /** the repo skill a log's skill use means: by name (namespace dropped), by folder path, or undefined */
  link(use: { name: string; path?: string }): SkillRef | undefined
  /** the repo skill whose SKILL.md (or a file inside its folder) a path names */
  byPath(path: string): SkillRef | undefined
}

/** Where in a log a finding comes from. `quote` is short and redacted. */
export interface Evidence {
  agent: AgentId
  file: string
  line: number
  sessionId: string
  timestamp?: string
  /** what this record shows: "failed", "worked", "correction", "remember", … */
  role: string
  quote: string
}

/** The small, local edit a finding asks for. */
export type Edit =
  /** replace `from` by `to` on one line of the skill's SKILL.md */
  | { kind: 'replace'; line: number; from: string; to: string }
  /** add bullets under the skill's "Gotchas" section (made when missing) */
  | { kind: 'gotcha'; bullets: string[] }
  /** add trigger phrases to the description ("Use when …") */
  | { kind: 'triggers'; phrases: string[] }
  /** a new skill folder with this SKILL.md */
  | { kind: 'new-skill'; name: string; description: string; steps: string[] }

export interface Finding {
  signal: SignalId
  /** the repo skill the edit targets; for new-skill, the draft's name */
  skill: string
  edit: Edit
  /**
   * findings with one key are the same proposal seen again (their evidence is merged and
   * their sessions counted). Default: signal, skill and the edit.
   */
  key?: string
  confidence: number
  /** a failure followed by a success the edit adopts: enough on its own (one session) */
  validated?: boolean
  evidence: Evidence[]
}

export interface Detector {
  id: SignalId
  /** one line for `learn --help` and the README */
  describe: string
  /** distinct sessions a finding needs before it is proposed (validated findings need one) */
  threshold: number
  detect(session: Session, skills: SkillIndex): Finding[]
}
