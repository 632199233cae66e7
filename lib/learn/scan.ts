// Which log files `learn` reads: the paths given (files, or folders searched for *.jsonl), or
// every agent's default locations under --home; then the filters: --agent, --since/--until
// (file times first, then session times), --project (the session's working folder).
import { statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { usageError } from '../errors.js'
import { readers } from './readers/index.js'
import { isDir, walk } from './readers/shell.js'
import type { Session } from './signals/types.js'
import type { AgentId, LogReader } from './types.js'

export interface LogFile {
  path: string
  /** known when the file came from an agent's default location */
  reader?: LogReader
}

export interface ScanFilter {
  agents?: AgentId[]
  since?: Date
  until?: Date
  /** absolute project folder: only sessions whose working folder is in it */
  project?: string
}

const DURATION = /^(\d+)\s*(m|min|h|d|w|mo|y)$/i
const UNIT_MS: Record<string, number> = { m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, mo: 30 * 86400e3, y: 365 * 86400e3 }

/** `7d`, `12h`, `2w`, `3mo` (before `now`) or an ISO date/time, as a Date; a usage error otherwise. */
export function parseWhen(value: string, now: number, flag = '--since'): Date {
  const v = value.trim()
  const d = DURATION.exec(v)
  if (d) return new Date(now - Number(d[1]) * UNIT_MS[d[2]!.toLowerCase()]!)
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const t = Date.parse(v)
    if (!Number.isNaN(t)) return new Date(t)
  }
  throw usageError(`${flag} "${value}" is not a date or a duration`, { hint: 'give an ISO date (2026-11-01) or a duration back from now (7d, 12h, 2w, 3mo)' })
}

export const AGENT_IDS: readonly AgentId[] = readers.map((r) => r.agent)

/** Checked --agent values (learn reads logs of these agents only). */
export function logAgents(ids: string[] | undefined): AgentId[] | undefined {
  if (!ids?.length) return undefined
  for (const id of ids) {
    if (!(AGENT_IDS as readonly string[]).includes(id)) throw usageError(`learn reads no logs of agent "${id}"`, { hint: `agents with session logs: ${AGENT_IDS.join(', ')}` })
  }
  return ids as AgentId[]
}

/** The log files to read, sorted, each once. */
export function findLogs(paths: string[], cwd: string, home: string, env: NodeJS.ProcessEnv, filter: ScanFilter): LogFile[] {
  const files = new Map<string, LogFile>()
  if (paths.length) {
    for (const p of paths) {
      const abs = resolve(cwd, p)
      if (isDir(abs)) for (const f of walk(abs, (n) => n.endsWith('.jsonl'), 12)) files.set(f, { path: f })
      else {
        try {
          statSync(abs)
        } catch {
          throw usageError(`no such file or folder: ${p}`)
        }
        files.set(abs, { path: abs })
      }
    }
  } else {
    for (const r of readers) {
      if (filter.agents && !filter.agents.includes(r.agent)) continue
      for (const f of r.locate(home, env)) files.set(f, { path: f, reader: r })
    }
  }
  const out = [...files.values()].filter((f) => {
    if (!filter.since) return true
    try {
      return statSync(f.path).mtimeMs >= filter.since.getTime() // not written since: nothing in it is newer
    } catch {
      return false
    }
  })
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

const inside = (dir: string, root: string) => dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep)

/** Whether a session passes the filters (agent, time window, project). */
export function keepSession(s: Session, filter: ScanFilter): boolean {
  if (filter.agents && !filter.agents.includes(s.agent)) return false
  if (filter.project && !(s.cwd && inside(resolve(s.cwd), filter.project))) return false
  if (filter.since || filter.until) {
    let first: number | undefined
    let last: number | undefined
    for (const e of s.events) {
      if (!e.timestamp) continue
      const t = Date.parse(e.timestamp)
      if (Number.isNaN(t)) continue
      first ??= t
      last = t
    }
    if (first === undefined || last === undefined) return !filter.until // undated sessions: only without an end
    if (filter.since && last < filter.since.getTime()) return false
    if (filter.until && first >= filter.until.getTime()) return false
  }
  return true
}
