// `dotskills init <repo>`: clone the user's dotfiles repo (with the same URL handling,
// credentials and error messages as git sources) into dotskills' data folder, then, with --apply,
// run `install` on it. Also `git init` for a scaffolded folder. isomorphic-git does both, so a
// machine without git can still bootstrap.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CommandResult } from '../commands/types.js'
import type { Context } from '../context.js'
import { configError, DotskillsError, usageError } from '../errors.js'

export interface CloneOptions {
  input: string
  apply: boolean
  dir?: string
  ref?: string
  auth?: string
}

/** `git init` in `dir` unless it is already inside a git work tree; true when it made one. */
export async function initRepo(dir: string): Promise<boolean> {
  for (let d = dir; ; d = resolve(d, '..')) {
    if (existsSync(join(d, '.git'))) return false
    if (resolve(d, '..') === d) break
  }
  const fs = await import('node:fs')
  const git = (await import('isomorphic-git')).default
  await git.init({ fs, dir, defaultBranch: 'main' })
  return true
}

/** The remote URL a clone was made from, or undefined when `dir` is no git repo. */
async function originOf(dir: string): Promise<string | undefined> {
  if (!existsSync(join(dir, '.git'))) return undefined
  const fs = await import('node:fs')
  const git = (await import('isomorphic-git')).default
  try {
    return (await git.getConfig({ fs, dir, path: 'remote.origin.url' })) as string | undefined
  } catch {
    return undefined
  }
}

export async function cloneRepo(ctx: Context, opts: CloneOptions): Promise<CommandResult> {
  const { parseSource, redactUrl } = await import('../sources/specifier.js')
  const spec = parseSource(opts.input, { baseDir: ctx.cwd, home: ctx.home, overrides: { ref: opts.ref, auth: opts.auth } })
  if (spec.kind !== 'git' || !spec.url) throw usageError(`"${opts.input}" is not a git repository (owner/repo or an https URL)`)
  const dir = opts.dir ? resolve(ctx.cwd, opts.dir) : join(ctx.dataDir, 'repo')
  const lines: string[] = []
  const stderr = spec.notes?.map((n) => `note: ${n}`) ?? []
  if (existsSync(dir)) {
    const origin = await originOf(dir)
    if (!origin || origin.replace(/\.git$/, '') !== spec.url.replace(/\.git$/, '')) {
      throw new DotskillsError('E_CONFLICT', `the folder exists and is not a clone of ${redactUrl(spec.url)}`, { path: dir, hint: 'clone somewhere else with --dir, or move the folder away' })
    }
    lines.push(`using the clone already in ${dir} (pull there to update it)`)
  } else {
    const { gitStore } = await import('../sources/session.js')
    const store = await gitStore(ctx)
    const commit = await store.clone({ name: spec.name, url: spec.url, auth: spec.auth }, dir, spec.ref)
    lines.push(`cloned ${redactUrl(spec.url)} (${commit.slice(0, 12)}) into ${dir}`)
  }
  const configDir = spec.path ? join(dir, spec.path) : dir
  const { loadConfig } = await import('../config/load.js')
  const config = await loadConfig(configDir)
  if (!config) throw configError('the repository has no dotskills config', { path: configDir, hint: '`dotskills init` in a checkout of it creates one' })
  if (!opts.apply) {
    lines.push(`next: \`dotskills install --config ${config.path}\` (or run init again with --apply)`)
    return { exitCode: 0, stdout: ctx.quiet ? '' : lines.join('\n') + '\n', stderr }
  }
  const install = (await import('../commands/install.js')).default
  const result = await install.run({ lint: true }, { ...ctx, configPath: config.path })
  const head = ctx.json || ctx.quiet ? '' : lines.join('\n') + '\n'
  return { ...result, stdout: head + (result.stdout ?? ''), stderr: [...stderr, ...(result.stderr ?? [])] }
}
