// dotskills.lock: beside the config, committed with it. Per source the resolved commit, per
// skill its content hash (hash.ts). Written with sorted keys and one value per line, so a
// change of pin is a small, readable diff; rewritten only when its bytes would change.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { jsonErrorPosition } from '../config/load.js'
import { configError } from '../errors.js'
import { writeAtomic } from '../engine/state.js'

export const LOCK_FILE = 'dotskills.lock'

export interface LockedSkill {
  /** the skill's folder inside the repository (or the local source folder), `/`-separated */
  path: string
  hash: string
}

export interface LockedSource {
  url?: string
  dir?: string
  ref?: string
  commit?: string
  path?: string
  /** the config's skill filters when it has them: a changed filter is a changed source */
  include?: string[]
  exclude?: string[]
  skills: Record<string, LockedSkill>
}

export interface Lockfile {
  lockfileVersion: 1
  sources: Record<string, LockedSource>
}

export const emptyLock = (): Lockfile => ({ lockfileVersion: 1, sources: {} })

export const lockPath = (configDir: string) => join(configDir, LOCK_FILE)

/** Read the lock beside a config; an absent lock is an empty one. */
export async function readLock(configDir: string): Promise<Lockfile> {
  const path = lockPath(configDir)
  if (!existsSync(path)) return emptyLock()
  const text = readFileSync(path, 'utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw configError('not valid JSON', {
      path,
      ...jsonErrorPosition(text, err),
      hint: 'a merge conflict? take either side and run `dotskills sync`, or delete the file and run `dotskills update --yes`',
    })
  }
  const { documentValidator } = await import('../lint/schema-check.js')
  const validate = documentValidator('lock')
  if (!validate(data)) {
    const e = validate.errors![0]
    throw configError(`does not match the lockfile schema: ${e.instancePath || '/'} ${e.message}`, {
      path,
      hint: 'it is written by dotskills: restore it from git, or delete it and run `dotskills update --yes`',
    })
  }
  return data as Lockfile
}

/** The lock's text: keys sorted at every level, two-space indent, final newline. */
export function serializeLock(lock: Lockfile): string {
  return JSON.stringify(sortKeys(lock), null, 2) + '\n'
}

/** Write the lock if its text changed; returns whether it did. */
export function writeLock(configDir: string, lock: Lockfile): boolean {
  const path = lockPath(configDir)
  const text = serializeLock(lock)
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false
  writeAtomic(path, text)
  return true
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    // lockfileVersion first: readers can tell the format before anything else
    const keys = Object.keys(value).sort((a, b) => (a === 'lockfileVersion' ? -1 : b === 'lockfileVersion' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = sortKeys(v)
    }
    return out
  }
  return value
}

