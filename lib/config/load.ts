// Config discovery (cosmiconfig) and validation (ajv against schemas/config.schema.json).
// YAML and JSON files are parsed with the `yaml` package so every schema error can name its
// file, line and column.
import { basename, dirname, join, resolve } from 'node:path'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml'
import { pathToFileURL } from 'node:url'
import { configError, DotskillsError, usageError } from '../errors.js'
import type { Severity } from '../lint/types.js'

export interface Config {
  skills?: string | string[]
  sources?: (string | SourceEntry)[]
  agents?: 'detected' | string[]
  scope?: 'global' | 'project'
  mode?: 'copy' | 'symlink'
  vars?: Record<string, unknown>
  adapters?: Record<string, unknown>[]
  profiles?: Record<string, MachineProfile>
  agentSkills?: Record<string, { include?: string[]; exclude?: string[] }>
  lint?: {
    profile?: string
    rules?: Record<string, Severity>
    maxWarnings?: number
  }
}

/** A source as the config writes it out in full (lib/sources/specifier.ts reads both forms). */
export type SourceEntry = import('../sources/specifier.js').ConfigSourceEntry

export interface MachineProfile {
  hosts?: string[]
  vars?: Record<string, unknown>
  agents?: 'detected' | string[]
  scope?: 'global' | 'project'
}

export interface LoadedConfig {
  /** absolute path of the config file */
  path: string
  /** folder of the config file: relative paths in it resolve here */
  dir: string
  config: Config
}

const MODULE = 'dotskills'
export const SEARCH_PLACES = [
  'dotskills.yaml',
  'dotskills.yml',
  '.dotskillsrc',
  '.dotskillsrc.yaml',
  '.dotskillsrc.yml',
  '.dotskillsrc.json',
  '.dotskillsrc.js',
  '.dotskillsrc.mjs',
  'dotskills.config.js',
  'dotskills.config.mjs',
  'package.json',
]

interface Parsed {
  doc: Document.Parsed
  lineCounter: LineCounter
}

/** The config, which this command cannot do without. */
export async function requireConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const config = await loadConfig(cwd, explicit)
  if (!config) {
    throw usageError('no dotskills config found', { hint: '`dotskills init` creates one here (`dotskills add <source>` does too), or pass --config <file|dir>' })
  }
  return config
}

/**
 * Find and validate the config. With `explicit` (from --config) a file is loaded as is and a
 * folder is searched alone; otherwise the search starts at `cwd` and goes up to the project
 * root. Returns undefined when no config exists and none was asked for.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  const parsedFiles = new Map<string, Parsed>()
  const yamlLoader = (filepath: string, content: string) => {
    if (filepath.endsWith('.json')) checkJson(filepath, content)
    const lineCounter = new LineCounter()
    const doc = parseDocument(content, { lineCounter, uniqueKeys: true, prettyErrors: true })
    const err = doc.errors[0]
    if (err) {
      const pos = err.linePos?.[0]
      throw configError(`invalid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, {
        path: filepath,
        line: pos?.line,
        column: pos?.col,
      })
    }
    parsedFiles.set(filepath, { doc, lineCounter })
    return doc.toJS({ maxAliasCount: 100 })
  }

  let kind: 'file' | 'folder' | undefined
  if (explicit) {
    kind = await pathKind(explicit)
    if (!kind) throw configError('config file not found', { path: explicit })
  }
  let result: { filepath: string; config: unknown; isEmpty?: boolean } | null | undefined
  // Most searches have a plain answer (no config anywhere up to the project root, or a YAML/JSON
  // file): found here without loading cosmiconfig, ~40 ms of start-up. Whatever needs its
  // loaders (JS configs, package.json#dotskills, `$import`, a meta config) still goes to it.
  const quick =
    kind === 'file'
      ? /\.(ya?ml|json)$/.test(explicit!) && basename(explicit!) !== 'package.json' ? { path: explicit! } : 'cosmiconfig'
      : quickSearch(kind === 'folder' ? explicit! : cwd, kind === 'folder' ? 'none' : 'project')
  if (quick !== 'cosmiconfig' && !quick.path) {
    if (kind === 'folder') throw noConfigInFolder(explicit!)
    return undefined
  }
  const direct = quick === 'cosmiconfig' ? undefined : quick.path
  // the search has read the file already; a --config file is read here
  const text = quick !== 'cosmiconfig' && direct ? (quick.text ?? readIfNonEmpty(direct)) : undefined
  if (direct && text !== undefined) result = { filepath: direct, config: yamlLoader(direct, text) }
  else try {
    const { cosmiconfig } = await import('cosmiconfig')
    const explorer = cosmiconfig(MODULE, {
      searchPlaces: SEARCH_PLACES,
      searchStrategy: explicit ? 'none' : 'project',
      loaders: {
        '.yaml': yamlLoader,
        '.yml': yamlLoader,
        '.json': yamlLoader,
        noExt: yamlLoader,
        '.js': importLoader,
        '.mjs': importLoader,
        '.cjs': importLoader,
      },
      cache: false,
    })
    if (kind === 'file') result = await explorer.load(explicit!)
    else if (kind === 'folder') {
      result = await explorer.search(explicit)
      if (!result) throw noConfigInFolder(explicit!)
    } else result = await explorer.search(cwd)
  } catch (err) {
    if (err instanceof DotskillsError) throw err
    // cosmiconfig's own reads (package.json while finding the project root) fail like this
    const e = err as Error & { filepath?: string; fileName?: string; path?: string }
    throw configError(`cannot load config: ${e.message.split('\n')[0]}`, { path: e.filepath ?? e.fileName ?? e.path ?? explicit })
  }
  if (!result || (result.isEmpty && !explicit)) return undefined
  const path = result.filepath
  const config = (result.config ?? {}) as unknown
  const parsed = parsedFiles.get(path)
  await validate(config, path, parsed, basename(path) === 'package.json' ? [MODULE] : [])
  return { path, dir: dirname(path), config: config as Config }
}

const noConfigInFolder = (dir: string) => configError(`no dotskills config in this folder (looked for ${SEARCH_PLACES.slice(0, 2).join(', ')}, …)`, { path: dir })

/** cosmiconfig's meta config: read from the process's folder, it can add search places. */
const META_PLACES = ['package.yaml', '.config/config.json', '.config/config.yaml', '.config/config.yml', '.config/config.js', '.config/config.ts', '.config/config.cjs', '.config/config.mjs']

