// Human output for learn and its subcommands (the --json output is the data as is).
import { isAbsolute, relative } from 'node:path'
import type { Evidence } from './signals/types.js'
import type { Proposal } from './propose.js'

/** A log file as short as it can be said: relative below the working folder, else absolute. */
const where = (e: Evidence, cwd: string) => {
  const rel = relative(cwd, e.file)
  return `${rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : e.file}:${e.line}`
}

/** One proposal in a list: id, confidence, what it does. */
export const proposalLine = (p: Proposal, note = ''): string => `  ${p.id}  ${p.confidence.toFixed(2)}  ${p.summary}${note}`

export function evidenceLines(p: Proposal, cwd: string, max = p.evidence.length): string[] {
  const lines = p.evidence.slice(0, max).map((e) => `    ${e.role}: ${where(e, cwd)} (${e.agent}${e.timestamp ? `, ${e.timestamp.slice(0, 10)}` : ''}) "${e.quote}"`)
  if (p.evidence.length > max) lines.push(`    … and ${p.evidence.length - max} more (dotskills learn show ${p.id})`)
  return lines
}

/** A proposal in full: what, why, and the diff. */
export function showProposal(p: Proposal, cwd: string): string {
  return [
    `proposal ${p.id}: ${p.summary}`,
    `  signal: ${p.signal}; skill: ${p.skill}; file: ${p.target}`,
    `  confidence: ${p.confidence.toFixed(2)}; seen in ${p.recurrence} session${p.recurrence === 1 ? '' : 's'}${p.validated ? '; validated by a command that worked' : ''}${p.llm ? '; text from --llm' : ''}`,
    '  evidence:',
    ...evidenceLines(p, cwd),
    '',
    p.diff.trimEnd(),
    '',
  ].join('\n')
}

interface StatsSide {
  read: { files: number; sessions: number }
  stats: { skill: string; uses: number; failureRate: number | null; correctionsPerUse: number | null }[]
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${Math.round(v * 100)}%`)
const num = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(2))

/** Per skill, side by side: uses, failure rate, corrections per use. */
export function compareTable(la: string, a: StatsSide, lb: string, b: StatsSide): string {
  const names = [...new Set([...a.stats, ...b.stats].map((s) => s.skill))].sort()
  const head = ['skill', `uses A`, `uses B`, 'fail A', 'fail B', 'corr/use A', 'corr/use B']
  const rows = names.map((n) => {
    const x = a.stats.find((s) => s.skill === n)
    const y = b.stats.find((s) => s.skill === n)
    return [n, String(x?.uses ?? 0), String(y?.uses ?? 0), pct(x?.failureRate), pct(y?.failureRate), num(x?.correctionsPerUse), num(y?.correctionsPerUse)]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  const out = [`A: ${la} (${a.read.sessions} sessions in ${a.read.files} files)`, `B: ${lb} (${b.read.sessions} sessions in ${b.read.files} files)`, '']
  if (names.length === 0) out.push('no repo skill was used in either')
  else out.push(fmt(head), ...rows.map(fmt))
  return out.join('\n') + '\n'
}
