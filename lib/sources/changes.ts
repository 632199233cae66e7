// What moving a pin changes, skill by skill: added, removed, changed with a diffstat per file
// (lines added and removed), computed from the extracted skills of the old and the new pin.
import { existsSync } from 'node:fs'
import type { LockedSource } from './lockfile.js'
import { readFolder, snapshotDir } from './snapshot.js'

export interface FileChange {
  rel: string
  status: 'added' | 'removed' | 'modified'
  added: number
  removed: number
  binary: boolean
}

export interface SkillChanges {
  added: string[]
  removed: string[]
  changed: { name: string; files: FileChange[] | undefined }[]
}

/** `files` is undefined when the old content is no longer in the cache (only "changed" is known). */
export async function skillChanges(cacheDir: string, before: LockedSource | undefined, after: LockedSource, folders: Map<string, string>): Promise<SkillChanges> {
  const was = before?.skills ?? {}
  const out: SkillChanges = { added: [], removed: [], changed: [] }
  for (const name of Object.keys(after.skills).sort()) {
    if (!was[name]) out.added.push(name)
    else if (was[name].hash !== after.skills[name].hash) {
      const oldDir = snapshotDir(cacheDir, name, was[name].hash)
      const newDir = folders.get(name)
      out.changed.push({ name, files: existsSync(oldDir) && newDir ? await fileChanges(oldDir, newDir) : undefined })
    }
  }
  out.removed = Object.keys(was).filter((n) => !after.skills[n]).sort()
  return out
}

async function fileChanges(oldDir: string, newDir: string): Promise<FileChange[]> {
  const { diffLines } = await import('diff')
  const a = new Map(readFolder(oldDir).map((f) => [f.rel, Buffer.from(f.bytes)]))
  const b = new Map(readFolder(newDir).map((f) => [f.rel, Buffer.from(f.bytes)]))
  const out: FileChange[] = []
  for (const rel of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(rel)
    const y = b.get(rel)
    if (x && y && x.equals(y)) continue
    const binary = [x, y].some((buf) => buf?.includes(0))
    let added = 0
    let removed = 0
    if (!binary) {
      for (const part of diffLines(x?.toString('utf8') ?? '', y?.toString('utf8') ?? '')) {
        if (part.added) added += part.count ?? 0
        else if (part.removed) removed += part.count ?? 0
      }
    }
    out.push({ rel, status: !x ? 'added' : !y ? 'removed' : 'modified', added, removed, binary })
  }
  return out
}

/** A git-style diffstat block for one skill's files. */
export function diffstat(files: FileChange[], indent = '    '): string[] {
  const width = Math.max(...files.map((f) => f.rel.length))
  return files.map((f) => {
    const bar = f.binary ? 'binary' : `${f.added + f.removed} ${'+'.repeat(Math.min(f.added, 30))}${'-'.repeat(Math.min(f.removed, 30))}`
    return `${indent}${f.rel.padEnd(width)} | ${bar}`
  })
}
