// compare: three hashes per path (last written, actual, target) → what install will do, and the
// two status letters of state-model.md §3 (1st: changed on disk since we wrote it; 2nd: what
// install will do). install, diff, status and verify all run this one function.
import { createHash } from 'node:crypto'
import { lstatSync, readFileSync, readlinkSync } from 'node:fs'
import type { State } from './state.js'
import { readBlock } from './block.js'
import { keyPath, targetKey, type StateEntry, type TargetFile } from './types.js'

export type Action =
  | 'none' // nothing to do
  | 'create' // not there, never written: write it
  | 'update' // we wrote it, untouched since, target changed
  | 'recreate' // we wrote it, the user deleted it
  | 'delete' // we wrote it, untouched, no longer planned
  | 'adopt' // on disk exactly as planned, but not recorded as ours yet: record it
  | 'forget' // recorded but gone from disk and plan: drop the record
  | 'mode' // contents right, permissions not
  | 'orphan' // no longer planned but the user changed it: keep the file, drop ownership
  | 'conflict-unmanaged' // a file we never wrote is in the way
  | 'conflict-modified' // the user changed a file we wrote and the target differs

export interface Change {
  /** the file on disk (for a managed block: the shared file) */
  path: string
  /** path, or path + block id: the key in plan and state */
  key: string
  /** managed block id, when the change is about a block in a shared file */
  block?: string
  action: Action
  /** two letters as `dotskills status` prints them */
  status: string
  target?: TargetFile
  entry?: StateEntry
  /** sha256 of what is on disk (of `symlink:<target>` for a symlink); null when missing; 'other' for a folder */
  actual: string | null | 'other'
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

/** What a symlink "contains" for our hashes: its target. A copy and a link never compare equal. */
export const linkIdentity = (target: string) => sha256(`symlink:${target}`)

/** The identity of what a target wants on disk: its bytes, or the link. */
export const targetHash = (t: TargetFile) => (t.link ? linkIdentity(t.link) : sha256(t.bytes))

export function actualHash(path: string): string | null | 'other' {
  try {
    const st = lstatSync(path)
    if (st.isSymbolicLink()) return linkIdentity(readlinkSync(path))
    if (!st.isFile()) return 'other'
    return sha256(readFileSync(path))
  } catch {
    return null
  }
}

function actualMode(path: string): number | undefined {
  try {
    return lstatSync(path).mode & 0o777
  } catch {
    return undefined
  }
}

/**
 * Every planned path, plus every recorded path that `considered` accepts (so `--agent x` never
 * touches files of other agents), sorted by path.
 */
export function compare(plan: TargetFile[], state: State, considered: (entry: StateEntry) => boolean = () => true): Change[] {
  const byKey = new Map(plan.map((t) => [targetKey(t.path, t.block), t]))
  const keys = new Set(byKey.keys())
  for (const [k, e] of state.entries) if (considered(e)) keys.add(k)
  const changes: Change[] = []
  for (const key of [...keys].sort()) {
    const target = byKey.get(key)
    const entry = state.get(key)
    const path = keyPath(key)
    const block = target?.block ?? entry?.block
    const actual = block ? hashOrNull(readBlock(path, block)) : actualHash(path)
    const T = target ? targetHash(target) : null
    const L = entry?.sha256 ?? null
    const change = (action: Action, status: string): Change => ({ path, key, block, action, status, target, entry, actual })
    // a managed block's file mode is the user's business: only whole files have a mode of ours
    const modeOff = (t: TargetFile) => !block && !t.link && modeDiffers(path, t)
    if (actual === 'other') {
      changes.push(change(target ? 'conflict-unmanaged' : 'orphan', target ? ' M' : 'M '))
      continue
    }
    if (L === null) {
      if (!T) continue
      if (actual === null) changes.push(change('create', ' A'))
      else if (actual === T) changes.push(change(modeOff(target!) ? 'mode' : 'adopt', modeOff(target!) ? ' M' : '  '))
      else changes.push(change('conflict-unmanaged', ' M'))
      continue
    }
    if (!T) {
      if (actual === null) changes.push(change('forget', '  '))
      else if (actual === L) changes.push(change('delete', ' D'))
      else changes.push(change('orphan', 'M '))
      continue
    }
    if (actual === null) changes.push(change('recreate', 'DA'))
    else if (actual === L) {
      if (T !== L) changes.push(change('update', ' M'))
      else if (modeOff(target!)) changes.push(change('mode', ' M'))
      else if (!sameEntry(entry!, target!)) changes.push(change('adopt', '  ')) // ownership changed (agents)
      else changes.push(change('none', '  '))
    } else if (actual === T) changes.push(change('adopt', '  ')) // the same edit on both sides
    else changes.push(change('conflict-modified', 'MM'))
  }
  return changes
}

const hashOrNull = (text: string | null) => (text === null ? null : sha256(text))

const modeDiffers = (path: string, t: TargetFile) => actualMode(path) !== t.mode

function sameEntry(e: StateEntry, t: TargetFile): boolean {
  return e.skill === t.skill && e.root === t.root && e.mode === t.mode && e.agents.join(',') === t.agents.join(',')
}

export const isConflict = (c: Change) => c.action === 'conflict-unmanaged' || c.action === 'conflict-modified'
/** Changes that install would make on disk (adopt/forget only touch the state). */
export const isDrift = (c: Change) => !['none', 'adopt', 'forget'].includes(c.action)

export function conflictReason(c: Change): string {
  if (c.block && c.action === 'conflict-modified') return `the dotskills block "${c.block}" was edited since dotskills wrote it (--force keeps a backup of the file)`
  if (c.block) return `a dotskills block "${c.block}" that dotskills did not write is in the file (--force replaces it and keeps a backup)`
  if (c.action === 'conflict-modified') return 'changed since dotskills wrote it; install would overwrite your edit (re-add it, or --force keeps a backup)'
  if (c.actual === 'other') return 'a folder is in the way; dotskills only writes files'
  return 'a file dotskills did not write is in the way (--force replaces it and keeps a backup)'
}
