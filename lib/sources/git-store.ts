// The git side of sources (git-sync.md): one bare repository per source URL under the cache
// folder, fetched with isomorphic-git and read straight from its object store (trees and
// blobs, never a checkout). One GitStore per command run: it holds the HTTP client and the
// shared isomorphic-git cache object, and loads isomorphic-git only when a command needs git.
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import { dirname, join } from 'node:path'
import { DotskillsError } from '../errors.js'
import { authFor, type SourceAuth } from './auth.js'
import { gitFs } from './git-fs.js'
import { HttpGuardError } from './http.js'
import { redactUrl } from './specifier.js'

type Git = typeof import('isomorphic-git')

export interface GitStoreOptions {
  /** dotskills' cache folder; repositories live in <cacheDir>/sources */
  cacheDir: string
  env: NodeJS.ProcessEnv
  userAgent: string
  timeoutMs?: number
  maxBytes?: number
  /** progress text for a TTY (undefined: no progress) */
  progress?: (text: string) => void
  /** false: never ask git credential helpers */
  credentialHelpers?: boolean
}

export interface Remote {
  /** source name, for messages */
  name: string
  url: string
  /** `env:NAME` */
  auth?: string
}

export interface TreeFile {
  /** path inside the skill folder */
  rel: string
  mode: number
  oid: string
}

/** What the object store holds for one skill folder at a commit. */
export interface TreeSkill {
  name: string
  /** the folder inside the repository, `/`-separated ('' for the root) */
  path: string
  files: TreeFile[]
  /** files left out, with why (symlinks, submodules) */
  skipped: { rel: string; why: string }[]
}

const COMMIT = /^[0-9a-f]{40}$/
const SKILL_FILES = ['SKILL.md', 'SKILL.md.hbs']
const SKIP_DIRS = new Set(['.git', 'node_modules', '.dotskills'])
const MAX_DEPTH = 12
/** Each fetch adds a pack and every lookup scans each pack's index: past this, start afresh. */
const MAX_PACKS = 12

export const cacheKey = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 32)

export class GitStore {
  private git?: Git
  private http?: Awaited<ReturnType<typeof import('./http.js').makeHttpClient>>
  /** isomorphic-git's parsed-pack cache, shared by every call of this run (git-sync.md §2.3) */
  private readonly cache = {}
  private readonly fs = gitFs()
  private readonly auths = new Map<string, SourceAuth>()
  private received = 0
  private phase = ''
  private lastDraw = 0

  constructor(private readonly opts: GitStoreOptions) {}

  /** HTTP requests made so far (a no-op sync makes none). */
  get requests(): number {
    return this.http?.requests ?? 0
  }

  gitdir(url: string): string {
    return join(this.opts.cacheDir, 'sources', cacheKey(url) + '.git')
  }

  private async load(): Promise<Git> {
    if (!this.git) {
      this.git = (await import('isomorphic-git')).default as unknown as Git
    }
    return this.git
  }

  private async client() {
    if (!this.http) {
      const { makeHttpClient } = await import('./http.js')
      this.http = await makeHttpClient({
        userAgent: this.opts.userAgent,
        timeoutMs: this.opts.timeoutMs ?? 60_000,
        maxBytes: this.opts.maxBytes ?? 512 * 2 ** 20,
        onBytes: (n) => {
          this.received += n
          this.draw()
        },
      })
    }
    return this.http
  }

  private draw(done = false) {
    const p = this.opts.progress
    if (!p) return
    const now = Date.now()
    if (!done && now - this.lastDraw < 100) return
    this.lastDraw = now
    p(`${this.phase} ${(this.received / 2 ** 20).toFixed(1)} MiB${done ? '\n' : ''}`)
  }

  private auth(remote: Remote): SourceAuth {
    let a = this.auths.get(remote.url)
    if (!a) {
      try {
        a = authFor(remote.url, remote.auth, { env: this.opts.env, helpers: this.opts.credentialHelpers })
      } catch (err) {
        // e.g. `auth: env:NAME` with NAME unset: say which source needs it
        if (err instanceof DotskillsError) throw this.error(remote, err.message, err.details.hint)
        throw err
      }
      this.auths.set(remote.url, a)
    }
    return a
  }

