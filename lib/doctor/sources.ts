// Doctor's source checks: the lock against the config, the cache of each pinned git source,
// and the credentials of each git source. Read only: nothing here fetches or writes.
import { existsSync } from 'node:fs'
import type { LoadedConfig } from '../config/load.js'
import type { Context } from '../context.js'
import { DotskillsError } from '../errors.js'
import { credentialSource } from '../sources/auth.js'
import type { GitStore } from '../sources/git-store.js'
import { lockPath, readLock, type Lockfile } from '../sources/lockfile.js'
import { hashFolder, snapshotDir } from '../sources/snapshot.js'
import type { SourceSpec } from '../sources/specifier.js'
import { agrees, syncSources } from '../sources/sync.js'
import { errorRow, plural, row, type CheckRow, type Display } from './rows.js'

const SYNC_LOCK = 'run `dotskills sync` and commit dotskills.lock'

/**
 * The `lock` row: does dotskills.lock pin exactly the config's sources, with the settings they
 * have now? The test is the one `--frozen` makes (status, diff and verify make it too).
 * Returns the lock when it could be read, for the cache rows.
 */
export async function lockRow(ctx: Context, config: LoadedConfig, specs: SourceSpec[], d: Display): Promise<{ row: CheckRow; lock?: Lockfile }> {
  const file = lockPath(config.dir)
  let lock: Lockfile
  try {
    lock = await readLock(config.dir)
  } catch (err) {
    if (err instanceof DotskillsError) return { row: errorRow('lock', err, d) }
    throw err
  }
  if (!existsSync(file)) {
    if (specs.length === 0) return { row: row('lock', 'ok', 'no sources in the config (no lock needed)'), lock }
    return { row: row('lock', 'fail', `${d.path(file)} is missing: ${plural(specs.length, 'source')} to pin`, SYNC_LOCK), lock }
  }

  const problems: string[] = []
  for (const spec of specs) {
    const entry = lock.sources[spec.name]
    if (!entry) problems.push(`source "${spec.name}" is not pinned`)
    else if (!agrees(spec, entry, config)) problems.push(`source "${spec.name}" is new or changed in the config`)
  }
  for (const name of Object.keys(lock.sources)) {
    if (!specs.some((s) => s.name === name)) problems.push(`it pins source "${name}", which the config no longer has`)
  }
  // local sources: the skills' hashes against the lock, as `sync --frozen` reads them (no git)
  const local = specs.filter((s) => s.kind === 'local' && agrees(s, lock.sources[s.name], config))
  if (local.length) {
    const only = new Set(local.map((s) => s.name))
    const pinned: Lockfile = { lockfileVersion: 1, sources: Object.fromEntries(local.map((s) => [s.name, lock.sources[s.name]])) }
    const noGit = () => Promise.reject(new Error('doctor: local sources need no git'))
    try {
      await syncSources({ cacheDir: ctx.cacheDir, home: ctx.home, store: noGit }, config, pinned, { frozen: true, offline: true, only })
    } catch (err) {
      if (!(err instanceof DotskillsError)) throw err
      const line = errorRow('lock', err, d).detail
      problems.push(line.replace(/^.*?dotskills\.lock does not match the config: /, ''))
    }
  }
  if (problems.length) return { row: row('lock', 'fail', `${d.path(file)}: ${problems.join('; ')}`, SYNC_LOCK), lock }
  return { row: row('lock', 'ok', `${d.path(file)} pins ${plural(specs.length, 'source')}`), lock }
}

/**
 * One `cache <source>` row per git source the lock pins (with the config's settings): does the
 * cache hold the pinned commit, and is every skill extracted, unchanged? Missing pieces are a
 * warning (sync makes them); a repository or extracted copy that cannot be trusted is a failure.
 */
