// How a user names a source: on the command line (`dotskills add <source> --ref … --path …`) or
// in the config's `sources:` list, as a string (same syntax as the command line) or as an object
// `{ name?, url, ref?, path?, include?, exclude?, auth? }`. Pure: no file system, no network.
//
// Accepted strings, in the order they are tried:
//   ./dir ../dir /dir ~/dir . .. ~ file:…   a local folder (read from disk, not through git)
//   github:owner/repo[/sub/path][@ref]       GitHub shorthand with an explicit prefix
//   https://… http://…                       any host; github/gitlab/bitbucket browser URLs too
//   ssh://[user@]host[:port]/path, git://…   rewritten to https (isomorphic-git speaks only http)
//   user@host:path (SCP-like)                rewritten to https
//   owner/repo[/sub/path][@ref]              GitHub shorthand
//
// Only those explicit prefixes make a source local. A bare `skills/foo` could be a folder or the
// GitHub repo skills/foo, and guessing from what happens to exist in the current folder would make
// the same config mean different things on different machines: it is always GitHub shorthand.
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { usageError } from '../errors.js'

export interface SourceSpec {
  /** stable id of the source in config and lock: [a-z0-9] and single '-', '.' or '_' inside */
  name: string
  kind: 'git' | 'local'
  /** git: normalised https (or http for loopback/explicit http) URL, never with credentials */
  url?: string
  /** local: absolute folder */
  dir?: string
  /** branch, tag or commit (40-hex); undefined = the remote's default branch */
  ref?: string
  /** folder inside the repo, posix, no leading/trailing '/', never '..' or absolute; undefined = root */
  path?: string
  /** skill-name patterns, '*' wildcard only */
  include?: string[]
  exclude?: string[]
  /** 'env:NAME' */
  auth?: string
  /** user-facing notes, e.g. `using https for git@github.com:o/r.git` */
  notes: string[]
}

/** A source written out in full in the config (its `url` takes any string form). */
export interface ConfigSourceEntry extends SpecOverrides {
  url: string
}

export interface SpecOverrides {
  name?: string
  ref?: string
  path?: string
  include?: string[]
  exclude?: string[]
  auth?: string
}

export interface ParseOptions {
  /** resolves relative local paths: cwd on the command line, the config's folder in config */
  baseDir: string
  /** expands ~ */
  home: string
  /** command-line flags; they win over what the string says */
  overrides?: SpecOverrides
}

const NAME_RE = /^[a-z0-9]+(?:[-._][a-z0-9]+)*$/
const AUTH_RE = /^env:[A-Za-z_][A-Za-z0-9_]*$/
/** GitHub user and organisation names: letters, digits and inner hyphens, at most 39 */
const OWNER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/
const REPO_RE = /^[A-Za-z0-9._-]+$/
/** hosts that serve `owner/repo` without `.git` only to browsers: the git URL gets `.git` */
const DOT_GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org'])
const EXPECTED = 'expected owner/repo, an https URL, git@host:path or ./folder'
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/

/** What the source string alone says. */
interface Located {
  kind: 'git' | 'local'
  url?: string
  dir?: string
  ref?: string
  path?: string
  /** seed for the default name: repo name or folder basename */
  base: string
  notes: string[]
}

