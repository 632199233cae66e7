// Sources → skills, pinned by the lock. What add, sync, update and install share:
//   - a source the lock pins, with its skills already extracted: nothing to do, no git loaded,
//     no network (the common case: a no-op sync or install);
//   - pinned but not extracted: fetch the pinned commit if the cache lacks it, extract, and
//     check every skill's content hash against the lock;
//   - new in the config, changed in it, or asked to update: ask the server for the ref's newest
//     commit and pin that.
// `frozen` refuses to move or add a pin; `offline` refuses the network.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, isAbsolute, relative, sep } from 'node:path'
import type { LoadedConfig } from '../config/load.js'
import { configError, DotskillsError } from '../errors.js'
import { discoverSkills, SKILL_NAME } from '../skills/discover.js'
import { skillHash, type HashedFile } from './hash.js'
import type { LockedSource, Lockfile } from './lockfile.js'
import { dropSnapshot, hashFolder, snapshotDir, writeSnapshot } from './snapshot.js'
import { matchesPatterns, parseSource, type SourceSpec } from './specifier.js'
import type { GitStore, Remote, TreeSkill } from './git-store.js'

export interface SourceSkill {
  name: string
  /** the source's name */
  source: string
  /** absolute folder to read the skill from (an extracted snapshot, or the local folder) */
  dir: string
  /** the skill's folder inside the repository (or local source) */
  path: string
  hash: string
}

export interface SourceResult {
  spec: SourceSpec
  /** the source's lock entry after this run */
  entry: LockedSource
  /** its lock entry before, when there was one */
  before?: LockedSource
  skills: SourceSkill[]
  /** things the user should know (skipped files, rewritten URLs) */
  notes: string[]
}

export interface SyncOptions {
  offline?: boolean
  frozen?: boolean
  /** move these sources (by name; 'all': every one) to the newest commit of their ref */
  update?: Set<string> | 'all'
  /** re-hash extracted skills against the lock (install: what is installed is what was pinned) */
  verify?: boolean
  /** only these sources (by name) */
  only?: Set<string>
}

export interface SyncContext {
  cacheDir: string
  home: string
  /** made on first use: a run that needs no git never loads it */
  store: () => Promise<GitStore>
}

export interface SyncResult {
  results: SourceResult[]
  lock: Lockfile
}

/** The config's sources, parsed; duplicate names are a config error. */
export function configSources(config: LoadedConfig, home: string): SourceSpec[] {
  const specs: SourceSpec[] = []
  const seen = new Set<string>()
  for (const entry of config.config.sources ?? []) {
    let spec: SourceSpec
    try {
      spec = parseSource(entry, { baseDir: config.dir, home })
    } catch (err) {
      if (err instanceof DotskillsError && !err.details.path) err.details.path = config.path
      throw err
    }
    if (seen.has(spec.name)) {
      throw configError(`two sources are named "${spec.name}"`, { path: config.path, hint: 'give one of them another name (name: …)' })
    }
    seen.add(spec.name)
    specs.push(spec)
  }
  return specs
}

export async function syncSources(ctx: SyncContext, config: LoadedConfig, lock: Lockfile, opts: SyncOptions = {}): Promise<SyncResult> {
  const specs = configSources(config, ctx.home)
  const next: Lockfile = { lockfileVersion: 1, sources: {} }
  const results: SourceResult[] = []
  if (opts.frozen) {
    const extra = Object.keys(lock.sources).find((n) => !specs.some((s) => s.name === n))
    if (extra) throw outdated(config, `it pins source "${extra}", which the config no longer has`)
  }
  for (const spec of specs) {
    const before = lock.sources[spec.name]
    if (opts.only && !opts.only.has(spec.name)) {
      if (before) next.sources[spec.name] = before // untouched, as it was
      continue
    }
    if (opts.frozen && !agrees(spec, before, config)) throw outdated(config, `source "${spec.name}" is new or changed in the config`)
    const result = spec.kind === 'local' ? await syncLocal(spec, before, config, opts) : await syncGit(ctx, spec, before, config, opts)
    next.sources[spec.name] = result.entry
    results.push(result)
  }
  return { results, lock: next }
}

