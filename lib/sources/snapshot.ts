// Extracted skills: each skill of a git source, at one content hash, written once to
// <cache>/skills/<name>-<hash>/<name>/ and never changed after (content-addressed, so two
// sources or two commits with the same skill share it). Built in a temp folder and renamed into
// place, so a folder that exists is complete. Lint and install read these like local skills.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { skillHash, type HashedFile } from './hash.js'

export function snapshotDir(cacheDir: string, name: string, hash: string): string {
  return join(cacheDir, 'skills', `${name}-${Buffer.from(hash.slice('sha256-'.length), 'base64').toString('hex').slice(0, 32)}`, name)
}

/** Write a skill's files as a snapshot unless it exists; returns the skill folder. */
export function writeSnapshot(cacheDir: string, name: string, hash: string, files: HashedFile[]): string {
  const dir = snapshotDir(cacheDir, name, hash)
  const outer = join(dir, '..')
  if (existsSync(outer)) return dir
  const tmp = `${outer}.tmp-${process.pid}-${Date.now().toString(36)}`
  try {
    const made = new Set<string>()
    mkdirSync(join(tmp, name), { recursive: true })
    for (const f of files) {
      const path = join(tmp, name, ...f.rel.split('/'))
      const parent = join(path, '..')
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true })
        made.add(parent)
      }
      writeFileSync(path, f.bytes, { mode: f.mode })
    }
    try {
      renameSync(tmp, outer)
    } catch (err) {
      if (!existsSync(outer)) throw err // else: another run wrote the same snapshot first
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return dir
}

/** Hash what a folder holds now (regular files only, as hash.ts defines). */
export function hashFolder(dir: string): string {
  return skillHash(readFolder(dir))
}

export function readFolder(dir: string): HashedFile[] {
  const out: HashedFile[] = []
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name)
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(p, r)
      else if (e.isFile()) out.push({ rel: r, mode: lstatSync(p).mode & 0o111 ? 0o755 : 0o644, bytes: readFileSync(p) })
    }
  }
  walk(dir, '')
  return out
}

/** Remove a snapshot (it failed verification): the next read re-extracts it. */
export function dropSnapshot(dir: string): void {
  rmSync(join(dir, '..'), { recursive: true, force: true })
}