/** Parse a source string or config entry into a validated, normalised spec. Throws usageError. */
export function parseSource(input: string | ConfigSourceEntry, opts: ParseOptions): SourceSpec {
  let typed: string
  let entry: SpecOverrides = {}
  if (typeof input === 'string') typed = input
  else {
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw usageError('a source must be a string or an object with a url')
    if (typeof input.url !== 'string') throw usageError('a source object needs a url (owner/repo, an https URL, git@host:path or ./folder)')
    typed = input.url
    entry = checkEntry(input)
  }
  const loc = locate(typed, opts.baseDir, opts.home)
  const over = opts.overrides ?? {}
  const shown = JSON.stringify(redactUrl(typed.trim()))
  const notes = [...loc.notes]

  // ref: the string's @ref / tree URL, the object's `ref`, --ref; all given must agree
  const given = [
    loc.ref === undefined ? undefined : { ref: loc.ref, from: `in ${shown}` },
    entry.ref === undefined ? undefined : { ref: entry.ref, from: 'from ref:' },
    over.ref === undefined ? undefined : { ref: over.ref, from: 'from --ref' },
  ].filter((x) => x !== undefined)
  for (const g of given) checkRef(g.ref)
  const clash = given.find((g) => g.ref !== given[0].ref)
  if (clash) {
    throw usageError(`two different refs for one source: "${given[0].ref}" ${given[0].from} and "${clash.ref}" ${clash.from}`, {
      hint: 'give the ref once',
    })
  }
  const ref = given[0]?.ref

  // path: an explicit path wins over the string's sub-path ('.' = the root)
  let path = loc.path === undefined ? undefined : normalizePath(loc.path)
  const explicitPath = over.path ?? entry.path
  if (explicitPath !== undefined) {
    const p = normalizePath(explicitPath)
    if (path !== undefined && p !== path) notes.push(`using path "${p ?? '.'}" instead of "${path}" from ${shown}`)
    path = p
  }

  const include = checkPatterns('include', over.include?.length ? over.include : entry.include)
  const exclude = checkPatterns('exclude', over.exclude?.length ? over.exclude : entry.exclude)
  if (include && include.length === 0) {
    throw usageError('include is an empty list: the source would install nothing', { hint: 'remove include to install every skill of the source' })
  }

  const auth = over.auth ?? entry.auth
  if (auth !== undefined && !AUTH_RE.test(auth)) {
    throw usageError(`invalid auth "${auth.startsWith('env:') ? auth : '…'}": expected env:NAME (NAME = an environment variable holding the token)`, {
      hint: 'never put a token itself in the config or on the command line',
    })
  }
  if (loc.kind === 'local') {
    if (ref !== undefined) throw usageError(`a ref applies only to git sources, and ${shown} is a local folder`)
    if (auth !== undefined) throw usageError(`auth applies only to git sources, and ${shown} is a local folder`)
  }

  const explicitName = over.name ?? entry.name
  let name: string
  if (explicitName !== undefined) {
    if (!NAME_RE.test(explicitName)) {
      throw usageError(`invalid source name "${explicitName}": use lowercase letters and digits, with single '-', '.' or '_' inside (e.g. "my-skills")`)
    }
    name = explicitName
  } else {
    const seed = path !== undefined ? path.split('/').pop()! : loc.base
    const derived = deriveName(seed)
    if (!derived) throw usageError(`cannot derive a name for ${shown}`, { hint: 'give one with --name (or name: in the config)' })
    name = derived
  }

  const spec: SourceSpec = { name, kind: loc.kind, notes }
  if (loc.url !== undefined) spec.url = loc.url
  if (loc.dir !== undefined) spec.dir = loc.dir
  if (ref !== undefined) spec.ref = ref
  if (path !== undefined) spec.path = path
  if (include) spec.include = include
  if (exclude?.length) spec.exclude = exclude
  if (auth !== undefined) spec.auth = auth
  return spec
}

/**
 * Normalise a git URL the way the cache and the lock key it (git-sync.md §4.1): https (http kept
 * when given), lowercase host, no credentials, no query or fragment, `.git` on github.com,
 * gitlab.com and bitbucket.org; ssh://, git:// and SCP-like user@host:path become https. Browser
 * URLs (…/tree/<ref>/<path>) give the repository's URL. Idempotent. Throws usageError.
 */
export function normalizeGitUrl(url: string): { url: string; note?: string } {
  const s = url.trim()
  const loc = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s) ? fromUrl(s) : fromScp(s)
  if (!loc) throw usageError(`not a git URL: ${JSON.stringify(redactUrl(s))} (expected https://host/path, ssh://host/path or git@host:path)`)
  const out: { url: string; note?: string } = { url: loc.url! }
  if (loc.notes.length) out.note = loc.notes.join('; ')
  return out
}

