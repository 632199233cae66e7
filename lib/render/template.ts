// Handlebars rendering for `*.hbs` skill files and adapter output templates.
//
// Only `install` (and the commands that share its plan: diff, status, verify) render
// templates. Nothing on the lint path may import this module: it pulls in handlebars.
//
// Rendering rules
// - An isolated instance (`Handlebars.create()`): helpers or partials registered on the
//   global Handlebars by anything else never leak in, and ours never leak out.
// - `noEscape`: output is Markdown/YAML, not HTML; `<b>&` stays `<b>&`.
// - `strict`: `{{x}}` with `x` missing from the data is an error, never an empty string.
//   As in Handlebars, the first argument of a block helper is not checked, so
//   `{{#if vars.optional}}…{{/if}}` and `{{#each vars.list}}…{{/each}}` are how a template
//   tests an optional value. `eq` and `includes` are predicates and are lenient the same way;
//   `join` produces output, so a missing (undefined) list is an error.
// - Values are inserted as text and never rendered again: a `{{` inside a data value stays.
// - No partials are registered (`{{> x}}` is an error).
// - Inherited properties are never read: `{{x.toString}}` renders as "" (Handlebars' strict
//   check sees the name through the prototype, so this is not an error; nor is it logged).
//
// Helpers
//   eq a b                    a === b. Use as a subexpression: {{#if (eq agent.id "codex")}}
//   includes list value       true when an array contains value (===) or a string contains
//                             value as a substring; false for null/undefined.
//                             {{#if (includes skill.allowed-tools "Bash")}}
//   oneLine text              whitespace runs, line breaks included, folded to one space
//   join list [separator]     array items joined with separator (default ", ");
//                             null → "", a string is returned as is. {{join skill.tags " · "}}
//
// Data shape (built by lib/engine/plan.ts; renderTemplate itself accepts any object):
//   skill     the skill being rendered: its frontmatter fields (name, description,
//             allowed-tools, …; hyphenated names work: {{skill.allowed-tools}}) and `path`
//   skills    for `per: index` outputs, the list of every installed skill (same shape)
//   agent     the adapter being rendered for: { id, name, root }
//   vars      user variables from the config
//   machine   { hostname, os, profile }: os as Node's process.platform, profile the
//             config's named machine profile or null
//
// Errors: every failure is a DotskillsError E_CONFIG with `path` = where.file and the
// template's line (and 1-based column when known), never a raw Handlebars error.
import Handlebars from 'handlebars'
import { configError, DotskillsError } from '../errors.js'

type Delegate = (data: object, options?: object) => string

/** Inherited properties (`toString`, `constructor`) stay denied, and Handlebars does not log about it. */
const RUNTIME = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }

interface Loc {
  start: { line: number; column: number }
  end: { line: number; column: number }
}

/** the `options` argument Handlebars passes to a helper (with `trackIds`) */
interface HelperOptions {
  name?: string
  loc?: Loc
  ids?: unknown[]
}

/** thrown by our helpers; carries the call's location, and the path when a value is missing */
class HelperError extends Error {
  readonly loc: Loc | undefined
  readonly missing: string | undefined
  constructor(message: string, loc: Loc | undefined, missing?: string) {
    super(message)
    this.loc = loc
    this.missing = missing
  }
}

/** compiled templates by source, oldest first: a skill's SKILL.md.hbs is rendered once per agent */
const cache = new Map<string, Delegate>()
const MAX_CACHED = 500
const MAX_CACHED_CHARS = 8 * 1024 * 1024
let cachedChars = 0
let instance: typeof Handlebars | undefined

/** Render a Handlebars template. `where.file` names the template in error messages. */
export function renderTemplate(source: string, data: object, where: { file: string }): string {
  try {
    // Handlebars compiles lazily: parse errors surface on the first call, not here.
    return compiled(source)(data, RUNTIME)
  } catch (err) {
    throw templateError(err, source, data, where.file)
  }
}

function compiled(source: string): Delegate {
  let fn = cache.get(source)
  if (fn) return fn
  fn = hbs().compile(source, { noEscape: true, strict: true, trackIds: true } as CompileOptions) as Delegate
  for (const old of cache.keys()) {
    if (cache.size < MAX_CACHED && cachedChars + source.length <= MAX_CACHED_CHARS) break
    cache.delete(old)
    cachedChars -= old.length
  }
  cache.set(source, fn)
  cachedChars += source.length
  return fn
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]> & { trackIds?: boolean }

