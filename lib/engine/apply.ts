// apply: carry out compare's changes. Refuses (before writing anything) when a change is a
// conflict, unless forced, in which case the file in the way is kept as a backup first; never
// backs up its own output. Each write is atomic and recorded in the state right after it.
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { withBlock, withoutBlock } from './block.js'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import { configError } from '../errors.js'
import { isConflict, targetHash, type Change } from './compare.js'
import { writeAtomic, type State } from './state.js'

export interface ApplyResult {
  written: string[]
  removed: string[]
  backups: string[]
  /** files left in place because the user changed them after the skill left the config */
  kept: string[]
}

export function apply(changes: Change[], state: State, opts: { force: boolean; now?: Date; progress?: (done: number, total: number) => void }): ApplyResult {
  const result: ApplyResult = { written: [], removed: [], backups: [], kept: [] }
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
  let done = 0
  for (const c of changes) {
    opts.progress?.(++done, changes.length)
    if (isConflict(c) && !opts.force) throw new Error('apply called with unresolved conflicts') // callers check first
    switch (c.action) {
      case 'none':
        break
      case 'adopt':
        state.record(c.key, entryFor(c))
        break
      case 'forget':
        state.record(c.key, null)
        break
      case 'orphan':
        state.record(c.key, null)
        result.kept.push(c.path)
        break
      case 'delete':
        if (c.block) removeBlock(c.path, c.block)
        else {
          unlinkSync(c.path)
          removeEmptyDirs(dirname(c.path), c.entry!.root)
        }
        state.record(c.key, null)
        result.removed.push(c.path)
        break
      case 'mode':
        chmodSync(c.path, c.target!.mode)
        state.record(c.key, entryFor(c))
        break
      case 'conflict-unmanaged':
      case 'conflict-modified':
        if (c.actual !== 'other') {
          const backup = `${c.path}.dotskills-backup-${stamp}`
          if (lstatSync(c.path).isSymbolicLink()) symlinkSync(readlinkSync(c.path), backup)
          else copyFileSync(c.path, backup)
          result.backups.push(backup)
        } else {
          throw configError('a folder or symlink is in the way; move it away first (--force only replaces files)', { path: c.path })
        }
      // falls through: write the target over it
      case 'create':
      case 'update':
      case 'recreate':
        write(c)
        state.record(c.key, entryFor(c))
        result.written.push(c.path)
        break
    }
  }
  return result
}

function entryFor(c: Change) {
  const t = c.target!
  return { sha256: targetHash(t), mode: t.mode, skill: t.skill, agents: [...t.agents].sort(), root: t.root, ...(t.block ? { block: t.block } : {}) }
}

/** Write one target atomically, never through a symlink that leads out of its root. */
function write(c: Change): void {
  const t = c.target!
  mkdirSync(t.root, { recursive: true }) // the root itself may be a user's symlink (stow): allowed
  const realRoot = realpathSync(t.root)
  let existing = dirname(t.path)
  while (!exists(existing)) existing = dirname(existing)
  const rel = relative(realRoot, realpathSync(existing))
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw configError(`refusing to write: its folder resolves outside ${t.root} (a symlink?)`, { path: t.path })
  }
  mkdirSync(dirname(t.path), { recursive: true })
  if (t.block) {
    // only the block changes; the rest of the shared file and its mode stay the user's
    const current = readIfFile(t.path)
    writeAtomic(t.path, withBlock(current ?? '', t.block, t.bytes.toString('utf8')), current === null ? t.mode : lstatSync(t.path).mode & 0o777)
  } else if (t.link) {
    // a symlink, swapped in atomically like a file: made beside the target, then renamed over it
    const tmp = join(dirname(t.path), `.${basename(t.path)}.dotskills-${process.pid}-${Date.now().toString(36)}`)
    symlinkSync(t.link, tmp)
    try {
      renameSync(tmp, t.path)
    } catch (err) {
      rmSync(tmp, { force: true })
      throw err
    }
  } else writeAtomic(t.path, t.bytes, t.mode)
}

function readIfFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** Take our block out of a shared file; a file left empty was only ever ours: remove it. */
function removeBlock(path: string, id: string): void {
  const rest = withoutBlock(readFileSync(path, 'utf8'), id)
  if (rest.trim() === '') unlinkSync(path)
  else writeAtomic(path, rest, lstatSync(path).mode & 0o777)
}

function exists(p: string): boolean {
  try {
    lstatSync(p)
    return true
  } catch {
    return false
  }
}

/** Remove folders left empty by deletions, up to (not including) the adapter root. */
function removeEmptyDirs(dir: string, root: string): void {
  for (; isInside(dir, root); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) return
      rmdirSync(dir)
    } catch {
      return
    }
  }
}

/** `dir` is strictly below `root` */
function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}
