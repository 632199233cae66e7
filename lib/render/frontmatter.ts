// Per-agent frontmatter: drop the top-level fields an agent does not accept, and leave every
// other byte of SKILL.md as the author wrote it (comments, quoting, key order, blank lines,
// the body). Fields are removed by cutting whole lines, found from the YAML node ranges:
// a field runs from the line of its key to the line where its value ends (a block value's
// following lines included, and whatever trails on that last line, such as a comment).
// Comment lines before or after a dropped field stay.
//
// Every cut is checked by parsing the result again: the kept fields must have exactly their
// old values. When a cut cannot keep that promise (a kept field aliases an anchor defined in a
// dropped one, or a layout we do not cut safely) the frontmatter is written anew from its
// values instead: correct, but without the comments and the original quoting.
import { isDeepStrictEqual } from 'node:util'
import { isMap, isScalar, parseDocument, stringify } from 'yaml'
import { MAX_YAML_ALIASES, parseSkillFile } from '../skills/parse.js'

/** Fields of the Agent Skills spec: every agent keeps them. */
export const SPEC_FIELDS: readonly string[] = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools']

const SPEC = new Set(SPEC_FIELDS)

/** The keep predicate for an adapter's `extraFields`: spec fields always, `'*'` everything. */
export function keepForAdapter(extraFields: readonly string[] | '*'): (field: string) => boolean {
  if (extraFields === '*') return () => true
  const extra = new Set(extraFields)
  return (field) => SPEC.has(field) || extra.has(field)
}

export interface AgentFrontmatter {
  /** the SKILL.md text for this agent; the very same string when nothing was dropped */
  text: string
  /** the dropped fields, in file order */
  dropped: string[]
}

interface Field {
  key: string
  /** offset of the first character of the key's line */
  start: number
  /** offset just after the `\n` ending the value's last line */
  end: number
}

interface Analysis {
  fields: Field[]
  /** offsets of the frontmatter's YAML text: after the opening `---` line, up to the `\n` before the closing one */
  fmStart: number
  fmEnd: number
  data: Record<string, unknown>
}

// One SKILL.md is rendered for every agent in a row: keep the last few analyses.
const MAX_CACHED = 16
const cache = new Map<string, Analysis | null>()

/**
 * Remove the top-level frontmatter fields that `keep` rejects. `text` is SKILL.md as
 * parseSkillFile returns it (BOM stripped, LF line endings). No frontmatter, frontmatter that
 * does not parse, or text that is not in that form: returned unchanged, nothing dropped.
 */
export function frontmatterForAgent(text: string, keep: (field: string) => boolean): AgentFrontmatter {
  const a = analyse(text)
  if (!a) return { text, dropped: [] }
  const drop = a.fields.filter((f) => !keep(f.key))
  if (drop.length === 0) return { text, dropped: [] }
  const dropped = drop.map((f) => f.key)

  let out = ''
  let at = 0
  for (const f of drop) {
    out += text.slice(at, f.start)
    at = f.end
  }
  out += text.slice(at)

  const expected = { ...a.data }
  for (const k of dropped) delete expected[k]
  const removed = text.length - out.length
  if (sameValues(out.slice(a.fmStart, a.fmEnd - removed), expected)) return { text: out, dropped }
  return { text: rewrite(text, a, expected), dropped }
}

function analyse(text: string): Analysis | null {
  if (cache.has(text)) {
    const hit = cache.get(text)!
    // refresh: most recently used last
    cache.delete(text)
    cache.set(text, hit)
    return hit
  }
  const a = analyseUncached(text)
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
  cache.set(text, a)
  return a
}

function analyseUncached(text: string): Analysis | null {
  const parsed = parseSkillFile(Buffer.from(text, 'utf8'))
  const fm = parsed.frontmatter
  // text changed by decoding (CRLF, BOM, lone surrogates, too large): offsets would not match
  if (!fm || parsed.text !== text) return null
  if (parsed.problems.some((p) => p.kind.startsWith('yaml-') || p.kind.startsWith('frontmatter-'))) return null
  const contents = fm.doc.contents
  if (!isMap(contents) || fm.data === null || typeof fm.data !== 'object') return null
  const fmStart = text.indexOf('\n') + 1
  const fmEnd = fmStart + fm.text.length
  // `{name: a, description: b}`: several fields share a line, nothing to cut by lines
  const data = fm.data as Record<string, unknown>
  if (contents.flow) return { fields: fieldNames(contents.items, fmStart), fmStart, fmEnd, data }

  const fields: Field[] = []
  for (const pair of contents.items) {
    const key = pair.key
    // only plain string keys are field names; anything else is kept as written
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue
    const value = pair.value as { range?: [number, number, number] } | null
    const keyStart = key.range[0]
    let last = Math.max(key.range[1], value?.range?.[1] ?? 0) - 1
    // a value's range may end after its final newline (block scalars); find its last character
    while (last > keyStart && /\s/.test(fm.text[last])) last--
    const lineStart = fm.text.lastIndexOf('\n', keyStart - 1) + 1
    const nl = fm.text.indexOf('\n', last)
    // the frontmatter text stops before the `\n` that precedes the closing `---`
    const lineEnd = nl === -1 ? fm.text.length : nl
    fields.push({ key: key.value, start: fmStart + lineStart, end: fmStart + lineEnd + 1 })
  }
  // two fields on one line (only possible in odd layouts): no cutting, rewrite when needed
  for (let i = 1; i < fields.length; i++) {
    if (fields[i].start < fields[i - 1].end) return { fields: fieldNames(contents.items, fmStart), fmStart, fmEnd, data }
  }
  return { fields, fmStart, fmEnd, data }
}

/**
 * Fields that cannot be cut out by lines: names only, with empty extents, so that every cut
 * fails the check and the frontmatter is rewritten.
 */
function fieldNames(items: Array<{ key: unknown }>, fmStart: number): Field[] {
  const out: Field[] = []
  for (const { key } of items) {
    if (isScalar(key) && typeof key.value === 'string') out.push({ key: key.value, start: fmStart, end: fmStart })
  }
  return out
}

/** Does this YAML text hold exactly these values? */
function sameValues(yamlText: string, expected: Record<string, unknown>): boolean {
  const doc = parseDocument(yamlText, { uniqueKeys: true, version: '1.2', schema: 'core', merge: false })
  if (doc.errors.length > 0) return false
  let value: unknown
  try {
    value = doc.contents == null ? {} : doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch {
    return false
  }
  return isDeepStrictEqual(value, expected)
}

/** The frontmatter written anew from its kept values, between the original markers. */
function rewrite(text: string, a: Analysis, expected: Record<string, unknown>): string {
  const yaml = Object.keys(expected).length === 0 ? ''
    : stringify(expected, { version: '1.2', lineWidth: 0, aliasDuplicateObjects: false })
  // fmEnd is the `\n` before the closing marker; `yaml` brings its own
  return text.slice(0, a.fmStart) + yaml + text.slice(a.fmEnd + 1)
}
