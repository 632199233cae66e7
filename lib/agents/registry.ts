// The adapter registry: built-in adapters (one file each in ./adapters), user adapters from config
// merged over them by id, path expansion that never leaves home or the project, and detection of
// which agents are on this machine. Detection reads only the home it is given, never the real one.
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path'
import { configError } from '../errors.js'
import type { AdapterOutput, AdapterPath, AgentAdapter } from './types.js'

import agents from './adapters/agents.js'
import amp from './adapters/amp.js'
import claudeCode from './adapters/claude-code.js'
import cline from './adapters/cline.js'
import codex from './adapters/codex.js'
import copilot from './adapters/copilot.js'
import cursor from './adapters/cursor.js'
import geminiCli from './adapters/gemini-cli.js'
import goose from './adapters/goose.js'
import kiro from './adapters/kiro.js'
import openclaw from './adapters/openclaw.js'
import opencode from './adapters/opencode.js'
import roo from './adapters/roo.js'
import windsurf from './adapters/windsurf.js'

/** Every built-in adapter, sorted by id. */
export const builtinAdapters: readonly AgentAdapter[] = [
  agents,
  amp,
  claudeCode,
  cline,
  codex,
  copilot,
  cursor,
  geminiCli,
  goose,
  kiro,
  openclaw,
  opencode,
  roo,
  windsurf,
]

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/**
 * The adapters in effect: built-ins, with `custom` (from config) merged over them by id, sorted by id.
 * A custom entry with a built-in id overrides only what it gives: top-level fields are replaced,
 * except `skills` and `detect`, whose keys are merged (so moving one path keeps the other).
 * A custom entry with a new id is a new adapter and must give `name` and `skills`.
 * Throws E_CONFIG for an entry without an id, an incomplete new adapter, or a bad path.
 */
export function resolveAdapters(custom: Partial<AgentAdapter>[] = []): AgentAdapter[] {
  const byId = new Map<string, AgentAdapter>(builtinAdapters.map((a) => [a.id, a]))
  custom.forEach((entry, i) => {
    const where = `adapters[${i}]`
    if (!entry || typeof entry !== 'object') throw configError(`${where}: an adapter must be an object`)
    if (typeof entry.id !== 'string' || !ID.test(entry.id)) {
      throw configError(`${where}: "id" must be a lowercase id such as "my-agent"`, {
        hint: 'to change a built-in adapter, give its id (see `dotskills agents`)',
      })
    }
    for (const k of ['skills', 'detect'] as const) {
      const v = entry[k]
      if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
        throw configError(`adapter "${entry.id}": "${k}" must be an object`, { hint: 'adapters follow schemas/adapter.schema.json' })
      }
    }
    const base = byId.get(entry.id)
    let merged: AgentAdapter
    if (base) {
      merged = {
        ...base,
        ...defined(entry),
        skills: { ...base.skills, ...defined(entry.skills ?? {}) },
        detect: { ...base.detect, ...defined(entry.detect ?? {}) },
      } as AgentAdapter
    } else {
      const missing = (['name', 'skills'] as const).filter((k) => entry[k] === undefined)
      if (missing.length) {
        throw configError(`adapter "${entry.id}" is not a built-in one, so it needs ${missing.map((m) => `"${m}"`).join(' and ')}`, {
          hint: 'give name and skills ({ global: "~/…", project: "…" }), or fix the id of the built-in adapter you meant',
        })
      }
      merged = { extraFields: [], detect: {}, ...defined(entry) } as AgentAdapter
    }
    checkAdapter(merged)
    byId.set(merged.id, merged)
  })
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** `o` without its undefined values, so `{ name: undefined }` does not erase a built-in's name. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Check one adapter's shape and paths (user adapters come from config; built-ins are tested). */
export function checkAdapter(a: AgentAdapter): void {
  const bad = (what: string) => configError(`adapter "${a.id}": ${what}`, { hint: 'adapters follow schemas/adapter.schema.json' })
  if (typeof a.name !== 'string' || a.name.trim() === '') throw bad('"name" must be a non-empty string')
  if (!a.skills || typeof a.skills !== 'object') throw bad('"skills" must be an object with "global" and/or "project"')
  const { global, project } = a.skills
  if (global === undefined && project === undefined) throw bad('"skills" needs "global" and/or "project"')
  if (global !== undefined) checkPath(a, 'skills.global', global, 'global')
  if (project !== undefined) checkPath(a, 'skills.project', project, 'project')
  const ef = a.extraFields
  if (ef !== '*' && !(Array.isArray(ef) && ef.every((f) => typeof f === 'string' && f !== ''))) {
    throw bad('"extraFields" must be a list of field names or "*"')
  }
  if (!a.detect || typeof a.detect !== 'object') throw bad('"detect" must be an object')
  for (const d of a.detect.dirs ?? []) checkPath(a, 'detect.dirs', d, 'global')
  for (const b of a.detect.bins ?? []) {
    if (typeof b !== 'string' || b === '' || /[\\/]/.test(b)) throw bad(`detect.bins: "${b}" must be a plain executable name`)
  }
  for (const [i, o] of (a.outputs ?? []).entries()) checkOutput(a, o, `outputs[${i}]`)
  if (a.notes !== undefined && typeof a.notes !== 'string') throw bad('"notes" must be a string')
  const ev = a.evidence
  if (ev !== undefined && !(ev && (ev.level === 'primary' || ev.level === 'secondary') && Array.isArray(ev.sources) && ev.sources.every((x) => typeof x === 'string'))) {
    throw bad('"evidence" must be { level: primary or secondary, sources: [text, …] }')
  }
}

