// Findings from every session, merged by key and gated. The gate defaults to no proposal: a
// finding becomes a candidate only when it recurs in its detector's number of distinct sessions,
// or once when validated (a failure followed by the success the edit adopts). Memory stays
// bounded however many sessions repeat a finding: sessions are counted, evidence is capped.
import type { Detector, Edit, Evidence, Finding, SignalId } from './signals/types.js'

/** Evidence records kept per candidate (the count of sessions is kept in full). */
export const MAX_EVIDENCE = 10
/** Bullets or phrases one proposal adds, at most. */
const MAX_ITEMS = 3

export interface Candidate {
  key: string
  signal: SignalId
  skill: string
  edit: Edit
  /** distinct sessions the finding was seen in */
  recurrence: number
  validated: boolean
  confidence: number
  evidence: Evidence[]
}

interface Group {
  findings: Finding[]
  sessions: Set<string>
  /** how many sessions voted for each variant of the edit, by its JSON */
  votes: Map<string, { edit: Edit; n: number; confidence: number }>
  evidence: Evidence[]
  validated: boolean
}

export const findingKey = (f: Finding): string => f.key ?? `${f.signal}:${f.skill}:${JSON.stringify(f.edit)}`

export class Aggregator {
  private groups = new Map<string, Group>()

  add(findings: Finding[]): void {
    for (const f of findings) {
      const key = findingKey(f)
      let g = this.groups.get(key)
      if (!g) this.groups.set(key, (g = { findings: [], sessions: new Set(), votes: new Map(), evidence: [], validated: false }))
      const ev = f.evidence[0]
      if (ev) g.sessions.add(`${ev.file}\0${ev.sessionId}`)
      g.validated ||= !!f.validated
      const variant = JSON.stringify(f.edit)
      const vote = g.votes.get(variant)
      if (vote) {
        vote.n++
        vote.confidence = Math.max(vote.confidence, f.confidence)
      } else if (g.votes.size < 50) g.votes.set(variant, { edit: f.edit, n: 1, confidence: f.confidence })
      if (g.findings.length === 0) g.findings.push(f)
      for (const e of f.evidence) if (g.evidence.length < MAX_EVIDENCE) g.evidence.push(e)
    }
  }

  /** The groups that pass their detector's gate, most confident first. */
  candidates(detectors: readonly Detector[]): Candidate[] {
    const out: Candidate[] = []
    for (const [key, g] of this.groups) {
      const first = g.findings[0]!
      const detector = detectors.find((d) => d.id === first.signal)
      const recurrence = g.sessions.size
      if (recurrence < (g.validated ? 1 : (detector?.threshold ?? 2))) continue
      const votes = [...g.votes.values()]
      const edit = mergeEdits(votes)
      const base = Math.max(...votes.map((v) => v.confidence))
      // each further session adds a little: recurrence is the best evidence logs give
      const confidence = Math.round(Math.min(0.95, base + 0.05 * (recurrence - 1)) * 100) / 100
      out.push({ key, signal: first.signal, skill: first.skill, edit, recurrence, validated: g.validated, confidence, evidence: g.evidence })
    }
    return out.sort((a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : 1))
  }
}

/**
 * One edit from a group's variants. A replacement is the one most sessions made (the fix that
 * worked most often), and beats a bullet; bullets and trigger phrases are the most frequent few.
 */
export function mergeEdits(votes: { edit: Edit; n: number; confidence: number }[]): Edit {
  const ranked = [...votes].sort((a, b) => b.n - a.n || b.confidence - a.confidence)
  const replace = ranked.find((v) => v.edit.kind === 'replace')
  if (replace) return replace.edit
  const top = ranked[0]!.edit
  if (top.kind === 'gotcha' || top.kind === 'triggers') {
    const counts = new Map<string, number>()
    for (const v of ranked) {
      if (v.edit.kind !== top.kind) continue
      const items = v.edit.kind === 'gotcha' ? v.edit.bullets : v.edit.kind === 'triggers' ? v.edit.phrases : []
      for (const item of items) counts.set(item, (counts.get(item) ?? 0) + v.n)
    }
    const items = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_ITEMS).map(([item]) => item)
    return top.kind === 'gotcha' ? { kind: 'gotcha', bullets: items } : { kind: 'triggers', phrases: items }
  }
  return top
}

const PROCEDURE = 'repeated-procedure:'

/**
 * New-skill drafts, one per procedure: a procedure is also reported as its shorter runs (so
 * sessions that differ by a step still agree), so the longest that passed the gate is kept and
 * any run inside it, or any draft taking a name already given, is dropped.
 */
export function distinctProcedures(candidates: Candidate[]): Candidate[] {
  const steps = (c: Candidate) => c.key.slice(PROCEDURE.length).split(' → ')
  const drafts = candidates.filter((c) => c.key.startsWith(PROCEDURE)).sort((a, b) => steps(b).length - steps(a).length || b.recurrence - a.recurrence)
  const kept: Candidate[] = []
  const names = new Set<string>()
  for (const c of drafts) {
    const s = steps(c).join('\n')
    const name = c.edit.kind === 'new-skill' ? c.edit.name : c.key
    if (names.has(name) || kept.some((k) => ('\n' + steps(k).join('\n') + '\n').includes('\n' + s + '\n'))) continue
    kept.push(c)
    names.add(name)
  }
  return candidates.filter((c) => !c.key.startsWith(PROCEDURE) || kept.includes(c))
}