/** Remove `user:password@` / `token@` from every URL inside a text (for messages and logs). */
export function redactUrl(text: string): string {
  // userinfo ends at the last '@' before the host; it cannot contain '/', '?', '#' or whitespace.
  // A plain user name of an ssh URL (ssh://git@host/…) is not a secret and stays.
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@]*(?:@[^\s/?#@]*)*)@/g, (all, scheme: string, info: string) =>
    /^(git\+)?ssh(\+git)?:\/\/$/i.test(scheme) && /^[A-Za-z0-9._-]+$/.test(info) ? all : scheme,
  )
}

/**
 * Identity of a source for "is this the same source": kind, location and path, not the ref (two
 * refs of one repo folder are one source at two versions). Owner and repo names are
 * case-insensitive on github.com, gitlab.com and bitbucket.org, so their URLs compare lowercased.
 */
export function sourceKey(spec: SourceSpec): string {
  let where = spec.kind === 'git' ? (spec.url ?? '') : (spec.dir ?? '')
  if (spec.kind === 'git') {
    const m = /^https?:\/\/([^/]+)\//.exec(where)
    if (m && DOT_GIT_HOSTS.has(m[1])) where = where.toLowerCase()
  }
  return `${spec.kind}:${where}#${spec.path ?? ''}`
}

/**
 * Does a skill name pass the include/exclude lists? No include list = every skill; an empty include
 * list = none; exclude wins over include. '*' matches any run of characters (also none); every
 * other character matches itself.
 */
export function matchesPatterns(name: string, include?: string[], exclude?: string[]): boolean {
  if (include && !include.some((p) => patternMatches(p, name))) return false
  if (exclude && exclude.some((p) => patternMatches(p, name))) return false
  return true
}

/**
 * What `add` writes to the config: the string as typed when it alone reproduces the spec (and
 * needed no rewriting note: credentials, ssh), else the shortest string that does (owner/repo
 * shorthand, the normalised URL, a local folder relative to the config's folder or to ~), else the
 * object form with only the keys that differ from what its url says. `configDir` and `home` are
 * where the entry will be read from; without them relative and ~ paths are written absolute.
 */
export function toConfigEntry(spec: SourceSpec, typed: string, opts: { configDir?: string; home?: string } = {}): string | ConfigSourceEntry {
  const ctx: ParseOptions = { baseDir: opts.configDir ?? UNSET_BASE, home: opts.home ?? UNSET_HOME }
  const tryParse = (e: string | ConfigSourceEntry) => {
    try {
      return parseSource(e, ctx)
    } catch {
      return undefined
    }
  }
  const candidates: string[] = []
  const t = typed.trim()
  const alone = tryParse(t)
  if (alone && alone.notes.length === 0) candidates.push(t)
  if (spec.kind === 'git' && spec.url) {
    const gh = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\.git$/.exec(spec.url)
    if (gh && OWNER_RE.test(gh[1]) && REPO_RE.test(gh[2])) {
      candidates.push(`${gh[1]}/${gh[2]}${spec.path ? '/' + spec.path : ''}${spec.ref ? '@' + spec.ref : ''}`, `${gh[1]}/${gh[2]}`)
    }
    candidates.push(spec.url)
  } else if (spec.dir) {
    candidates.push(...localForms(spec.dir, opts))
  }

  for (const c of candidates) {
    const p = tryParse(c)
    if (p && sameSpec(p, spec)) return c
  }
  // object form: the url whose own meaning needs the fewest extra keys
  let best: ConfigSourceEntry | undefined
  for (const c of candidates) {
    const p = tryParse(c)
    if (!p || p.kind !== spec.kind || p.url !== spec.url || p.dir !== spec.dir) continue
    const e: ConfigSourceEntry = { url: c }
    if (spec.ref !== p.ref) e.ref = spec.ref
    if (spec.path !== p.path) e.path = spec.path ?? '.'
    if (spec.include) e.include = [...spec.include]
    if (spec.exclude) e.exclude = [...spec.exclude]
    if (spec.auth) e.auth = spec.auth
    const unnamed = tryParse(e)
    const entry: ConfigSourceEntry = unnamed && unnamed.name === spec.name ? e : { name: spec.name, ...e }
    if (!best || Object.keys(entry).length < Object.keys(best).length) best = entry
  }
  const check = best && tryParse(best)
  if (!best || !check || !sameSpec(check, spec)) {
    throw new Error(`toConfigEntry: no config entry reproduces source ${spec.name} (${sourceKey(spec)})`)
  }
  return best
}

