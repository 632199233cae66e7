// `learn compare <A> <B>`: per skill, in two log sets or two time windows, how often it was
// used, how many uses saw a tool call fail, and how often the user corrected the agent
// after it, so a user can see whether an edit helped. Corrections come from the same detector
// as the proposals, without its gate: here every occurrence counts.
import type { Context } from '../context.js'
import { usageError } from '../errors.js'
import { eachSession, type ReadSummary } from './run.js'
import { parseWhen, type ScanFilter } from './scan.js'
import { activeSkills, failed, skillUses } from './signals/common.js'
import { detectors } from './signals/index.js'
import type { SkillIndex } from './signals/types.js'

export interface SkillStats {
  skill: string
  /** sessions that used the skill */
  sessions: number
  uses: number
  /** uses during which a tool call failed */
  failures: number
  /** corrections, rejections and interrupts after a use */
  corrections: number
  failureRate: number | null
  correctionsPerUse: number | null
}

export interface LogSet {
  label: string
  paths: string[]
  filter: ScanFilter
}

/** `A` as a log set: `<when>..<when>` (either side may be empty) is a window over the default logs; anything else is a path. */
export function logSet(arg: string, base: ScanFilter, now: number): LogSet {
  const parts = arg.split('..')
  const when = (s: string) => s === '' || /^\d+\s*[a-z]+$/i.test(s) || /^\d{4}-\d{2}-\d{2}/.test(s)
  if (parts.length === 2 && when(parts[0]!) && when(parts[1]!) && arg !== '..') {
    const since = parts[0] ? parseWhen(parts[0], now, 'window start') : undefined
    const until = parts[1] ? parseWhen(parts[1], now, 'window end') : undefined
    if (since && until && since >= until) throw usageError(`window "${arg}" ends before it starts`)
    return { label: arg, paths: [], filter: { ...base, since: since ?? base.since, until } }
  }
  return { label: arg, paths: [arg], filter: base }
}

const CORRECTION_ROLES = new Set(['correction', 'rejected', 'interrupted'])

export async function skillStats(ctx: Context, index: SkillIndex, set: LogSet): Promise<{ read: ReadSummary; stats: SkillStats[] }> {
  const by = new Map<string, SkillStats>()
  const row = (skill: string) => {
    let s = by.get(skill)
    if (!s) by.set(skill, (s = { skill, sessions: 0, uses: 0, failures: 0, corrections: 0, failureRate: null, correctionsPerUse: null }))
    return s
  }
  const correction = detectors.find((d) => d.id === 'correction')
  const read = await eachSession(ctx, set.paths, set.filter, (session) => {
    const used = new Set<string>()
    for (const { skill } of skillUses(session, index)) {
      row(skill.name).uses++
      used.add(skill.name)
    }
    for (const name of used) row(name).sessions++
    // a failure counts against the use it happened under, once per use: the rate is
    // independent of the skill's current text, so it compares before and after an edit
    const active = activeSkills(session, index)
    const failedUses = new Set<number>()
    session.events.forEach((e, i) => {
      const a = active[i]
      if (a && e.kind === 'tool-result' && failed(e) && !failedUses.has(a.at)) {
        failedUses.add(a.at)
        row(a.skill.name).failures++
      }
    })
    for (const f of correction?.detect(session, index) ?? []) row(f.skill).corrections += f.evidence.filter((e) => CORRECTION_ROLES.has(e.role)).length
  })
  const stats = [...by.values()].sort((a, b) => (a.skill < b.skill ? -1 : 1))
  for (const s of stats) {
    s.failureRate = s.uses ? Math.round((s.failures / s.uses) * 1000) / 1000 : null
    s.correctionsPerUse = s.uses ? Math.round((s.corrections / s.uses) * 1000) / 1000 : null
  }
  return { read, stats }
}