  private async transport(remote: Remote) {
    const a = this.auth(remote)
    return {
      http: await this.client(),
      headers: { ...a.headers }, // a copy: isomorphic-git adds Git-Protocol to the object it gets
      onAuth: a.onAuth,
      onAuthSuccess: a.onAuthSuccess,
      onAuthFailure: a.onAuthFailure,
    }
  }

  /** Whether the cache holds this commit (no network). */
  async hasCommit(url: string, commit: string): Promise<boolean> {
    const gitdir = this.gitdir(url)
    if (!fs.existsSync(gitdir)) return false
    await this.load()
    return this.has(gitdir, commit)
  }

  /**
   * What the cache holds for a pinned commit, read only (doctor; no network): no repository, a
   * repository with the commit, one without it (a fetch adds it), or one that cannot be read.
   */
  async inspect(url: string, commit: string): Promise<{ state: 'absent' | 'present' | 'lacking' } | { state: 'damaged'; why: string }> {
    const gitdir = this.gitdir(url)
    if (!fs.existsSync(gitdir)) return { state: 'absent' }
    const missing = ['HEAD', 'objects'].filter((f) => !fs.existsSync(join(gitdir, f)))
    if (missing.length) return { state: 'damaged', why: `not a git repository (no ${missing.join(', no ')})` }
    const git = await this.load()
    try {
      await git.readCommit({ fs: this.fs, gitdir, oid: commit, cache: this.cache })
      return { state: 'present' }
    } catch (err) {
      const e = err as { code?: string; message?: string }
      if (e.code === 'NotFoundError') return { state: 'lacking' }
      // isomorphic-git says only "An internal error caused this command to fail" for a bad pack
      const why = e.code === 'InternalError' ? 'an object pack cannot be read' : (e.message ?? String(err)).split('\n')[0]
      return { state: 'damaged', why: `commit ${commit.slice(0, 12)} cannot be read: ${why}` }
    }
  }

  private async has(gitdir: string, commit: string): Promise<boolean> {
    try {
      await this.git!.readCommit({ fs: this.fs, gitdir, oid: commit, cache: this.cache })
      return true
    } catch {
      return false
    }
  }

  /**
   * Fetch the newest commit of `ref` (a branch or tag; undefined: the default branch) into the
   * cache and return it. A commit id as ref is fetched as itself.
   */
  async fetchTip(remote: Remote, ref: string | undefined): Promise<string> {
    if (ref && COMMIT.test(ref)) {
      await this.fetchCommit(remote, ref, undefined)
      return ref
    }
    let tip = ''
    await this.locked(remote, async () => {
      tip = await this.fetchInto(remote, (dir, fresh) => this.fetchRef(remote, dir, ref, fresh ? 1 : undefined))
    })
    return tip
  }

  /**
   * Make sure the cache holds `commit` (a pin), found through `ref` (undefined: the default
   * branch). One fetch of the ref finds it when it is still the tip (the usual case); an older
   * commit needs the history of that ref, then of every branch; a shallow cache that still
   * lacks it is rebuilt with full history (git-sync.md §2.1).
   */
  async fetchCommit(remote: Remote, commit: string, ref: string | undefined): Promise<void> {
    if (await this.hasCommit(remote.url, commit)) return
    const named = ref && !COMMIT.test(ref) ? ref : undefined
    await this.locked(remote, async () => {
      if (await this.hasCommit(remote.url, commit)) return // another process fetched it while we waited
      let found = false
      try {
        await this.fetchInto(remote, async (dir, fresh) => {
          // into an existing cache the fetch is incremental: what the ref gained since the last one
          await this.fetchRef(remote, dir, named, fresh ? 1 : undefined)
          if (!(await this.has(dir, commit)) && !fresh) await this.fetchRef(remote, dir, undefined, undefined, true)
          found = await this.has(dir, commit)
          // a new shallow clone without the pin is not kept: the rebuild below replaces it, and
          // if that fails too the cache must be as it was
          if (!found && fresh) throw NOT_FOUND
          return ''
        })
      } catch (err) {
        if (err !== NOT_FOUND) throw err
      }
      if (!found) {
        await this.fetchInto(remote, async (dir) => {
          await this.fetchRef(remote, dir, undefined, undefined, true)
          found = await this.has(dir, commit)
          if (!found) throw this.error(remote, `commit ${commit.slice(0, 12)} is not on the server any more (history rewritten upstream?)`, `run \`dotskills update ${remote.name}\` to move the pin to what the server has now`)
          return ''
        }, true)
      }
    })
  }