/** Whether a lock entry was written for these settings (the same URL, ref, path and filters). */
export function agrees(spec: SourceSpec, entry: LockedSource | undefined, config: LoadedConfig): boolean {
  if (!entry) return false
  const same = (a?: string[], b?: string[]) => JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
  const where = spec.kind === 'local' ? entry.dir === localDir(spec, config) && !entry.url : entry.url === spec.url && !entry.dir
  return where && entry.ref === spec.ref && entry.path === spec.path && same(entry.include, spec.include) && same(entry.exclude, spec.exclude)
}

function outdated(config: LoadedConfig, why: string): DotskillsError {
  return configError(`dotskills.lock does not match the config: ${why}`, {
    path: config.path,
    hint: 'run `dotskills sync` (or `dotskills update`) and commit dotskills.lock; --frozen never changes it',
  })
}

/** A local source's folder as the lock records it: relative to the config when inside its repo. */
function localDir(spec: SourceSpec, config: LoadedConfig): string {
  const rel = relative(config.dir, spec.dir!).split(sep).join('/')
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? spec.dir! : rel
}

const settings = (spec: SourceSpec) => ({
  ...(spec.ref ? { ref: spec.ref } : {}),
  ...(spec.path ? { path: spec.path } : {}),
  ...(spec.include?.length ? { include: spec.include } : {}),
  ...(spec.exclude?.length ? { exclude: spec.exclude } : {}),
})

/** A local folder: read as it is now; the lock records its hashes, and --frozen checks them. */
async function syncLocal(spec: SourceSpec, before: LockedSource | undefined, config: LoadedConfig, opts: SyncOptions): Promise<SourceResult> {
  const found = await discoverSkills([spec.dir!], config.dir)
  const skills: SourceSkill[] = []
  for (const s of found) {
    const name = basename(s.dir)
    if (!matchesPatterns(name, spec.include, spec.exclude)) continue
    const files: HashedFile[] = s.files.filter((f) => !f.symlink).map((f) => ({ rel: f.rel, mode: fileMode(f.path), bytes: readFileSync(f.path) }))
    skills.push({ name, source: spec.name, dir: s.dir, path: relative(spec.dir!, s.dir).split(sep).join('/') || '.', hash: skillHash(files) })
  }
  checkNames(spec, skills)
  const entry: LockedSource = { dir: localDir(spec, config), ...settings(spec), skills: lockedSkills(skills) }
  if (opts.frozen) {
    const why = skillDrift(before!, entry)
    if (why) throw outdated(config, `local source "${spec.name}": ${why}`)
  }
  return { spec, entry, before, skills, notes: [] }
}

async function syncGit(ctx: SyncContext, spec: SourceSpec, before: LockedSource | undefined, config: LoadedConfig, opts: SyncOptions): Promise<SourceResult> {
  const remote: Remote = { name: spec.name, url: spec.url!, auth: spec.auth }
  const notes = [...spec.notes]
  const moving = opts.update === 'all' || !!opts.update?.has(spec.name) || !agrees(spec, before, config)
  if (!moving) {
    const pinned = before!
    const fast = fromSnapshots(ctx, spec, pinned, opts.verify)
    if (fast) return { spec, entry: pinned, before, skills: fast, notes }
    // some skill is not extracted (or failed its check): read the pinned commit again
    const store = await ctx.store()
    if (!(await store.hasCommit(remote.url, pinned.commit!))) {
      if (opts.offline) {
        throw store.error(remote, `the cache lacks the pinned commit ${pinned.commit!.slice(0, 12)} and --offline forbids fetching it`, 'run `dotskills sync` once with the network')
      }
      await store.fetchCommit(remote, pinned.commit!, spec.ref)
    }
    const skills = await extract(ctx, store, remote, spec, pinned.commit!, notes)
    const drift = skillDrift(pinned, { ...pinned, skills: lockedSkills(skills) })
    if (drift) {
      throw store.error(remote, `what commit ${pinned.commit!.slice(0, 12)} holds does not match dotskills.lock: ${drift}`, `the lock was edited by hand or the cache is damaged: \`dotskills update ${spec.name}\` pins it afresh`)
    }
    return { spec, entry: pinned, before, skills, notes }
  }
  const store = await ctx.store()
  if (opts.offline) {
    throw store.error(remote, before ? 'moving the pin needs the network, and --offline forbids it' : 'not in dotskills.lock yet: pinning it needs the network, and --offline forbids it', 'run without --offline')
  }
  const commit = await store.fetchTip(remote, spec.ref)
  const skills = await extract(ctx, store, remote, spec, commit, notes)
  const entry: LockedSource = { url: spec.url, ...settings(spec), commit, skills: lockedSkills(skills) }
  return { spec, entry, before, skills, notes }
}

