// compare: three hashes per path (last written, actual, target) → what install will do, and the
// two status letters of state-model.md §3 (1st: changed on disk since we wrote it; 2nd: what
// install will do). install, diff, status and verify all run this one function.
import { createHash } from 'node:crypto'
import { lstatSync, readFileSync } from 'node:fs'
import type { State } from './state.js'
import type { StateEntry, TargetFile } from './types.js'

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
  path: string
  action: Action
  /** two letters as `dotskills status` prints them */
  status: string
  target?: TargetFile
  entry?: StateEntry
  /** sha256 of what is on disk; null when missing; 'other' for a folder or symlink */
  actual: string | null | 'other'
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

export function actualHash(path: string): string | null | 'other' {
  try {
    const st = lstatSync(path)
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
  const byPath = new Map(plan.map((t) => [t.path, t]))
  const paths = new Set(byPath.keys())
  for (const [p, e] of state.entries) if (considered(e)) paths.add(p)
  const changes: Change[] = []
  for (const path of [...paths].sort()) {
    const target = byPath.get(path)
    const entry = state.get(path)
    const actual = actualHash(path)
    const T = target ? sha256(target.bytes) : null
    const L = entry?.sha256 ?? null
    const change = (action: Action, status: string): Change => ({ path, action, status, target, entry, actual })
    if (actual === 'other') {
      changes.push(change(target ? 'conflict-unmanaged' : 'orphan', target ? ' M' : 'M '))
      continue
    }
    if (L === null) {
      if (!T) continue
      if (actual === null) changes.push(change('create', ' A'))
      else if (actual === T) changes.push(change(modeDiffers(path, target!) ? 'mode' : 'adopt', modeDiffers(path, target!) ? ' M' : '  '))
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
      else if (modeDiffers(path, target!)) changes.push(change('mode', ' M'))
      else if (!sameEntry(entry!, target!)) changes.push(change('adopt', '  ')) // ownership changed (agents)
      else changes.push(change('none', '  '))
    } else if (actual === T) changes.push(change('adopt', '  ')) // the same edit on both sides
    else changes.push(change('conflict-modified', 'MM'))
  }
  return changes
}

const modeDiffers = (path: string, t: TargetFile) => actualMode(path) !== t.mode

function sameEntry(e: StateEntry, t: TargetFile): boolean {
  return e.skill === t.skill && e.root === t.root && e.mode === t.mode && e.agents.join(',') === t.agents.join(',')
}

export const isConflict = (c: Change) => c.action === 'conflict-unmanaged' || c.action === 'conflict-modified'
/** Changes that install would make on disk (adopt/forget only touch the state). */
export const isDrift = (c: Change) => !['none', 'adopt', 'forget'].includes(c.action)

export function conflictReason(c: Change): string {
  if (c.action === 'conflict-modified') return 'changed since dotskills wrote it; install would overwrite your edit (re-add it, or --force keeps a backup)'
  if (c.actual === 'other') return 'a folder or symlink is in the way; dotskills only writes regular files'
  return 'a file dotskills did not write is in the way (--force replaces it and keeps a backup)'
}