// ---------------------------------------------------------------------------------------------

const UNSET_BASE = '/\u0000dotskills-no-config-dir'
const UNSET_HOME = '/\u0000dotskills-no-home'

function sameSpec(a: SourceSpec, b: SourceSpec): boolean {
  const keys = ['name', 'kind', 'url', 'dir', 'ref', 'path', 'include', 'exclude', 'auth'] as const
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
}

/** Ways to write a local folder, best first. */
function localForms(dir: string, opts: { configDir?: string; home?: string }): string[] {
  const forms: string[] = []
  const inside = (root: string | undefined, prefix: string, self: string) => {
    if (!root) return
    const rel = relative(root, dir)
    if (rel === '') forms.push(self)
    else if (!rel.startsWith('..') && !isAbsolute(rel)) forms.push(prefix + rel.split(sep).join('/'))
  }
  inside(opts.configDir, './', '.')
  inside(opts.home, '~/', '~')
  forms.push(dir.startsWith('/') ? dir : pathToFileURL(dir).href)
  return forms
}

function checkEntry(e: ConfigSourceEntry): SpecOverrides {
  const out: SpecOverrides = {}
  for (const key of ['name', 'ref', 'path', 'auth'] as const) {
    const v = e[key]
    if (v === undefined) continue
    if (typeof v !== 'string') throw usageError(`source ${JSON.stringify(redactUrl(e.url))}: ${key} must be a string`)
    out[key] = v
  }
  for (const key of ['include', 'exclude'] as const) {
    const v = e[key]
    if (v === undefined) continue
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw usageError(`source ${JSON.stringify(redactUrl(e.url))}: ${key} must be a list of skill-name patterns`)
    }
    out[key] = v
  }
  return out
}

function notASource(s: string, why = EXPECTED) {
  return usageError(`not a source: ${JSON.stringify(redactUrl(s))} (${why})`)
}

/** What the source string alone says. */
function locate(raw: string, baseDir: string, home: string): Located {
  const s = raw.trim()
  if (!s) throw usageError(`empty source (${EXPECTED})`)
  if (CONTROL_RE.test(s)) throw notASource(s)

  if (s === '.' || s === '..' || s === '~' || /^(\.\.?|~)?\//.test(s)) {
    const dir = s === '~' || s.startsWith('~/') ? join(home, s.slice(1)) : resolve(baseDir, s)
    return local(dir)
  }
  if (/^file:/i.test(s)) return fromFile(s, baseDir, home)
  // everything else is a git location, never with spaces
  if (/\s/.test(s)) throw notASource(s)
  if (/^github:/i.test(s)) {
    const gh = fromShorthand(s.slice('github:'.length))
    if (!gh) throw notASource(s, 'expected github:owner/repo[/folder][@ref]')
    return gh
  }
  if (/^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(s)) return fromUrl('https://' + s, s)
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s)) return fromUrl(s)
  const scp = fromScp(s)
  if (scp) return scp
  const gh = fromShorthand(s)
  if (gh) return gh
  const other = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)
  if (other) throw notASource(s, `unsupported scheme "${other[1]}:"; ${EXPECTED}`)
  throw notASource(s)
}

function local(dir: string): Located {
  return { kind: 'local', dir, base: basename(dir), notes: [] }
}

function fromFile(s: string, baseDir: string, home: string): Located {
  const rest = s.slice('file:'.length)
  if (rest.startsWith('//')) {
    let u: URL
    try {
      u = new URL(s)
    } catch {
      throw notASource(s)
    }
    if (u.hostname) throw notASource(s, 'file: URLs with a host are not supported; use file:///absolute/path or ./folder')
    return local(fileURLToPath(u))
  }
  if (!rest) throw notASource(s, 'expected file:<folder>')
  if (rest === '~' || rest.startsWith('~/')) return local(join(home, rest.slice(1)))
  return local(resolve(baseDir, rest))
}

