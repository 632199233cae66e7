// What a command needs to work with sources: the lock beside the config, and a sync context
// whose git store (isomorphic-git, HTTP, credentials) is built only if something needs git.
import type { LoadedConfig } from '../config/load.js'
import type { Context } from '../context.js'
import type { GitStore } from './git-store.js'
import { readLock, writeLock, type Lockfile } from './lockfile.js'
import { syncSources, type SyncOptions, type SyncResult } from './sync.js'

export interface SourceSession {
  lock: Lockfile
  sync(opts: SyncOptions): Promise<SyncResult>
  /** write the new lock when its text changed; returns whether it did */
  save(lock: Lockfile): boolean
  /** HTTP requests made so far */
  requests(): number
}

export async function openSources(ctx: Context, config: LoadedConfig): Promise<SourceSession> {
  const lock = await readLock(config.dir)
  let store: GitStore | undefined
  const makeStore = async () => (store ??= await gitStore(ctx))
  return {
    lock,
    sync: (opts) => syncSources({ cacheDir: ctx.cacheDir, home: ctx.home, store: makeStore }, config, lock, opts),
    save: (next) => writeLock(config.dir, next),
    requests: () => store?.requests ?? 0,
  }
}

/** The git store every network command uses: the run's cache, environment, timeout and progress line. */
export async function gitStore(ctx: Context): Promise<GitStore> {
  const { GitStore } = await import('./git-store.js')
  const { version } = await import('../version.js')
  return new GitStore({
    cacheDir: ctx.cacheDir,
    env: ctx.env,
    userAgent: `git/dotskills-${version}`,
    timeoutMs: positive(ctx.env.DOTSKILLS_HTTP_TIMEOUT) ?? 60_000,
    progress: ctx.progress,
  })
}

/** A positive number of milliseconds from the environment, if it is one. */
function positive(v: string | undefined): number | undefined {
  const n = Number(v)
  return v && Number.isFinite(n) && n > 0 ? n : undefined
}
