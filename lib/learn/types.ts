// One event stream for every agent's session log: each reader (readers/<agent>.ts) turns its
// agent's records into these, keeping the file and line of each for evidence. The signal
// detectors read only these.

export type AgentId = 'claude-code' | 'codex' | 'gemini-cli' | 'openclaw' | 'copilot'

/** What every event carries. */
export interface EventBase {
  agent: AgentId
  /** the log file (absolute) and the 1-based line the event comes from */
  file: string
  line: number
  sessionId: string
  timestamp?: string
  /** the session's working folder when the log says */
  cwd?: string
  /** from a subagent (Claude sidechain, Codex subagent, Gemini child session) */
  subagent?: boolean
}

/** Start of a session (one per file, or per session in files that hold several). */
export interface SessionStart extends EventBase {
  kind: 'session'
  /** the agent's own version string, when logged */
  version?: string
}

/** Text the human typed. Never a compaction summary, an injected skill body or a replay. */
export interface HumanMessage extends EventBase {
  kind: 'human'
  text: string
}

/** Text in the user's role that the human did not type: skill bodies, reminders, command output. */
export interface InjectedMessage extends EventBase {
  kind: 'injected'
  text: string
  /** what it is, e.g. "skill-body", "command", "environment", "meta" */
  why: string
}

export interface AssistantMessage extends EventBase {
  kind: 'assistant'
  text: string
}

export interface ToolCall extends EventBase {
  kind: 'tool-call'
  /** the call id results refer to */
  id: string
  /** the tool's name as the agent logs it (Bash, exec_command, run_shell_command, …) */
  name: string
  input: unknown
  /** the shell command, when the tool runs one */
  command?: string
  /** the file the tool reads, when it reads one (Read, a `cat`/`sed` of a file, read) */
  readPath?: string
}

export interface ToolResult extends EventBase {
  kind: 'tool-result'
  /** the call it answers */
  id: string
  /** false: failed; true: succeeded; undefined: the log does not say */
  ok?: boolean
  exitCode?: number
  /** the output, cut to a few KB */
  output: string
  /** the user refused to run it */
  rejected?: boolean
}

/** A skill was used: by its tool, a typed /name or $name, a read of its SKILL.md, or injection. */
export interface SkillUse extends EventBase {
  kind: 'skill-use'
  /** the skill's name, without a plugin: namespace */
  name: string
  how: 'tool' | 'slash' | 'dollar' | 'read' | 'injected'
  /** where its SKILL.md was, when the log shows it */
  path?: string
  /** the SKILL.md text the agent saw, when the log has it */
  body?: string
}

/** The history was summarised; what follows is not the human speaking. */
export interface Compaction extends EventBase {
  kind: 'compaction'
  summary?: string
}

/** The user stopped the agent mid-turn. */
export interface Interrupt extends EventBase {
  kind: 'interrupt'
}

export type LogEvent = SessionStart | HumanMessage | InjectedMessage | AssistantMessage | ToolCall | ToolResult | SkillUse | Compaction | Interrupt

/** What a read skipped, by reason: logs drift, so nothing aborts a read. */
export interface ReadCounts {
  lines: number
  records: number
  blank: number
  nul: number
  invalidJson: number
  oversized: number
  /** an unterminated last line that does not parse: the agent is still writing it */
  pending: number
  unknownType: number
}

export const emptyCounts = (): ReadCounts => ({ lines: 0, records: 0, blank: 0, nul: 0, invalidJson: 0, oversized: 0, pending: 0, unknownType: 0 })

export interface LogReader {
  agent: AgentId
  /** whether a file is this agent's format, from its first record (and path) */
  detect(first: unknown, path: string): boolean
  /** the agent's log files under a home folder */
  locate(home: string, env: NodeJS.ProcessEnv): string[]
  /** the file's events, in order; counts what it skipped */
  read(path: string, counts: ReadCounts): AsyncIterable<LogEvent>
}