function hbs(): typeof Handlebars {
  if (instance) return instance
  const hb = Handlebars.create()
  hb.registerHelper('eq', function (this: unknown, ...args: unknown[]) {
    const opts = args.pop() as HelperOptions
    if (args.length !== 2) throw new HelperError(`eq takes 2 arguments, got ${args.length}`, opts.loc)
    return args[0] === args[1]
  })
  hb.registerHelper('includes', function (this: unknown, ...args: unknown[]) {
    const opts = args.pop() as HelperOptions
    if (args.length !== 2) throw new HelperError(`includes takes 2 arguments (list, value), got ${args.length}`, opts.loc)
    const [list, value] = args
    if (list == null) return false
    if (Array.isArray(list)) return list.includes(value)
    if (typeof list === 'string') return value != null && list.includes(String(value))
    throw new HelperError(`includes expects an array or a string, got ${describe(list)}${idOf(opts, 0)}`, opts.loc)
  })
  // oneLine: whitespace runs (line breaks included) folded to one space, for single-line fields
  // such as a Cursor rule's unquoted description
  hb.registerHelper('oneLine', function (this: unknown, ...args: unknown[]) {
    const opts = args.pop() as HelperOptions
    if (args.length !== 1) throw new HelperError(`oneLine takes 1 argument, got ${args.length}`, opts.loc)
    if (typeof args[0] !== 'string') throw new HelperError(`oneLine expects a string, got ${describe(args[0])}${idOf(opts, 0)}`, opts.loc)
    return args[0].replace(/\s+/g, ' ').trim()
  })
  hb.registerHelper('join', function (this: unknown, ...args: unknown[]) {
    const opts = args.pop() as HelperOptions
    if (args.length < 1 || args.length > 2) {
      throw new HelperError(`join takes 1 or 2 arguments (list, separator), got ${args.length}`, opts.loc)
    }
    const [list, sep = ', '] = args
    if (typeof sep !== 'string') throw new HelperError(`join's separator must be a string, got ${describe(sep)}`, opts.loc)
    if (list === undefined) {
      const id = opts.ids?.[0]
      throw new HelperError('join got undefined (a missing variable?)', opts.loc, typeof id === 'string' ? id : undefined)
    }
    if (list === null) return ''
    if (typeof list === 'string') return list
    if (Array.isArray(list)) return list.join(sep)
    throw new HelperError(`join expects an array, got ${describe(list)}${idOf(opts, 0)}`, opts.loc)
  })
  instance = hb
  return hb
}

function idOf(opts: HelperOptions, i: number): string {
  const id = opts.ids?.[i]
  return typeof id === 'string' ? ` ("${id}")` : ''
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  return `a ${typeof v}`
}

// ---- errors ---------------------------------------------------------------------------

const HINT_OPTIONAL = 'for an optional value use {{#if …}}…{{/if}}'
const HINT_SYNTAX = 'check that every {{ has its }} and every {{#block}} its {{/block}}; write \\{{ for a literal {{'

/** Turn anything rendering threw into a DotskillsError (exported for tests: Handlebars errors come in two shapes). */
export function templateError(err: unknown, source: string, data: object, file: string): DotskillsError {
  if (err instanceof DotskillsError) return err
  if (err instanceof HelperError) {
    const pos = position(err.loc?.start.line, err.loc?.start.column)
    if (err.missing) return missingError(err.missing, data, file, pos)
    return configError(err.message, { path: file, ...pos })
  }
  const e = (err ?? {}) as { message?: unknown; lineNumber?: unknown; column?: unknown; endLineNumber?: unknown; endColumn?: unknown }
  const raw = typeof e.message === 'string' ? e.message : String(err)

  // strict mode: `"nope" not defined in [object Object] - 3:2` (line 1-based, column 0-based)
  const missing = /^"(.*)" not defined in .* - (\d+):(\d+)$/s.exec(raw)
  if (missing) {
    const line = typeof e.lineNumber === 'number' ? e.lineNumber : Number(missing[2])
    const column = typeof e.column === 'number' ? e.column : Number(missing[3])
    let path = missing[1]
    // the whole path as written (`vars.nope`, not just `nope`), when it sits on one line
    if (e.endLineNumber === line && typeof e.endColumn === 'number') {
      const text = sourceLine(source, line).slice(column, e.endColumn)
      if (text.includes(path)) path = text
    }
    return missingError(path, data, file, position(line, column))
  }

  // the parser: `Parse error on line 3:\n<excerpt>\n---^\nExpecting 'A', 'B', got 'C'`
  const parse = /^(Parse|Lexical) error on line (\d+)[.:]/.exec(raw)
  if (parse) {
    const line = Number(parse[2])
    const lines = raw.split('\n')
    const column = parseErrorColumn(source, line, lines[1] ?? '', lines[2] ?? '')
    const expecting = /Expecting (.*), got '([^']*)'\s*$/.exec(raw)
    let what = 'unrecognized text'
    if (expecting) {
      const tokens = expecting[1].split(', ').map((s) => s.replace(/^'|'$/g, ''))
      const got = expecting[2]
      if (got === 'EOF' && tokens.includes('OPEN_ENDBLOCK')) {
        what = 'a block is never closed: the template ends before its {{/…}}'
      } else {
        const expected = [...new Set(tokens.map(tokenName))]
        what = `unexpected ${tokenName(got)}` + (expected.length <= 4 ? `; expected ${expected.join(' or ')}` : '')
      }
    } else if (/^Parse/.test(raw)) {
      what = lines.at(-1) ?? raw
    }
    return configError(`template syntax error: ${what}`, { path: file, line, ...(column ? { column } : {}), hint: HINT_SYNTAX })
  }

  // path lookups in helper arguments are not strict; a missing parent crashes in the lookup
  // …and the strict check itself crashes on a value that is not an object (`{{name.length}}`)
  const crash = /^Cannot read properties of (?:undefined|null) \(reading '(.*)'\)$/.exec(raw) ??
    /^Cannot use 'in' operator to search for '(.*)' in /s.exec(raw)
  if (crash) {
    const found = findPath(source, crash[1], data)
    if (found) return missingError(found.path, data, file, position(found.line, found.column))
  }

  // other Handlebars exceptions, e.g. `if doesn't match each - 2:3`, `#if requires exactly one argument`
  const message = raw.split('\n')[0].replace(/ - \d+:\d+$/, '')
  let line = typeof e.lineNumber === 'number' ? e.lineNumber : undefined
  let column = typeof e.column === 'number' ? e.column : undefined
  if (line === undefined) {
    const loc = locateRuntimeError(source, message)
    line = loc?.line
    column = loc?.column
  }
  return configError(`template error: ${message}`, { path: file, ...position(line, column) })
}