/** owner/repo[/sub/path][@ref]; undefined when it does not look like one */
function fromShorthand(body: string): Located | undefined {
  let ref: string | undefined
  // the ref follows the last '@' that does not start a path segment (folders like @scope/x exist)
  const at = body.lastIndexOf('@')
  if (at > 0 && body[at - 1] !== '/') {
    ref = body.slice(at + 1)
    body = body.slice(0, at)
    if (!ref) throw usageError(`empty ref after '@' in ${JSON.stringify(body + '@')}`)
  }
  const [owner, repoRaw, ...rest] = body.split('/')
  if (repoRaw === undefined || !OWNER_RE.test(owner) || !REPO_RE.test(repoRaw)) return undefined
  const repo = repoRaw.replace(/\.git$/, '')
  if (!repo || repo === '.' || repo === '..') return undefined
  const loc: Located = { kind: 'git', url: `https://github.com/${owner}/${repo}.git`, base: repo, notes: [] }
  if (ref !== undefined) loc.ref = ref
  if (rest.length) loc.path = rest.join('/')
  return loc
}

/** [user@]host:path, git's SCP-like syntax; a host without user needs a dot (github.com:o/r) */
function fromScp(s: string): Located | undefined {
  const m = /^(?:([^@/\s:]+)@)?([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):(?!\/\/)([^\s]+)$/.exec(s)
  if (!m || (!m[1] && !m[2].includes('.'))) return undefined
  const path = m[3].replace(/^\/+/, '')
  if (!path || path.startsWith('~')) throw notASource(s, 'the path after host: must name a repository, e.g. git@github.com:owner/repo.git')
  const loc = fromUrl(`https://${m[2].toLowerCase()}/${path}`, s)
  return { ...loc, notes: [`using https for ${s}`, ...loc.notes] }
}

/** https, http, ssh, git+ssh, git URLs; `original` is what the user typed when it was rewritten */
function fromUrl(s: string, original?: string): Located {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)![1].toLowerCase()
  let u: URL
  try {
    u = new URL(s)
  } catch {
    throw notASource(original ?? s, 'not a valid URL')
  }
  const notes: string[] = []
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git' || scheme === 'git') {
    // isomorphic-git speaks only http(s): same host and path over https, without the ssh user
    // (it would be sent as the Basic-auth user name) and without the ssh/git port
    if (!u.hostname) throw notASource(s, 'no host in URL')
    if (u.password) notes.push(credentialNote(original ?? s))
    const rewritten = fromUrl(`https://${u.hostname.toLowerCase()}${u.pathname}`, original ?? s)
    return { ...rewritten, notes: [`using https for ${redactUrl(original ?? s)}`, ...notes, ...rewritten.notes] }
  }
  if (scheme !== 'https' && scheme !== 'http') {
    throw notASource(original ?? s, `unsupported URL scheme "${scheme}:"; use https://`)
  }
  if (!u.hostname) throw notASource(original ?? s, 'no host in URL')
  if (u.username || u.password) notes.push(credentialNote(original ?? s))
  if (u.search || u.hash) notes.push(`ignoring the query string and fragment of ${redactUrl(s).replace(/[?#].*$/, '')}`)
  const host = u.hostname
  const segs = u.pathname.split('/').filter(Boolean)
  let repoSegs = segs
  let ref: string | undefined
  let path: string | undefined
  const bad = (why: string) => notASource(original ?? s, why)
  const dash = segs.indexOf('-')
  if (dash >= 0) {
    // GitLab (any host): <group>/<repo>/-/tree/<ref>/<path>
    if (segs[dash + 1] !== 'tree' || dash < 2) throw bad('not a repository URL; use …/<repo> or …/<repo>/-/tree/<ref>/<folder>')
    repoSegs = segs.slice(0, dash)
    ;[ref, path] = treeRest(segs.slice(dash + 2))
  } else if (host === 'github.com' || host === 'bitbucket.org') {
    const browse = host === 'github.com' ? 'tree' : 'src'
    if (segs.length < 2 || (segs.length > 2 && segs[2] !== browse)) {
      throw bad(`not a repository URL; use https://${host}/<owner>/<repo> or …/${browse}/<ref>/<folder>`)
    }
    repoSegs = segs.slice(0, 2)
    if (segs.length > 2) [ref, path] = treeRest(segs.slice(3))
  }
  if (!repoSegs.length) throw bad('no repository path in URL')
  if (DOT_GIT_HOSTS.has(host) && !repoSegs[repoSegs.length - 1].endsWith('.git')) repoSegs[repoSegs.length - 1] += '.git'
  const url = `${u.protocol}//${u.host}/${repoSegs.join('/')}`
  const base = safeDecode(repoSegs[repoSegs.length - 1]).replace(/\.git$/, '')
  const loc: Located = { kind: 'git', url, base, notes }
  if (ref !== undefined) loc.ref = ref
  if (path !== undefined) loc.path = path
  return loc

  function treeRest(rest: string[]): [string | undefined, string | undefined] {
    // a ref with '/' in it is ambiguous in these URLs: the first segment is taken as the ref
    if (!rest.length) throw bad('no ref after tree/ in URL')
    const p = rest.slice(1).map(safeDecode).join('/')
    return [safeDecode(rest[0]), p || undefined]
  }
}

