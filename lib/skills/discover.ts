// Skill discovery (synchronous: faster than the promise API for many small folders): one walk of each given path finds every folder holding a SKILL.md (at any
// depth: `skills/<author>/<skill>/`, nested sub-skills) and the files that belong to it, so
// nothing is listed or read twice.
import { readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { pathError } from '../errors.js'

/** What a skill's name (and so its folder name) may be: a-z, 0-9, single hyphens. */
export const SKILL_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Folders never searched: VCS data, dependencies, our own inbox. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.dotskills'])
/**
 * The file names that make a folder a skill, by precedence: `SKILL.md`; `SKILL.md.hbs`, a
 * template that install renders to `SKILL.md` per agent; `skill.md`, which agents ignore (lint
 * finds it to say so).
 */
export const SKILL_FILE_NAMES = ['SKILL.md', 'SKILL.md.hbs', 'skill.md'] as const

export interface SkillFileEntry {
  /** absolute path */
  path: string
  /** path relative to the skill folder, `/`-separated */
  rel: string
  symlink: boolean
}

export interface DiscoveredSkill {
  /** absolute path of the skill folder */
  dir: string
  /** absolute path of its SKILL.md (or the lowercase variant) */
  file: string
  /** file name as it is on disk (case matters even on case-insensitive file systems) */
  fileName: string
  /** every file of the skill, SKILL.md included, not those of skills nested inside it */
  files: SkillFileEntry[]
}

/**
 * Find the skills under each path. A path may be a skill folder, a folder of skills at any
 * depth, or a SKILL.md file. Missing paths are a usage error; so is a path with no skill.
 */
export async function discoverSkills(paths: string[], cwd: string): Promise<DiscoveredSkill[]> {
  const found = new Map<string, DiscoveredSkill>()
  for (const p of paths) {
    const abs = resolve(cwd, p)
    let st
    try {
      st = statSync(abs)
    } catch {
      throw pathError('no such file or folder', { path: p })
    }
    const here = new Map<string, DiscoveredSkill>()
    if (st.isFile()) {
      if (!(SKILL_FILE_NAMES as readonly string[]).includes(basename(abs))) {
        throw pathError('not a skill: give a skill folder, a folder of skills, or a SKILL.md file', { path: p })
      }
      // a SKILL.md names exactly its own skill, not the ones nested below it
      walk(dirname(abs), undefined, here, 0)
      for (const dir of here.keys()) if (dir !== dirname(abs)) here.delete(dir)
    } else {
      walk(abs, undefined, here, 0)
    }
    if (here.size === 0) {
      throw pathError('no skills found (a skill is a folder with a SKILL.md file)', { path: p })
    }
    for (const [dir, skill] of here) found.set(dir, skill)
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  for (const skill of found.values()) skill.files.sort(byPath)
  return [...found.values()].sort((a, b) => byPath({ path: a.dir }, { path: b.dir }))
}

/** Depth bound: keeps a symlink-free but pathological tree from taking forever. */
const MAX_DEPTH = 12

function walk(dir: string, owner: DiscoveredSkill | undefined, found: Map<string, DiscoveredSkill>, depth: number): void {
  if (depth > MAX_DEPTH) return
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return // unreadable folder: nothing of ours
  }
  // readdir gives the on-disk case, which matters on case-insensitive file systems.
  const skillFile = SKILL_FILE_NAMES.find((n) => entries.some((e) => e.name === n && (e.isFile() || e.isSymbolicLink())))
  if (skillFile) {
    if (found.has(dir)) return
    owner = { dir, file: join(dir, skillFile), fileName: skillFile, files: [] }
    found.set(dir, owner)
  }
  const subdirs: string[] = []
  for (const e of entries) {
    const full = join(dir, e.name)
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) subdirs.push(full)
    } else if (owner && (e.isFile() || e.isSymbolicLink())) {
      owner.files.push({
        path: full,
        rel: relative(owner.dir, full).split(sep).join('/'),
        symlink: e.isSymbolicLink(),
      })
    }
    // symlinked folders are not followed: they could loop or leave the tree
  }
  for (const d of subdirs) walk(d, owner, found, depth + 1)
}