/**
 * cosmiconfig's search, where its answer needs none of its loaders: `{ path, text }` of the first
 * YAML/JSON search place (blank files are skipped, as cosmiconfig does), `{ path: undefined }`
 * when no search place exists from `from` up to the project root (the first folder holding a
 * package.json or package.yaml; strategy 'none': `from` alone), and 'cosmiconfig' when a JS
 * config, package.json#dotskills, a config with `$import`, or a meta config is in the way.
 */
export function quickSearch(from: string, strategy: 'none' | 'project'): { path?: string; text?: string } | 'cosmiconfig' {
  const here = process.cwd()
  if (META_PLACES.some((p) => existsSync(join(here, p))) || hasKey(join(here, 'package.json'), ['cosmiconfig', MODULE]) !== false) return 'cosmiconfig'
  for (let dir = resolve(from); ; ) {
    if (!isFolder(dir)) return 'cosmiconfig' // cosmiconfig's business (it skips such folders)
    for (const place of SEARCH_PLACES) {
      const file = join(dir, place)
      if (!isFile(file)) continue
      if (place === 'package.json') {
        if (hasKey(file, [MODULE]) !== false) return 'cosmiconfig'
        continue
      }
      if (/\.m?js$/.test(place)) return 'cosmiconfig'
      const text = readText(file)
      if (text === undefined) return 'cosmiconfig' // unreadable: cosmiconfig decides
      if (text.trim() === '') continue
      return text.includes('$import') ? 'cosmiconfig' : { path: file, text }
    }
    const parent = dirname(dir)
    if (strategy === 'none' || parent === dir || existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml'))) return {}
    dir = parent
  }
}

/** whether a package.json has one of `keys`; undefined when it cannot be read as JSON, false when absent */
function hasKey(file: string, keys: string[]): boolean | undefined {
  const text = readText(file)
  if (text === undefined) return existsSync(file) ? undefined : false
  try {
    const pkg = JSON.parse(text) as unknown
    return !!pkg && typeof pkg === 'object' && keys.some((k) => Object.hasOwn(pkg, k))
  } catch {
    return undefined
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false
const isFolder = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false

/** A file's text unless it is blank (cosmiconfig treats those as absent: let it decide). */
function readIfNonEmpty(path: string): string | undefined {
  const text = readFileSync(path, 'utf8')
  return text.trim() === '' ? undefined : text
}

/** JSON files are parsed as YAML for positions, but must be JSON: YAML is a superset. */
function checkJson(filepath: string, content: string) {
  try {
    JSON.parse(content)
  } catch (err) {
    throw configError(`invalid JSON: ${(err as Error).message.split('\n')[0].replace(/ in JSON at position \d+.*$/, '')}`, {
      path: filepath,
      ...jsonErrorPosition(content, err),
    })
  }
}

/** Line and column of a JSON.parse error, from the offset V8 puts in its message. */
export function jsonErrorPosition(text: string, err: unknown): { line?: number; column?: number } {
  const at = /position (\d+)/.exec((err as Error).message)
  if (!at) return {}
  const before = text.slice(0, Number(at[1])).split('\n')
  return { line: before.length, column: before[before.length - 1].length + 1 }
}

/** JS configs are loaded with import() (cosmiconfig 9's loader mixes require and import). */
async function importLoader(filepath: string): Promise<unknown> {
  try {
    const mod = await import(pathToFileURL(filepath).href)
    return mod.default ?? mod
  } catch (err) {
    const e = err as Error
    throw configError(`cannot load: ${e.name === 'SyntaxError' ? 'syntax error: ' : ''}${e.message.split('\n')[0]}`, { path: filepath })
  }
}

async function pathKind(p: string): Promise<'file' | 'folder' | undefined> {
  try {
    return (await stat(p)).isDirectory() ? 'folder' : 'file'
  } catch {
    return undefined
  }
}

async function validate(config: unknown, path: string, parsed: Parsed | undefined, prefix: string[]) {
  const { validateConfig } = await import('./validate.js')
  const errors = validateConfig(config)
  if (errors.length === 0) return
  const first = errors[0]
  const pos = parsed ? positionOf(parsed, [...prefix, ...first.path], first.at) : undefined
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  throw configError(first.message + more, {
    path,
    line: pos?.line,
    column: pos?.column,
    hint: 'run `dotskills schema config` to see every setting',
  })
}

function positionOf(parsed: Parsed, path: (string | number)[], at: 'key' | 'value') {
  let node: unknown = parsed.doc.contents
  let last: Node | undefined = node as Node
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg)
      if (!pair) break
      last = (pair.key as Node) ?? last
      node = pair.value
      if (at === 'value' && node && (node as Node).range) last = node as Node
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg]
      if (node) last = node as Node
    } else break
  }
  if (!last?.range) return undefined
  const { line, col } = parsed.lineCounter.linePos(last.range[0])
  return { line, column: col }
}
