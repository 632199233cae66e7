// The inbox: `.dotskills/inbox/` beside the config, one `<id>.patch` (for `git apply` from the
// config folder) and one `<id>.json` (the proposal and its evidence) per proposal. Ids come
// from what a proposal is, not when it was seen, so running `learn` again updates a proposal in
// place. Discarded and applied ids are remembered in `.dotskills/learn-state.json` and never
// come back.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeAtomic } from '../engine/state.js'
import { configError, usageError } from '../errors.js'
import type { Proposal } from './propose.js'

interface LearnState {
  format: 1
  discarded: string[]
  applied: string[]
}

export interface WriteResult {
  added: string[]
  updated: string[]
  /** discarded or applied before */
  skipped: string[]
}

export class Inbox {
  readonly dir: string
  private readonly statePath: string

  constructor(configDir: string) {
    this.dir = join(configDir, '.dotskills', 'inbox')
    this.statePath = join(configDir, '.dotskills', 'learn-state.json')
  }

  private state(): LearnState {
    if (!existsSync(this.statePath)) return { format: 1, discarded: [], applied: [] }
    try {
      const s = JSON.parse(readFileSync(this.statePath, 'utf8')) as Partial<LearnState>
      return { format: 1, discarded: Array.isArray(s.discarded) ? s.discarded : [], applied: Array.isArray(s.applied) ? s.applied : [] }
    } catch {
      throw configError('not valid JSON; delete it to forget discarded proposals', { path: this.statePath })
    }
  }

  private saveState(s: LearnState): void {
    const sorted = { format: 1, discarded: [...new Set(s.discarded)].sort(), applied: [...new Set(s.applied)].sort() }
    writeAtomic(this.statePath, JSON.stringify(sorted, null, 2) + '\n')
  }

  /** Ids the user has discarded or applied. */
  closed(): Set<string> {
    const s = this.state()
    return new Set([...s.discarded, ...s.applied])
  }

  list(): Proposal[] {
    let names: string[]
    try {
      names = readdirSync(this.dir)
    } catch {
      return []
    }
    const out: Proposal[] = []
    for (const n of names.filter((n) => /^[0-9a-f]{8}\.json$/.test(n)).sort()) {
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, n), 'utf8')) as Proposal)
      } catch {
        throw configError('not valid JSON; delete it and its .patch, then run `dotskills learn` again', { path: join(this.dir, n) })
      }
    }
    return out.sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1))
  }

  /** The proposal an id or unique id prefix names. */
  get(id: string): Proposal {
    if (!/^[0-9a-f]{1,8}$/.test(id)) throw usageError(`"${id}" is not a proposal id (8 hex digits, or the start of one)`)
    const matches = this.list().filter((p) => p.id.startsWith(id))
    if (matches.length === 1) return matches[0]!
    if (matches.length === 0) throw usageError(`no proposal ${id} in the inbox`, { hint: '`dotskills learn list` shows them' })
    throw usageError(`"${id}" names ${matches.length} proposals (${matches.map((p) => p.id).join(', ')}); give more of the id`)
  }

  /** Write proposals; discarded and applied ones are left out. */
  write(proposals: Proposal[]): WriteResult {
    const closed = this.closed()
    const result: WriteResult = { added: [], updated: [], skipped: [] }
    for (const p of proposals) {
      if (closed.has(p.id)) {
        result.skipped.push(p.id)
        continue
      }
      const json = join(this.dir, `${p.id}.json`)
      ;(existsSync(json) ? result.updated : result.added).push(p.id)
      writeAtomic(join(this.dir, `${p.id}.patch`), p.diff)
      writeAtomic(json, JSON.stringify(p, null, 2) + '\n')
    }
    return result
  }

  private remove(id: string): void {
    rmSync(join(this.dir, `${id}.patch`), { force: true })
    rmSync(join(this.dir, `${id}.json`), { force: true })
  }

  discard(id: string): void {
    const s = this.state()
    s.discarded.push(id)
    this.saveState(s)
    this.remove(id)
  }

  applied(id: string): void {
    const s = this.state()
    s.applied.push(id)
    this.saveState(s)
    this.remove(id)
  }
}