export async function cacheRows(ctx: Context, config: LoadedConfig, specs: SourceSpec[], lock: Lockfile, d: Display): Promise<CheckRow[]> {
  const pinned = specs.filter((s) => s.kind === 'git' && agrees(s, lock.sources[s.name], config) && lock.sources[s.name].commit)
  if (!specs.some((s) => s.kind === 'git')) return [row('cache', 'ok', 'no git sources')]
  let store: GitStore | undefined
  const rows: CheckRow[] = []
  for (const spec of pinned) {
    const entry = lock.sources[spec.name]
    const commit = entry.commit!
    const short = commit.slice(0, 12)
    if (!store) {
      const { GitStore } = await import('../sources/git-store.js')
      // never fetches: only gitdir() and inspect() are used
      store = new GitStore({ cacheDir: ctx.cacheDir, env: ctx.env, userAgent: 'dotskills-doctor', credentialHelpers: false })
    }
    const gitdir = store.gitdir(entry.url!)
    const repo = await store.inspect(entry.url!, commit)
    const names = Object.keys(entry.skills)
    const missing: string[] = []
    const changed: string[] = []
    for (const name of names) {
      const dir = snapshotDir(ctx.cacheDir, name, entry.skills[name].hash)
      if (!existsSync(dir)) missing.push(name)
      else if (hashFolder(dir) !== entry.skills[name].hash) changed.push(name)
    }
    const check = `cache ${spec.name}`
    const extracted = missing.length ? `${names.length - missing.length} of ${plural(names.length, 'skill')} extracted` : `${plural(names.length, 'skill')} extracted`
    if (repo.state === 'damaged') {
      rows.push(row(check, 'fail', `${d.path(gitdir)} is damaged: ${d.text(repo.why)}`, `delete ${d.path(gitdir)}; the next \`dotskills sync\` or \`dotskills update\` fetches it again`))
    } else if (changed.length) {
      const first = snapshotDir(ctx.cacheDir, changed[0], entry.skills[changed[0]].hash)
      rows.push(row(check, 'fail', `the extracted ${changed.length === 1 ? 'copy' : 'copies'} of ${changed.map((n) => `"${n}"`).join(', ')} changed since extraction (${d.path(first)})`, 'run `dotskills install`: it extracts changed copies again'))
    } else if (missing.length === 0) {
      const where = repo.state === 'present' ? `commit ${short} in ${d.path(gitdir)}` : `commit ${short} not in the cache (${d.path(gitdir)}), needed only to update`
      rows.push(row(check, 'ok', `${where}; ${extracted}`))
    } else if (repo.state === 'present') {
      rows.push(row(check, 'warn', `commit ${short} in ${d.path(gitdir)}; ${extracted}`, 'run `dotskills sync` (it extracts them without the network)'))
    } else if (repo.state === 'absent') {
      rows.push(row(check, 'warn', `not in the cache: ${d.path(gitdir)} is missing (commit ${short}); ${extracted}`, 'run `dotskills sync`'))
    } else {
      rows.push(row(check, 'warn', `${d.path(gitdir)} lacks the pinned commit ${short}; ${extracted}`, 'run `dotskills sync`'))
    }
  }
  return rows
}

/**
 * One `credentials <source>` row per git source: where its credentials come from (a variable's
 * name, or a git credential helper), never the credentials themselves. No request is made to
 * the source's server; a helper is asked without a prompt and never told to store or erase.
 */
export async function credentialRows(ctx: Context, specs: SourceSpec[], d: Display): Promise<CheckRow[]> {
  const git = specs.filter((s) => s.kind === 'git')
  return Promise.all(
    git.map(async (spec) => {
      const check = `credentials ${spec.name}`
      try {
        const from = await credentialSource(spec.url!, spec.auth, { env: ctx.env })
        if (from?.kind === 'env') return row(check, 'ok', `env ${from.name}${spec.auth ? '' : ` (a token for ${new URL(spec.url!).hostname})`}`)
        if (from?.kind === 'helper') return row(check, 'ok', 'git credential helper')
        return row(check, 'ok', 'none found (a public repository needs none)')
      } catch (err) {
        if (err instanceof DotskillsError) return errorRow(check, err, d)
        throw err
      }
    }),
  )
}
