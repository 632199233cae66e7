// Last-written state: for every path dotskills wrote, its sha256, mode, skill, agents and root.
// Hashes only, never contents. Stored as state.json (rewritten atomically at the end of a run)
// plus state.journal, one JSON line appended after each write or removal, so a crash mid-install
// leaves a state that matches the disk for everything done before it. Loading replays the
// journal over state.json and ignores a torn last line.
import { appendFileSync, closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { StateEntry } from './types.js'

interface StateFile {
  format: 1
  entries: Record<string, StateEntry>
}

type JournalLine = { path: string; entry: StateEntry | null }

export class State {
  readonly entries: Map<string, StateEntry>
  private dirty = false

  private constructor(
    readonly dir: string,
    entries: Map<string, StateEntry>,
    replayed: boolean,
  ) {
    this.entries = entries
    this.dirty = replayed
  }

  /** Load from `dir` (missing files mean an empty state). Never writes. */
  static load(dir: string): State {
    const entries = new Map<string, StateEntry>()
    try {
      const file = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateFile
      if (file.format === 1) for (const [p, e] of Object.entries(file.entries)) entries.set(p, e)
    } catch {
      // no state yet (or unreadable): nothing was written by us as far as we can tell
    }
    let replayed = false
    try {
      for (const line of readFileSync(join(dir, 'state.journal'), 'utf8').split('\n')) {
        if (!line) continue
        let j: JournalLine
        try {
          j = JSON.parse(line)
        } catch {
          continue // a line torn by a crash: the write it describes may not have finished either
        }
        if (j.entry) entries.set(j.path, j.entry)
        else entries.delete(j.path)
        replayed = true
      }
    } catch {
      // no journal: the last run finished cleanly
    }
    return new State(dir, entries, replayed)
  }

  get(path: string): StateEntry | undefined {
    return this.entries.get(path)
  }

  /** Record a write (entry) or a removal (null) now, durably, before the next file is touched. */
  record(path: string, entry: StateEntry | null): void {
    if (entry) this.entries.set(path, entry)
    else this.entries.delete(path)
    this.dirty = true
    mkdirSync(this.dir, { recursive: true })
    appendFileSync(join(this.dir, 'state.journal'), JSON.stringify({ path, entry } satisfies JournalLine) + '\n')
  }

  /** Fold the journal into state.json. A run that changed nothing leaves the files untouched. */
  save(): void {
    if (!this.dirty) return
    const sorted = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    writeAtomic(join(this.dir, 'state.json'), JSON.stringify({ format: 1, entries: sorted } satisfies StateFile, null, 1) + '\n')
    rmSync(join(this.dir, 'state.journal'), { force: true })
    this.dirty = false
  }
}

/** Temp file in the same folder, fsync, rename: readers see the old file or the new one. */
export function writeAtomic(path: string, data: string | Buffer, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = join(dirname(path), `.${path.slice(dirname(path).length + 1)}.dotskills-${process.pid}-${Date.now().toString(36)}`)
  const fd = openSync(tmp, 'wx', mode)
  try {
    fchmodSync(fd, mode) // exact bits, whatever the umask
    const buf = typeof data === 'string' ? Buffer.from(data) : data
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw err
  }
  closeSync(fd)
  try {
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
}
