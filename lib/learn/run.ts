// One `learn` run: the repo's skills, the log files, every session through every detector,
// the findings merged and gated, each candidate drafted as a diff and kept only when it leaves
// the skill lint-clean. Files are read one at a time, so memory holds one file's events plus
// the (bounded) findings.
import type { LoadedConfig } from '../config/load.js'
import type { Context } from '../context.js'
import { progressLine } from '../progress.js'
import { Aggregator, distinctProcedures } from './aggregate.js'
import { draft, unifiedDiff, type Draft, type Proposal } from './propose.js'
import { findLogs, keepSession, type ScanFilter } from './scan.js'
import { readSessions } from './sessions.js'
import { detectors } from './signals/index.js'
import type { Session, SkillIndex } from './signals/types.js'
import { emptyCounts, type ReadCounts } from './types.js'

export interface ReadSummary {
  files: number
  /** files in no known log format (skipped) */
  unknownFiles: number
  sessions: number
  counts: ReadCounts
}

/** The repo's own skills (SKILL.md files; templates are rendered per agent, so not learned from) and where new skills go. */
export async function repoSkills(config: LoadedConfig): Promise<{ index: SkillIndex; newSkillRoot: string }> {
  const { ownSkills } = await import('../skills/own.js')
  const { readSkill, skillIndex } = await import('./skills.js')
  const { relative, sep } = await import('node:path')
  const { roots, skills } = await ownSkills(config)
  const refs = skills.filter((s) => s.fileName === 'SKILL.md').map((s) => readSkill(s.dir, s.file, config.dir))
  const root = roots[0] ? relative(config.dir, roots[0]).split(sep).join('/') : 'skills'
  return { index: skillIndex(refs), newSkillRoot: root }
}

/** Every session of the logs that passes the filter, one file at a time. */
export async function eachSession(ctx: Context, paths: string[], filter: ScanFilter, visit: (s: Session) => void): Promise<ReadSummary> {
  const files = findLogs(paths, ctx.cwd, ctx.home, ctx.env, filter)
  const counts = emptyCounts()
  let sessions = 0
  let done = 0
  let unknownFiles = 0
  const progress = progressLine(ctx)
  for (const f of files) {
    progress.step(`learn: reading log files: ${++done}/${files.length}`)
    const found = await readSessions(f.path, counts, f.reader)
    if (!found) unknownFiles++
    for (const s of found ?? []) {
      if (!keepSession(s, filter)) continue
      sessions++
      visit(s)
    }
  }
  progress.done()
  return { files: files.length, unknownFiles, sessions, counts }
}

export interface Dropped {
  summary: string
  why: string
}

export interface LearnResult extends ReadSummary {
  proposals: Proposal[]
  dropped: Dropped[]
  skills: number
}

export interface LearnOptions {
  paths: string[]
  filter: ScanFilter
  /** a command that gets each proposal's evidence and skill on stdin and prints the skill's new text */
  llm?: string
}

export async function learn(ctx: Context, config: LoadedConfig, opts: LearnOptions): Promise<LearnResult> {
  const { index, newSkillRoot } = await repoSkills(config)
  const agg = new Aggregator()
  const read = await eachSession(ctx, opts.paths, opts.filter, (s) => {
    for (const d of detectors) agg.add(d.detect(s, index))
  })
  const proposals: Proposal[] = []
  const dropped: Dropped[] = []
  const { lintErrors } = await import('./validate.js')
  const errorsNow = new Map<string, number>()
  const lintOk = async (d: Draft, text: string): Promise<string | undefined> => {
    const skill = index.get(d.proposal.skill)
    const dir = d.before === null ? undefined : skill?.dir
    let now = 0
    if (dir) {
      if (!errorsNow.has(dir)) errorsNow.set(dir, (await lintErrors(ctx, config.config.lint, d.proposal.skill, dir, d.before!)).errors)
      now = errorsNow.get(dir)!
    }
    const after = await lintErrors(ctx, config.config.lint, d.proposal.skill, dir, text)
    return after.errors > now ? `the edit would add lint errors:\n${after.report.trimEnd()}` : undefined
  }
  for (const c of distinctProcedures(agg.candidates(detectors))) {
    const d = await draft(c, index, newSkillRoot)
    if (!d) continue
    const why = await lintOk(d, d.after)
    if (why) {
      dropped.push({ summary: d.proposal.summary, why })
      continue
    }
    if (opts.llm) {
      const { askLlm } = await import('./llm.js')
      const text = await askLlm(opts.llm, d, index, ctx)
      if (text.ok) {
        const bad = text.text === d.before ? 'it returned the skill unchanged' : await lintOk(d, text.text)
        if (bad) ctx.info(`dotskills: --llm answer for ${d.proposal.id} not used: ${bad.split('\n')[0]}`)
        else {
          d.proposal.diff = await unifiedDiff(d.proposal.target, d.before, text.text)
          d.proposal.llm = true
        }
      } else ctx.info(`dotskills: --llm for ${d.proposal.id} not used: ${text.why}`)
    }
    proposals.push(d.proposal)
  }
  return { ...read, proposals, dropped, skills: index.skills.length }
}