/**
 * The pinned skills straight from their extracted folders, when every one is there (and, with
 * `verify`, still hashes to what the lock says); undefined otherwise. A folder that fails its
 * check is removed, so the caller extracts it afresh from the object store.
 */
function fromSnapshots(ctx: SyncContext, spec: SourceSpec, pinned: LockedSource, verify?: boolean): SourceSkill[] | undefined {
  const out: SourceSkill[] = []
  let complete = true
  for (const [name, s] of Object.entries(pinned.skills)) {
    const dir = snapshotDir(ctx.cacheDir, name, s.hash)
    if (!existsSync(dir)) complete = false
    else if (verify && hashFolder(dir) !== s.hash) {
      dropSnapshot(dir)
      complete = false
    } else out.push({ name, source: spec.name, dir, path: s.path, hash: s.hash })
  }
  return complete ? out : undefined
}

/** Read a commit's skills from the object store, extract each one not extracted yet. */
async function extract(ctx: SyncContext, store: GitStore, remote: Remote, spec: SourceSpec, commit: string, notes: string[]): Promise<SourceSkill[]> {
  const found = await store.listSkills(remote, commit, spec.path)
  const skills: SourceSkill[] = []
  for (const t of found) {
    if (!matchesPatterns(t.name, spec.include, spec.exclude)) continue
    if (!SKILL_NAME.test(t.name)) {
      notes.push(`${spec.name}: skipped ${t.path || '.'}: "${t.name}" is not a valid skill name (a-z, 0-9, single hyphens)`)
      continue
    }
    for (const s of t.skipped) notes.push(`${spec.name}: ${t.name}/${s.rel} left out: ${s.why}`)
    const files = await readFiles(store, remote, t)
    for (const f of files) {
      if (isLfsPointer(f.bytes)) notes.push(`${spec.name}: ${t.name}/${f.rel} is a Git LFS pointer, not the file (LFS is not supported)`)
    }
    const hash = skillHash(files)
    const dir = writeSnapshot(ctx.cacheDir, t.name, hash, files)
    skills.push({ name: t.name, source: spec.name, dir, path: t.path || '.', hash })
  }
  checkNames(spec, skills)
  return skills
}

async function readFiles(store: GitStore, remote: Remote, t: TreeSkill): Promise<HashedFile[]> {
  const out: HashedFile[] = []
  for (const f of t.files) out.push({ rel: f.rel, mode: f.mode, bytes: await store.readBlob(remote.url, f.oid) })
  return out
}

function checkNames(spec: SourceSpec, skills: SourceSkill[]): void {
  const seen = new Map<string, string>()
  for (const s of skills) {
    const other = seen.get(s.name)
    if (other !== undefined) {
      throw new DotskillsError('E_SOURCE', `source ${spec.name}: two skills are named "${s.name}" (${other} and ${s.path})`, {
        hint: 'narrow the source with path, or leave one out with exclude',
      })
    }
    seen.set(s.name, s.path)
  }
}

const lockedSkills = (skills: SourceSkill[]) => Object.fromEntries(skills.map((s) => [s.name, { path: s.path, hash: s.hash }]))

/** How two lock entries' skills differ, in words; undefined when they agree. */
function skillDrift(was: LockedSource, now: LockedSource): string | undefined {
  for (const [name, s] of Object.entries(now.skills)) {
    const old = was.skills[name]
    if (!old) return `skill "${name}" is not in the lock`
    if (old.hash !== s.hash) return `skill "${name}" has content hash ${s.hash}, the lock says ${old.hash}`
  }
  const gone = Object.keys(was.skills).find((n) => !now.skills[n])
  return gone ? `skill "${gone}" is in the lock but not in the source` : undefined
}

const fileMode = (path: string) => (statSync(path).mode & 0o111 ? 0o755 : 0o644)

const isLfsPointer = (b: Uint8Array) => b.length < 1024 && Buffer.from(b.subarray(0, 40)).toString('latin1').startsWith('version https://git-lfs.github.com/spec/')