function credentialNote(s: string) {
  return `ignoring the credentials in ${redactUrl(s)}: set auth: env:NAME (--auth env:NAME) to use a token from the environment`
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** A folder inside the repository, posix; undefined = the root. */
function normalizePath(p: string): string | undefined {
  if (p === '') throw usageError('empty path (use . for the root of the source)')
  if (CONTROL_RE.test(p)) throw usageError(`invalid path ${JSON.stringify(p)}: control characters`)
  if (p.includes('\\')) throw usageError(`invalid path "${p}": use '/' as the separator`)
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw usageError(`invalid path "${p}": it must be relative to the root of the source`)
  const segs = p.split('/').filter((x) => x !== '' && x !== '.')
  if (segs.includes('..')) throw usageError(`invalid path "${p}": '..' would leave the source`)
  return segs.length ? segs.join('/') : undefined
}

/** Refs as git accepts them (check-ref-format), plus: not empty, no leading '-'. */
function checkRef(ref: string) {
  const bad = (why: string) => usageError(`invalid ref ${JSON.stringify(ref)}: ${why}`)
  if (ref === '') throw bad('empty')
  if (/\s/.test(ref) || CONTROL_RE.test(ref)) throw bad('spaces and control characters are not allowed')
  if (ref.startsWith('-')) throw bad("it may not start with '-'")
  if (ref.includes('..')) throw bad("'..' is not allowed")
  if (/[~^:?*[\\]/.test(ref) || ref.includes('@{') || ref === '@') throw bad('~ ^ : ? * [ \\ and @{ are not allowed')
  if (ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock') || ref.includes('//') || ref.startsWith('/')) {
    throw bad("it may not start or end with '/', end with '.' or '.lock', or contain '//'")
  }
}

function checkPatterns(what: 'include' | 'exclude', list: string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined
  for (const p of list) {
    if (p === '' || /\s/.test(p) || CONTROL_RE.test(p)) throw usageError(`invalid ${what} pattern ${JSON.stringify(p)}: expected a skill name, '*' as wildcard`)
    if (/[?[\]{}!/\\]/.test(p)) throw usageError(`invalid ${what} pattern "${p}": only '*' is a wildcard, and skill names have no '/'`)
  }
  return [...list]
}

function patternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name
  const re = new RegExp('^' + pattern.split('*').map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's')
  return re.test(name)
}

/** lowercase, invalid characters → '-', runs of separators collapsed, none at the ends */
function deriveName(seed: string): string | undefined {
  const n = seed
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-._]{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
  return NAME_RE.test(n) ? n : undefined
}
