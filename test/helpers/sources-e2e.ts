// Shared by the end-to-end tests of git sources (test/e2e/sources*.test.ts): one world per test
// (a git server on port 0, a project folder, a temp HOME, cache and state), the CLI run against
// it, and checks on what a run left behind (tree snapshots, the lock, secrets).
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Test } from 'tap'
import { startGitServer, type GitServer, type GitServerOptions } from './git-server.js'
import { runCliAsync, type CliRun } from './run-cli.js'

/** stops the upward config search at the project */
export const PKG = JSON.stringify({ name: 'project', private: true })

export interface World {
  /** t.testdir() */
  root: string
  server: GitServer
  /** the dotfiles repo: cwd of every run, holds dotskills.yaml and dotskills.lock */
  project: string
  /** HOME of every run and its --home */
  home: string
  /** XDG_CACHE_HOME; dotskills' cache is <cache>/dotskills */
  cache: string
  /** XDG_STATE_HOME */
  state: string
  /** dotskills <args> --home <home> in the project, with HOME, XDG_CACHE_HOME and XDG_STATE_HOME set */
  cli(args: string[], opts?: RunOptions): Promise<CliRun>
  /** writes dotskills.yaml (and package.json) into the project */
  config(text: string): void
  /** the parsed dotskills.lock */
  lock(): Lock
  lockText(): string | undefined
}

export interface RunOptions {
  env?: Record<string, string>
  cwd?: string
  /** default: the world's home (also the value of --home) */
  home?: string
  /** XDG_CACHE_HOME, default the world's */
  cache?: string
  /** XDG_STATE_HOME, default the world's; with another `home`, <home>/.local/state (another machine) */
  state?: string
  timeoutMs?: number
}

export interface Lock {
  lockfileVersion: number
  sources: Record<string, { url?: string; dir?: string; ref?: string; commit?: string; path?: string; include?: string[]; exclude?: string[]; skills: Record<string, { path: string; hash: string }> }>
}

export async function world(t: Test, opts: Partial<GitServerOptions> = {}): Promise<World> {
  const root = t.testdir({ srv: {}, project: { 'package.json': PKG }, home: {}, cache: {}, state: {} })
  const server = await startGitServer({ root: join(root, 'srv'), ...opts })
  t.teardown(() => server.close())
  const w: World = {
    root,
    server,
    project: join(root, 'project'),
    home: join(root, 'home'),
    cache: join(root, 'cache'),
    state: join(root, 'state'),
    cli: (args, o = {}) => {
      const home = o.home ?? w.home
      return runCliAsync([...args, '--home', home], {
        cwd: o.cwd ?? w.project,
        env: {
          HOME: home,
          XDG_CACHE_HOME: o.cache ?? w.cache,
          XDG_STATE_HOME: o.state ?? (o.home ? join(o.home, '.local', 'state') : w.state),
          // the machine's git config (credential helpers) must not reach `git credential`
          GIT_CONFIG_NOSYSTEM: '1',
          ...o.env,
        },
        timeoutMs: o.timeoutMs ?? 30_000,
      })
    },
    config: (text) => writeFileSync(join(w.project, 'dotskills.yaml'), text),
    lock: () => JSON.parse(readFileSync(join(w.project, 'dotskills.lock'), 'utf8')) as Lock,
    lockText: () => (existsSync(join(w.project, 'dotskills.lock')) ? readFileSync(join(w.project, 'dotskills.lock'), 'utf8') : undefined),
  }
  return w
}

export interface TreeEntry {
  /** 'dir', 'link -> target' or the sha256 of a file's content */
  what: string
  mode: string
}

/** Every path under a folder with its kind, content hash and mode: equal snapshots = byte-identical trees. */
export function snapshotTree(dir: string): Record<string, TreeEntry> {
  const out: Record<string, TreeEntry> = {}
  if (!existsSync(dir)) return out
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name)
      const st = lstatSync(p)
      const rel = relative(dir, p)
      const mode = (st.mode & 0o7777).toString(8)
      if (st.isSymbolicLink()) out[rel] = { what: `link -> ${readlinkSync(p)}`, mode }
      else if (st.isDirectory()) {
        out[rel] = { what: 'dir', mode }
        walk(p)
      } else out[rel] = { what: createHash('sha256').update(readFileSync(p)).digest('hex'), mode }
    }
  }
  walk(dir)
  return out
}

/** Files (absolute paths) under `dirs` whose bytes contain `secret`, except the files in `except`. */
export function filesContaining(dirs: string[], secret: string, except: string[] = []): string[] {
  const hits: string[] = []
  const needle = Buffer.from(secret)
  const walk = (abs: string) => {
    const st = lstatSync(abs)
    if (st.isDirectory()) for (const n of readdirSync(abs)) walk(join(abs, n))
    else if (st.isFile() && !except.includes(abs) && readFileSync(abs).includes(needle)) hits.push(abs)
  }
  for (const d of dirs) if (existsSync(d)) walk(d)
  return hits
}

/** A file with its parent folders. */
export function put(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

/** The stderr lines that start with `dotskills: ` (errors and status lines; not notes, hints or lint findings). */
export function errorLines(r: CliRun): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('dotskills: '))
}

/** No stack trace, no internal-error text. */
export function noStack(t: Test, r: CliRun): void {
  t.notMatch(r.stderr, /\n\s+at |internal error|This is a bug/, 'no stack trace')
}

export const installed = (home: string, name: string, file = 'SKILL.md') => join(home, '.claude', 'skills', name, file)

/** The skill folders claude-code has under <home>/.claude/skills, sorted. */
export function claudeSkills(home: string): string[] {
  const dir = join(home, '.claude', 'skills')
  return existsSync(dir) ? readdirSync(dir).sort() : []
}