function checkOutput(a: AgentAdapter, o: AdapterOutput, where: string) {
  const bad = (what: string) => configError(`adapter "${a.id}": ${where}: ${what}`)
  if (!o || typeof o !== 'object') throw bad('must be an object')
  if (o.kind !== 'file' && o.kind !== 'block') throw bad('"kind" must be "file" or "block"')
  if (o.per !== 'per-skill' && o.per !== 'index') throw bad('"per" must be "per-skill" or "index"')
  if (typeof o.template !== 'string') throw bad('"template" must be a string')
  if (!o.path || (o.path.global === undefined && o.path.project === undefined)) throw bad('"path" needs "global" and/or "project"')
  if (o.path.global !== undefined) checkPath(a, `${where}.path.global`, o.path.global, 'global')
  if (o.path.project !== undefined) checkPath(a, `${where}.path.project`, o.path.project, 'project')
}

function checkPath(a: AgentAdapter, field: string, p: unknown, scope: 'global' | 'project') {
  if (typeof p !== 'string') throw configError(`adapter "${a.id}": ${field} must be a string`)
  if (scope === 'global' && !p.startsWith('~/')) {
    throw configError(`adapter "${a.id}": ${field} "${p}" must start with ~/ (it is under the home folder)`)
  }
  if (scope === 'project' && p.startsWith('~')) {
    throw configError(`adapter "${a.id}": ${field} "${p}" must be relative to the project (no ~)`)
  }
  // the same checks expandPath makes, with the adapter named
  try {
    expandPath(p, { home: '/h', project: '/p' })
  } catch (err) {
    throw configError(`adapter "${a.id}": ${field}: ${(err as Error).message}`, { hint: (err as { details?: { hint?: string } }).details?.hint })
  }
}

export interface PathBases {
  /** the target home (absolute) */
  home: string
  /** the project folder (absolute) */
  project: string
}

/**
 * An adapter path as an absolute path: `~` or `~/x` → under `home`, a relative path → under
 * `project`. Absolute paths, `~user`, empty paths and any `..` segment are refused (E_CONFIG):
 * nothing may be written outside home or the project. Separators in `p` are `/`.
 */
export function expandPath(p: AdapterPath, bases: PathBases): string {
  if (typeof p !== 'string' || p.trim() === '') throw configError('empty adapter path')
  const hint = 'adapter paths are "~/…" (under the home folder) or relative to the project, without ".."'
  if (isAbsolute(p) || /^[A-Za-z]:/.test(p) || p.startsWith('\\')) {
    throw configError(`adapter path "${p}" is absolute`, { hint })
  }
  if (p.split(/[\\/]/).includes('..')) throw configError(`adapter path "${p}" contains ".."`, { hint })
  let base: string
  let rest: string
  if (p === '~' || p.startsWith('~/')) {
    base = bases.home
    rest = p.slice(2)
  } else if (p.startsWith('~')) {
    throw configError(`adapter path "${p}": only ~/ (the target home) is supported`, { hint })
  } else {
    base = bases.project
    rest = p
  }
  const out = resolve(base, ...rest.split('/').filter((s) => s !== ''))
  const r = relative(base, out)
  if (r.startsWith('..') || isAbsolute(r)) throw configError(`adapter path "${p}" leaves its base folder`, { hint }) // defensive
  return out
}

export interface Detection {
  detected: boolean
  /** what was found: the folder (`~/…`) or the executable's absolute path */
  via?: string
}

/**
 * Is the agent on this machine? True when one of its `detect.dirs` is a folder under `home`, or one
 * of its `detect.bins` is an executable file in a folder of `env.PATH` (relative PATH entries are
 * skipped). Folders are checked first, in order; the first match is reported in `via`.
 */
export function detectAdapter(adapter: AgentAdapter, opts: { home: string; env: NodeJS.ProcessEnv }): Detection {
  for (const d of adapter.detect.dirs ?? []) {
    let path: string
    try {
      path = expandPath(d, { home: opts.home, project: opts.home })
    } catch {
      continue // checkAdapter reports bad paths; detection just does not match them
    }
    if (isDir(path)) return { detected: true, via: d }
  }
  for (const bin of adapter.detect.bins ?? []) {
    const file = findOnPath(bin, opts.env)
    if (file) return { detected: true, via: file }
  }
  return { detected: false }
}

/**
 * The absolute path of executable `bin` in the first folder of `env.PATH` that has it (relative
 * PATH entries are skipped; PATHEXT extensions on Windows), or undefined.
 */
export function findOnPath(bin: string, env: NodeJS.ProcessEnv): string | undefined {
  const exts = process.platform === 'win32' ? pathExts(env) : ['']
  for (const dir of pathDirs(env)) {
    for (const ext of exts) {
      const file = join(dir, bin + ext)
      if (isExecutable(file)) return file
    }
  }
  return undefined
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (process.platform !== 'win32') return env[name]
  const key = Object.keys(env).find((k) => k.toUpperCase() === name)
  return key === undefined ? undefined : env[key]
}

function pathDirs(env: NodeJS.ProcessEnv): string[] {
  return (envValue(env, 'PATH') ?? '').split(delimiter).filter((d) => d !== '' && isAbsolute(d))
}

function pathExts(env: NodeJS.ProcessEnv): string[] {
  const exts = (envValue(env, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
  return ['', ...exts, ...exts.map((e) => e.toLowerCase())]
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