/** Built-in helpers and partial lookups throw without a location; find the statement. */
function locateRuntimeError(source: string, message: string): { line: number; column: number } | undefined {
  const partial = /^The partial (.+) could not be found$/.exec(message)
  if (partial) {
    return findNodes(source, (n) => n.type === 'PartialStatement' && nameOf(n) === partial[1])[0]
  }
  const arity = /^#(\w+) requires exactly one argument$/.exec(message)
  if (arity) {
    return findNodes(source, (n) => n.type === 'BlockStatement' && nameOf(n) === arity[1] && n.params?.length !== 1)[0]
  }
  if (message === 'Must pass iterator to #each') {
    return findNodes(source, (n) => n.type === 'BlockStatement' && nameOf(n) === 'each' && !n.params?.length)[0]
  }
  return undefined
}

interface AstNode {
  type?: unknown
  parts?: unknown
  original?: unknown
  path?: AstNode
  name?: AstNode
  params?: unknown[]
  loc?: Loc
}

function nameOf(n: AstNode): unknown {
  return (n.path ?? n.name)?.original
}

/** start positions (Handlebars': 1-based line, 0-based column) of matching nodes, in source order */
function findNodes(source: string, match: (n: AstNode) => boolean): Array<{ node: AstNode; line: number; column: number }> {
  let ast: unknown
  try {
    ast = hbs().parseWithoutProcessing(source)
  } catch {
    return []
  }
  const found: Array<{ node: AstNode; line: number; column: number }> = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n)
      return
    }
    if (node === null || typeof node !== 'object') return
    const n = node as AstNode
    if (n.loc && match(n)) found.push({ node: n, line: n.loc.start.line, column: n.loc.start.column })
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') visit(v)
  }
  visit(ast)
  return found.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** Handlebars positions: 1-based line, 0-based column → ours: both 1-based */
function position(line: number | undefined, column0: number | undefined): { line?: number; column?: number } {
  if (!line) return {}
  return column0 === undefined ? { line } : { line, column: column0 + 1 }
}

function missingError(path: string, data: object, file: string, pos: { line?: number; column?: number }): DotskillsError {
  const walk = walkPath(path, data)
  let message = `template variable "${path}" is not defined`
  let hint = HINT_OPTIONAL.replace('…}}', `${path}}}`)
  if (walk) {
    if (walk.missing !== path) message += `: "${walk.missing}" is missing`
    hint = `${describeParent(walk.parentPath, walk.parent)}; ${hint}`
  }
  return configError(message, { path: file, ...pos, hint })
}

function describeParent(name: string, value: unknown): string {
  const what = name === '' ? 'the template data' : `"${name}"`
  if (value === null || typeof value !== 'object') return `${what} is ${describe(value)}`
  const keys = Object.keys(value)
  if (keys.length === 0) return `${what} is empty`
  const shown = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', …' : '')
  return `${what} has ${shown}`
}

/**
 * Follow a path (as written in the template) from the root of the data, to say which part is
 * missing. Only paths that start at the root are followed (`a.b`, `@root.a.b`); `this.x` and
 * `../x` depend on the block they are in. Undefined when the path resolves or cannot be followed.
 */