  /** One fetch at a time per cache repository, across processes. */
  private async locked(remote: Remote, work: () => Promise<void>): Promise<void> {
    await this.load()
    const { acquireLock } = await import('../engine/lock.js')
    const sources = join(this.opts.cacheDir, 'sources')
    // folders made only for the lock go again if the fetch fails: the cache stays as it was
    const made = [this.opts.cacheDir, sources].filter((d) => !fs.existsSync(d))
    const release = acquireLock(sources, { name: cacheKey(remote.url) + '.lock', what: `fetch of ${remote.name}`, waitMs: 120_000 })
    try {
      await work()
    } finally {
      release()
      for (const d of made.reverse()) {
        try {
          fs.rmdirSync(d) // only when empty
        } catch {}
      }
      if (this.phase) this.draw(true)
      this.phase = ''
    }
  }

  /**
   * Run `work` on the cache repository, or on a new one (none yet, too many packs, or `rebuild`)
   * that is built aside and renamed into place only when `work` succeeds: a failed fetch leaves
   * the cache as it was.
   */
  private async fetchInto(remote: Remote, work: (dir: string, fresh: boolean) => Promise<string>, rebuild = false): Promise<string> {
    const git = this.git!
    const gitdir = this.gitdir(remote.url)
    const fresh = rebuild || !fs.existsSync(gitdir) || packCount(gitdir) > MAX_PACKS
    if (!fresh) return work(gitdir, false)
    const dir = `${gitdir}.tmp-${process.pid}-${Date.now().toString(36)}`
    try {
      await git.init({ fs: this.fs, gitdir: dir, bare: true, defaultBranch: 'main' })
      await git.addRemote({ fs: this.fs, gitdir: dir, remote: 'origin', url: remote.url })
      const out = await work(dir, true)
      fs.rmSync(gitdir, { recursive: true, force: true })
      fs.renameSync(dir, gitdir)
      return out
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }

  /**
   * Fetch one ref (a branch or tag name; the default branch when undefined; every branch with
   * `all`) and return the commit it points at.
   */
  private async fetchRef(remote: Remote, gitdir: string, ref: string | undefined, depth: number | undefined, all = false): Promise<string> {
    const git = this.git!
    const t = await this.transport(remote)
    this.phase = `${remote.name}: fetching`
    this.draw()
    let result
    const restoreRefs = keepRemoteRefs(gitdir)
    try {
      result = await git.fetch({
        ...t,
        fs: this.fs,
        gitdir,
        url: remote.url,
        ref,
        remoteRef: ref,
        singleBranch: !all,
        tags: false,
        depth,
        cache: this.cache,
        onProgress: (e) => {
          this.phase = `${remote.name}: ${e.phase.toLowerCase()}${e.total ? ` ${Math.round((100 * e.loaded) / e.total)}% (${e.loaded}/${e.total})` : ''}`
          this.draw()
        },
      })
    } catch (err) {
      restoreRefs()
      if (ref && (err as { code?: string }).code === 'NotFoundError') {
        throw this.error(remote, `no branch or tag "${ref}"`, 'check the ref in the config (a branch, a tag or a full 40-character commit id)')
      }
      throw this.translate(remote, err)
    }
    if (!result.fetchHead) throw this.error(remote, 'the repository is empty (no commits)')
    const oid = await this.peel(gitdir, result.fetchHead)
    // haves come only from the local branch named like the ref: move it, or every later fetch
    // downloads everything again (git-sync.md §2.2)
    const local = ref ?? result.defaultBranch?.replace(/^refs\/heads\//, '')
    if (local) {
      await git.writeRef({ fs: this.fs, gitdir, ref: `refs/heads/${local}`, value: oid, force: true })
      // a fetch without a ref takes its haves from HEAD's branch (init made it "main"): point
      // HEAD at the remote's default branch, or a "master" repo is downloaded whole every time
      if (!ref) await git.writeRef({ fs: this.fs, gitdir, ref: 'HEAD', value: `refs/heads/${local}`, symbolic: true, force: true })
    }
    return oid
  }

  /**
   * A full clone with a working tree (a dotfiles repo the user will edit and push), made beside
   * `dir` and renamed into place, so a failure leaves nothing half-cloned. Gives the commit.
   */
  async clone(remote: Remote, dir: string, ref: string | undefined): Promise<string> {
    const git = await this.load()
    const t = await this.transport(remote)
    const tmp = `${dir}.tmp-${process.pid}-${Date.now().toString(36)}`
    fs.mkdirSync(dirname(dir), { recursive: true })
    this.phase = `${remote.name}: cloning`
    this.draw()
    try {
      await git.clone({
        ...t,
        fs, // plain fs: the memoizing one is for bare caches, and a checkout writes files
        dir: tmp,
        url: remote.url,
        ref,
        singleBranch: false,
        cache: this.cache,
        onProgress: (e) => {
          this.phase = `${remote.name}: ${e.phase.toLowerCase()}${e.total ? ` ${Math.round((100 * e.loaded) / e.total)}%` : ''}`
          this.draw()
        },
      })
      const oid = await git.resolveRef({ fs, dir: tmp, ref: 'HEAD' })
      fs.renameSync(tmp, dir)
      this.draw(true)
      return oid
    } catch (err) {
      if (ref && (err as { code?: string }).code === 'NotFoundError') throw this.error(remote, `no branch or tag "${ref}"`)
      throw err instanceof DotskillsError ? err : this.translate(remote, err)
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }

  /** An annotated tag's commit. */
  private async peel(gitdir: string, oid: string): Promise<string> {
    const git = this.git!
    for (let i = 0; i < 5; i++) {
      const o = await git.readObject({ fs: this.fs, gitdir, oid, cache: this.cache })
      if (o.type !== 'tag') return oid
      oid = (o.object as { object: string }).object
    }
    return oid
  }

  /**
   * The skills in a commit under `path`: every folder holding a SKILL.md (or SKILL.md.hbs), at
   * any depth; a skill nested in another is a skill of its own, and its files are not the
   * outer one's.
   */
  async listSkills(remote: Remote, commit: string, path: string | undefined): Promise<TreeSkill[]> {
    const git = await this.load()
    const gitdir = this.gitdir(remote.url)
    let root
    try {
      root = await git.readTree({ fs: this.fs, gitdir, oid: commit, filepath: path || undefined, cache: this.cache })
    } catch (err) {
      if ((err as { code?: string }).code === 'NotFoundError') {
        throw this.error(remote, `no folder "${path}" at commit ${commit.slice(0, 12)}`, 'check the source\'s path')
      }
      throw err
    }
    const skills: TreeSkill[] = []
    const walk = async (entries: typeof root.tree, at: string, owner: TreeSkill | undefined, ownerRel: string, depth: number) => {
      if (depth > MAX_DEPTH) return
      const isSkill = entries.some((e) => e.type === 'blob' && SKILL_FILES.includes(e.path))
      let me = owner
      let rel = ownerRel
      if (isSkill) {
        me = { name: at.split('/').pop() || remote.name, path: at, files: [], skipped: [] }
        skills.push(me)
        rel = ''
      }
      for (const e of entries) {
        const childRel = rel ? `${rel}/${e.path}` : e.path
        if (e.type === 'tree') {
          if (SKIP_DIRS.has(e.path)) continue
          const sub = await git.readTree({ fs: this.fs, gitdir, oid: e.oid, cache: this.cache })
          await walk(sub.tree, at ? `${at}/${e.path}` : e.path, me, childRel, depth + 1)
        } else if (me) {
          const mode = parseInt(e.mode, 8)
          if (e.type === 'commit') me.skipped.push({ rel: childRel, why: 'a git submodule (not fetched)' })
          else if (mode === 0o120000) me.skipped.push({ rel: childRel, why: 'a symlink (sources may not link)' })
          else me.files.push({ rel: childRel, mode: mode & 0o111 ? 0o755 : 0o644, oid: e.oid })
        }
      }
    }
    await walk(root.tree, path ?? '', undefined, '', 0)
    return skills
  }

  async readBlob(url: string, oid: string): Promise<Uint8Array> {
    const git = await this.load()
    return (await git.readBlob({ fs: this.fs, gitdir: this.gitdir(url), oid, cache: this.cache })).blob
  }

  /** Any failure of a network call as one E_SOURCE line naming the source. */
  private translate(remote: Remote, err: unknown): DotskillsError {
    if (err instanceof DotskillsError) return err
    const e = err as Error & { code?: string; data?: { statusCode?: number; statusMessage?: string } }
    const a = this.auths.get(remote.url)
    const status = e.data?.statusCode
    if (a?.rejected) {
      return this.error(remote, `the server refused the credentials from ${a.from}`, `check that ${a.from} holds a token with read access to this repository`)
    }
    if (a?.missing || status === 401) {
      return this.error(remote, 'authentication required', "set `auth: env:NAME` on the source (or GH_TOKEN / GITLAB_TOKEN / BITBUCKET_TOKEN for those hosts), or configure a git credential helper")
    }
    if (status === 403) return this.error(remote, 'access denied (HTTP 403)', a?.from ? `check what ${a.from} may read` : undefined)
    if (status === 404) {
      return this.error(remote, 'repository not found (HTTP 404)', a?.from ? 'check the URL' : 'check the URL; if it is private, give it a token (auth: env:NAME)')
    }
    if (status) return this.error(remote, `the server answered HTTP ${status}${e.data?.statusMessage ? ` ${e.data.statusMessage}` : ''}`, 'try again later')
    if (err instanceof HttpGuardError) return this.error(remote, err.message, err.hint)
    // the request's own timeout (simple-get): no answer at all
    if (/timed out/i.test(e.message)) return this.error(remote, 'the server did not answer in time (timed out)', 'check the network, or try again later')
    const sys = e.code ?? ''
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH'].includes(sys) || /aborted|socket hang up|premature/i.test(e.message)) {
      return this.error(remote, `network error: ${sys || e.message}`, 'check the network and the URL, or use --offline with what the cache holds')
    }
    if (e.code === 'NotFoundError') return this.error(remote, 'the server does not have what was asked for', 'check the ref')
    if (typeof e.code === 'string' && /Error$/.test(e.code)) {
      return this.error(remote, `git: ${redactUrl(e.message.split('\n')[0])}`)
    }
    throw err
  }

  error(remote: Remote, message: string, hint?: string): DotskillsError {
    return new DotskillsError('E_SOURCE', `source ${remote.name} (${redactUrl(remote.url)}): ${message}`, hint ? { hint } : {})
  }
}

const NOT_FOUND = Symbol('commit not found')

/**
 * isomorphic-git writes the remote-tracking refs before the pack has arrived: a fetch that fails
 * half-way (a dropped connection) would leave refs to objects the store lacks. The returned
 * function puts refs/remotes back as it was.
 */
function keepRemoteRefs(gitdir: string): () => void {
  const root = join(gitdir, 'refs', 'remotes')
  const saved = new Map<string, Buffer>()
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else saved.set(p, fs.readFileSync(p))
    }
  }
  if (fs.existsSync(root)) walk(root)
  return () => {
    fs.rmSync(root, { recursive: true, force: true })
    for (const [p, bytes] of saved) {
      fs.mkdirSync(join(p, '..'), { recursive: true })
      fs.writeFileSync(p, bytes)
    }
  }
}

function packCount(gitdir: string): number {
  try {
    return fs.readdirSync(join(gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.pack')).length
  } catch {
    return 0
  }
}
