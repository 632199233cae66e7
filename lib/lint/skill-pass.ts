// The per-skill pass of the lint engine: read and parse each SKILL.md once, schema-check it
// once, run every rule's checkSkill and checkText, and keep only a small summary of the skill
// for the cross-skill rules.
import { isUtf8 } from 'node:buffer'
import { isMap, isSeq, type Node } from 'yaml'
import { pathError } from '../errors.js'
import type { DiscoveredSkill } from '../skills/discover.js'
import { MAX_SKILL_BYTES, parseSkillFile, type Position } from '../skills/parse.js'
import { getProfile } from './profiles/index.js'
import type { Profile } from './profiles/profile.js'
import type { LintCache } from './cache.js'
import { BoundedReader } from './read-bounded.js'
import { rules as allRules } from './rules/index.js'
import { checkFrontmatter } from './schema-check.js'
import type { Finding, FindingInput, LintSkill, Rule, RuleContext, Severity, TextFile } from './types.js'

/** Text files above this size are not scanned (secrets, paths): they are data, not prose. */
export const MAX_TEXT_BYTES = 1024 * 1024

/** What a pass needs to know. */
export interface PassSettings {
  profileId: string
  severities: Record<string, Severity>
  cwd: string
}

/** A skill after its own rules ran: data and top-level field positions, no text or YAML tree. */
export interface SkillSummary extends DiscoveredSkill {
  bytes: number
  bodyLine: number
  data?: Record<string, unknown>
  /** `${field}\0key|value` → position */
  positions: [string, Position][]
  fallback: Position
}

export type ActiveRule = { rule: Rule; severity: 'error' | 'warn' }

export function effectiveSeverity(rule: Rule, profile: Profile, overrides: Record<string, Severity> = {}): Severity {
  return overrides[rule.id] ?? profile.severities?.[rule.id] ?? rule.severity
}

export function activeRules(profile: Profile, severities: Record<string, Severity>): ActiveRule[] {
  return allRules
    .map((rule) => ({ rule, severity: effectiveSeverity(rule, profile, severities) }))
    .filter((r): r is ActiveRule => r.severity !== 'off')
}

/**
 * A copy of `s` that holds no reference to the text it was cut from. V8 keeps slices and
 * concatenations of a string as views of the original, so one kept description or message
 * kept its whole SKILL.md alive: 15 MB of heap and most GC time on the benchmark corpus.
 */
export const detach = (s: string): string => (' ' + s).slice(1)

export function makeFinding(ruleId: string, severity: 'error' | 'warn', skill: { file: string }, f: FindingInput): Finding {
  return { ruleId, severity, message: detach(f.message), file: f.file ?? skill.file, line: f.line ?? 1, column: f.column ?? 1 }
}

export function lintSkills(
  discovered: DiscoveredSkill[],
  settings: PassSettings,
  cache?: LintCache,
): { findings: Finding[]; skills: SkillSummary[] } {
  const profile = getProfile(settings.profileId)!
  const active = activeRules(profile, settings.severities)
  const textRules = active.filter((r) => r.rule.checkText)
  const ctx: RuleContext = { profile, cwd: settings.cwd }
  const findings: Finding[] = []
  const reporter = (ruleId: string, severity: 'error' | 'warn', skill: DiscoveredSkill) => (f: FindingInput) => {
    findings.push(makeFinding(ruleId, severity, skill, f))
  }
  // Synchronous reads on purpose: for thousands of small files they beat the promise API
  // (measured 2× on the benchmark corpus), and one file is in memory at a time.
  const skillReader = new BoundedReader(MAX_SKILL_BYTES)
  const textReader = new BoundedReader(MAX_TEXT_BYTES)
  const skills: SkillSummary[] = []
  for (const d of discovered) {
    const stamp = cache?.stamp(d)
    const hit = stamp ? cache!.get(d.dir, stamp) : undefined
    if (hit) {
      findings.push(...hit.findings)
      skills.push(hit.summary)
      continue
    }
    const first = findings.length
    lintOne(d)
    if (stamp) cache!.set(d.dir, { stamp, findings: findings.slice(first), summary: skills[skills.length - 1] })
  }
  return { findings, skills }

  function lintOne(d: DiscoveredSkill) {
    const read = skillReader.read(d.file)
    if (!read) throw pathError('cannot read the file', { path: d.file })
    const skill = loadSkill(d, read.bytes, read.size, profile)
    for (const { rule, severity } of active) {
      rule.checkSkill?.(skill, reporter(rule.id, severity, skill), ctx)
    }
    skills.push(summarize(skill))
    if (textRules.length === 0) return
    const check = (file: TextFile) => {
      for (const { rule, severity } of textRules) {
        rule.checkText!(file, skill, reporter(rule.id, severity, skill), ctx)
      }
    }
    check({ path: skill.file, rel: skill.fileName, bytes: read.bytes ?? Buffer.alloc(0), text: skill.parsed.text })
    for (const f of skill.files) {
      if (f.path === skill.file || f.symlink) continue
      const bytes = textReader.read(f.path)?.bytes
      // empty, over the cap, binary (NUL in the first 8 KB) or not UTF-8: not text we lint
      if (!bytes || bytes.length === 0 || bytes.subarray(0, 8000).includes(0) || !isUtf8(bytes)) continue
      check(lazyText(f.path, f.rel, bytes))
    }
  }
}