function walkPath(path: string, data: object): { missing: string; parentPath: string; parent: unknown } | undefined {
  let from = 0
  if (path.startsWith('@root')) from = /^@root[./]/.test(path) ? 6 : 5
  else if (/^(this\b|\.|@)/.test(path)) return undefined
  const segments = splitPath(path, from)
  if (!segments || segments.length === 0) return undefined
  let cur: unknown = data
  let parentPath = ''
  for (const seg of segments) {
    const present = cur !== null && typeof cur === 'object' && Object.hasOwn(cur, seg.name)
    // paths are named as written: `a.[b c]`, `@root.a`
    if (!present) return { missing: path.slice(0, seg.end), parentPath, parent: cur }
    parentPath = path.slice(from, seg.end)
    cur = (cur as Record<string, unknown>)[seg.name]
  }
  return undefined
}

/** `a.b`, `a/b`, `a.[b c]` from offset `from` → segments and where each ends; undefined for anything unusual */
function splitPath(path: string, from: number): Array<{ name: string; end: number }> | undefined {
  const out: Array<{ name: string; end: number }> = []
  const re = /\[([^\]]*)\]|([^./[\]]+)/y
  let i = from
  while (i < path.length) {
    re.lastIndex = i
    const m = re.exec(path)
    if (!m) return undefined
    i = re.lastIndex
    out.push({ name: m[1] ?? m[2], end: i })
    if (i < path.length) {
      if (path[i] !== '.' && path[i] !== '/') return undefined
      i++
    }
  }
  return out
}

/**
 * Where is the path whose lookup of `segment` crashed? Handlebars gives no location, so look
 * for paths in the template that read `segment` below their first part, preferring one whose
 * parent is really missing from the data.
 */
function findPath(source: string, segment: string, data: object): { path: string; line: number; column: number } | undefined {
  const candidates = findNodes(source, (n) => n.type === 'PathExpression' && Array.isArray(n.parts) && n.parts.indexOf(segment) >= 1)
    .map((c) => ({ path: String(c.node.original), line: c.line, column: c.column }))
  return candidates.find((c) => walkPath(c.path, data) !== undefined) ?? candidates[0]
}

function sourceLine(source: string, line: number): string {
  let start = 0
  for (let i = 1; i < line; i++) {
    const nl = source.indexOf('\n', start)
    if (nl === -1) return ''
    start = nl + 1
  }
  const end = source.indexOf('\n', start)
  return source.slice(start, end === -1 ? source.length : end)
}

/**
 * The parser's message shows up to 20 characters before the offending token (newlines removed,
 * `...` when cut) and a caret under the token. Find the one offset on `line` that fits; the
 * 1-based column there, or undefined when it is not unambiguous.
 */
function parseErrorColumn(source: string, line: number, excerpt: string, caret: string): number | undefined {
  const at = caret.indexOf('^')
  if (at === -1) return undefined
  let past = excerpt.slice(0, at)
  const cut = past.startsWith('...')
  if (cut) past = past.slice(3)
  let lineStart = 0
  for (let i = 1; i < line; i++) {
    const nl = source.indexOf('\n', lineStart)
    if (nl === -1) return undefined
    lineStart = nl + 1
  }
  const nl = source.indexOf('\n', lineStart)
  const lineEnd = nl === -1 ? source.length : nl
  const fits: number[] = []
  for (let p = lineStart; p <= lineEnd; p++) {
    if (cut ? p <= 20 : p > 20) continue
    const before = cut ? source.slice(p - 20, p) : source.slice(0, p)
    if (before.replace(/\n/g, '') === past) fits.push(p)
  }
  return fits.length === 1 ? fits[0] - lineStart + 1 : undefined
}

const TOKENS: Record<string, string> = {
  EOF: 'end of template',
  INVALID: 'text that is not valid inside {{…}}',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  OPEN_ENDBLOCK: '"{{/…}}"',
  OPEN_INVERSE: '"{{^"',
  OPEN_INVERSE_CHAIN: '"{{else …}}"',
  INVERSE: '"{{else}}"',
  OPEN_PARTIAL: '"{{>"',
  OPEN_UNESCAPED: '"{{{"',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  CLOSE_RAW_BLOCK: '"}}}}"',
  OPEN_SEXPR: '"("',
  CLOSE_SEXPR: '")"',
  OPEN_BLOCK_PARAMS: '"as |"',
  CLOSE_BLOCK_PARAMS: '"|"',
  EQUALS: '"="',
  SEP: '"." or "/"',
  ID: 'a name',
  STRING: 'a string',
  NUMBER: 'a number',
  BOOLEAN: 'true/false',
  UNDEFINED: 'undefined',
  NULL: 'null',
  DATA: '@name',
  CONTENT: 'text',
  COMMENT: 'a comment',
}

function tokenName(token: string): string {
  return TOKENS[token] ?? token
}
