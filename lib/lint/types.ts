// The lint rule contract. A rule is data (id, default severity, docs line) plus up to three
// hooks: per skill, per text file of a skill, and once across all skills.
import type { DiscoveredSkill } from '../skills/discover.js'
import type { ParsedSkillFile, Position } from '../skills/parse.js'
import type { Profile } from './profiles/profile.js'

export type Severity = 'off' | 'warn' | 'error'

export interface Finding {
  ruleId: string
  severity: 'error' | 'warn'
  message: string
  /** absolute path of the file */
  file: string
  line: number
  column: number
}

export interface FindingInput {
  message: string
  /** defaults to the skill's SKILL.md */
  file?: string
  line?: number
  column?: number
}

export type Report = (finding: FindingInput) => void

/** A skill as the rules see it: discovered, parsed, schema-checked once. */
export interface LintSkill extends DiscoveredSkill {
  parsed: ParsedSkillFile
  /** frontmatter as plain data when it parsed to a mapping */
  data?: Record<string, unknown>
  /** position of a frontmatter key (`which: 'key'`) or its value, in file coordinates */
  position(path: readonly (string | number)[], which?: 'key' | 'value'): Position
  /** schema errors for the active profile, computed once and shared by the schema rules */
  schemaErrors: SchemaError[]
}

export interface SchemaError {
  keyword: string
  /** path inside the frontmatter, e.g. ['metadata', 'author'] */
  path: (string | number)[]
  message: string
  params: Record<string, unknown>
}

export interface TextFile {
  /** absolute path */
  path: string
  /** path relative to the skill folder */
  rel: string
  /**
   * the raw bytes: search these first (`bytes.includes('AKIA')` is native and allocates
   * nothing). Valid only during the checkText call: the engine reuses the buffer.
   */
  bytes: Buffer
  /** the text, CRLF normalised to LF; decoded on first use */
  readonly text: string
}

export interface RuleContext {
  profile: Profile
  cwd: string
}

export interface Rule {
  id: string
  severity: Severity
  /** one line for docs and `--help`: what it catches and why it matters */
  docs: string
  checkSkill?(skill: LintSkill, report: Report, ctx: RuleContext): void
  /** called for every text file of a skill (SKILL.md included), each read once */
  checkText?(file: TextFile, skill: LintSkill, report: Report, ctx: RuleContext): void
  /**
   * called once with every skill linted in this run. The skills are released by then: no text,
   * body or YAML tree, only data and the positions of top-level fields.
   */
  checkAll?(skills: LintSkill[], report: (skill: LintSkill, finding: FindingInput) => void, ctx: RuleContext): void
}