function loadSkill(d: DiscoveredSkill, bytes: Buffer | undefined, size: number, profile: Profile): LintSkill {
  const parsed = parseSkillFile(bytes ?? Buffer.alloc(0), size)
  const fm = parsed.frontmatter
  const data = fm && isPlainObject(fm.data) ? fm.data : undefined
  const fallback: Position = { line: fm ? fm.openLine : 1, column: 1 }
  return {
    ...d,
    parsed,
    data,
    schemaErrors: data ? checkFrontmatter(data, profile) : [],
    position(path, which = 'value') {
      if (!fm) return fallback
      let node: unknown = fm.doc.contents
      let keyNode: unknown
      for (const seg of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg)
          if (!pair) break
          keyNode = pair.key
          node = pair.value
        } else if (isSeq(node) && typeof seg === 'number') {
          keyNode = node.items[seg]
          node = node.items[seg]
        } else break
      }
      const target = (which === 'key' ? keyNode : node ?? keyNode) as Node | undefined
      if (!target?.range) return path.length === 0 && node === fm.doc.contents ? { line: fm.openLine + 1, column: 1 } : fallback
      const { line, col } = fm.lineCounter.linePos(target.range[0])
      return { line: line + fm.openLine, column: col }
    },
  }
}

/**
 * What checkAll needs of a skill once its own rules have run: its data and the positions of
 * its top-level fields. Dropping the text and YAML tree keeps the heap small (keeping them for
 * thousands of skills made garbage collection a third of the run time).
 */
function summarize(skill: LintSkill): SkillSummary {
  const positions: [string, Position][] = []
  for (const key of Object.keys(skill.data ?? {})) {
    positions.push([`${key}\0value`, skill.position([key])], [`${key}\0key`, skill.position([key], 'key')])
  }
  const { dir, file, fileName, files } = skill
  // structuredClone copies the strings, detaching them from the SKILL.md text (see detach)
  const data = skill.data && structuredClone(skill.data)
  return { dir, file, fileName, files, data, bytes: skill.parsed.bytes, bodyLine: skill.parsed.bodyLine, positions, fallback: skill.position([]) }
}

/** A summary as the LintSkill that checkAll rules receive. */
export function revive(summary: SkillSummary): LintSkill {
  const positions = new Map(summary.positions)
  return {
    ...summary,
    parsed: { bytes: summary.bytes, text: '', body: '', bodyLine: summary.bodyLine, problems: [] },
    schemaErrors: [],
    position: (path, which = 'value') => (path.length === 1 && positions.get(`${path[0]}\0${which}`)) || summary.fallback,
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Most text files are only searched for a few byte strings: decode them only when needed. */
function lazyText(path: string, rel: string, bytes: Buffer): TextFile {
  let text: string | undefined
  return {
    path,
    rel,
    bytes,
    get text() {
      if (text === undefined) {
        text = bytes.toString('utf8')
        if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n')
      }
      return text
    },
  }
}
