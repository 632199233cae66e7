// Edits of the user's config file for `add` and `remove`: only the `sources` list changes, every
// other byte stays as the user wrote it.
//
// YAML: the file is parsed with the `yaml` package's Document API, and the change is made as a
// small text splice at the positions (node ranges) the parser reports: new list items take the
// indentation of their neighbours, removed items take their whole lines with them. Comments,
// blank lines, quoting and spacing elsewhere are never re-printed. Every splice is checked by
// parsing the result and comparing its data with the same change made on the parsed data; a
// layout the splicer does not handle (flow-style root map, explicit `null`, items not on their
// own lines, …) falls back to changing the Document and printing it with `doc.toString()`, which
// keeps comments and key order but normalises spacing.
// JSON and package.json: parsed, changed and printed with the file's own indentation.
// JS configs are code: they are never edited, the error says what to add by hand.
import { basename } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { isMap, isScalar, isSeq, parseDocument, stringify, LineCounter, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { configError } from '../errors.js'

export type ConfigFormat = 'yaml' | 'json' | 'package-json' | 'js'

const SCHEMA_URL = 'https://dotskills.dev/schemas/config.schema.json'

/** The format of a config file, by its name (see load.ts SEARCH_PLACES). */
export function configFormat(path: string): ConfigFormat {
  const name = basename(path)
  if (name === 'package.json') return 'package-json'
  if (/\.json$/i.test(name)) return 'json'
  if (/\.[cm]?[jt]s$/i.test(name)) return 'js'
  // dotskills.yaml/.yml, .dotskillsrc(.yaml/.yml); unknown names are read as YAML too
  return 'yaml'
}

/** Add one entry at the end of `sources` (creating the key at the end of the file). Returns the new text. */
export function withSourceAdded(path: string, text: string, entry: string | object): string {
  return edit(path, text, {
    refuse: `add this to its sources by hand: ${JSON.stringify(entry)}`,
    data(config) {
      const list = sourcesOf(config, path, true)
      list.push(structuredClone(entry))
    },
    doc(doc) {
      const node = doc.createNode(entry)
      const map = rootMap(doc)
      if (!map) doc.contents = doc.createNode({ sources: [entry] })
      else {
        const seq = map.get('sources', true) as unknown as YAMLSeq | undefined | null
        if (isSeq(seq)) seq.items.push(node)
        else map.set('sources', doc.createNode([entry]))
      }
    },
    splice: (y) => spliceAdd(y, entry),
  })
}

/** Remove the entries at these indexes of `sources`; the key goes when the list becomes empty. */
export function withSourcesRemoved(path: string, text: string, indexes: number[]): string {
  const drop = new Set(indexes)
  if (drop.size === 0) return text
  return edit(path, text, {
    refuse: `remove ${[...drop].sort((a, b) => a - b).map((i) => `sources[${i}]`).join(', ')} by hand`,
    data(config) {
      const list = sourcesOf(config, path, false)
      for (const i of drop) checkIndex(list, i, path)
      const kept = list.filter((_, i) => !drop.has(i))
      if (kept.length) config.sources = kept
      else delete config.sources
    },
    doc(doc) {
      const map = rootMap(doc)!
      const seq = map.get('sources', true) as unknown as YAMLSeq
      seq.items = seq.items.filter((_, i) => !drop.has(i))
      if (!seq.items.length) map.delete('sources')
    },
    splice: (y) => spliceRemove(y, drop),
  })
}

/** Set `exclude` of sources[index]: a string entry becomes { url: <string>, exclude }; [] removes the key. */
export function withSourceExclude(path: string, text: string, index: number, exclude: string[]): string {
  return edit(path, text, {
    refuse: `set exclude of sources[${index}] to ${JSON.stringify(exclude)} by hand`,
    data(config) {
      const list = sourcesOf(config, path, false)
      checkIndex(list, index, path)
      const item = list[index]
      if (typeof item === 'string') {
        if (exclude.length) list[index] = { url: item, exclude: [...exclude] }
      } else if (item && typeof item === 'object' && !Array.isArray(item)) {
        const obj = item as Record<string, unknown>
        if (exclude.length) obj.exclude = [...exclude]
        else delete obj.exclude
      } else throw configError(`sources[${index}] is neither a string nor an object`, { path })
    },
    doc(doc) {
      const seq = rootMap(doc)!.get('sources', true) as unknown as YAMLSeq
      const item = seq.items[index]
      if (isScalar(item)) {
        if (exclude.length) seq.items[index] = doc.createNode({ url: item.value, exclude })
      } else if (isMap(item)) {
        if (exclude.length) item.set('exclude', doc.createNode(exclude))
        else item.delete('exclude')
      }
    },
    splice: (y) => spliceExclude(y, index, exclude),
  })
}

/** Text of a new dotskills.yaml with the schema comment line and one source. */
export function newConfigText(entry: string | object): string {
  const header = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# dotskills config. `dotskills schema config` lists every setting.',
    '',
  ].join('\n')
  return withSourceAdded('dotskills.yaml', header, entry)
}

// ---------------------------------------------------------------------------------------------

interface Edit {
  /** what the js refusal asks the user to do by hand */
  refuse: string
  /** the change on plain data: JSON files, and the check of every YAML splice; throws configError */
  data(config: Record<string, unknown>): void
  /** the same change on a yaml Document (fallback for layouts the splicer does not handle) */
  doc(doc: Document): void
  /** the same change as a text splice; undefined = not handled */
  splice(y: YamlText): string | undefined
}

function edit(path: string, text: string, op: Edit): string {
  let format = configFormat(path)
  if (format === 'yaml' && text.trimStart().startsWith('{') && basename(path) === '.dotskillsrc') format = 'json'
  if (format === 'js') throw configError(`cannot edit ${basename(path)}: ${op.refuse}`, { path })
  if (format === 'yaml') return editYaml(path, text, op)
  return editJson(path, text, format === 'package-json', op)
}

function sourcesOf(config: Record<string, unknown>, path: string, create: boolean): unknown[] {
  if (config.sources === undefined || config.sources === null) {
    if (!create) throw configError('the config has no sources', { path })
    config.sources = []
  }
  if (!Array.isArray(config.sources)) throw configError('sources is not a list', { path, hint: 'make sources a list of sources' })
  return config.sources
}

function checkIndex(list: unknown[], i: number, path: string) {
  if (!Number.isInteger(i) || i < 0 || i >= list.length) throw configError(`the config has no sources[${i}] (it has ${list.length})`, { path })
}

// --- JSON ------------------------------------------------------------------------------------

function editJson(path: string, text: string, pkg: boolean, op: Edit): string {
  let root: unknown
  try {
    root = text.trim() === '' && !pkg ? {} : JSON.parse(text)
  } catch (err) {
    throw configError(`invalid JSON: ${(err as Error).message.split('\n')[0]}`, { path })
  }
  if (!isObject(root)) throw configError('the config is not a JSON object', { path })
  let config = root
  if (pkg) {
    if (root.dotskills === undefined) root.dotskills = {}
    if (!isObject(root.dotskills)) throw configError('"dotskills" in package.json is not an object', { path })
    config = root.dotskills
  }
  op.data(config)
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const m = /\n([ \t]+)\S/.exec(text)
  const indent = m ? (m[1].startsWith('\t') ? '\t' : m[1].length) : text.trim().includes('\n') ? 2 : 0
  let out = JSON.stringify(root, null, indent)
  if (eol !== '\n') out = out.replace(/\n/g, eol)
  return /\n$/.test(text) || text.trim() === '' ? out + eol : out
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

// --- YAML ------------------------------------------------------------------------------------

/** A parsed YAML config and what the splicer needs to know about its layout. */
interface YamlText {
  text: string
  doc: Document.Parsed
  /** the root map; undefined for an empty document (or only comments) */
  map?: YAMLMap
  eol: string
  /** how far block lists are indented under their key in this file (0 or more; default 2) */
  seqIndent: number
}

function parseYaml(path: string, text: string): Document.Parsed {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: true })
  const err = doc.errors[0]
  if (err) {
    const pos = err.linePos?.[0]
    throw configError(`invalid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, {
      path,
      line: pos?.line,
      column: pos?.col,
    })
  }
  return doc
}

/** The root map, undefined for an empty document; configError when the root is something else. */
function rootMap(doc: Document): YAMLMap | undefined {
  const c = doc.contents
  if (c === null || (isScalar(c) && c.value === null)) return undefined
  if (!isMap(c)) throw configError('the config is not a mapping of settings')
  return c
}

function editYaml(path: string, text: string, op: Edit): string {
  const doc = parseYaml(path, text)
  let map: YAMLMap | undefined
  try {
    map = rootMap(doc)
  } catch {
    throw configError('the config is not a mapping of settings', { path })
  }
  const data = map ? (doc.toJS() as Record<string, unknown>) : {}
  op.data(data)

  const y: YamlText = { text, doc, map, eol: text.includes('\r\n') ? '\r\n' : '\n', seqIndent: detectSeqIndent(doc, text) }
  let out: string | undefined
  try {
    out = op.splice(y)
  } catch {
    out = undefined
  }
  if (out !== undefined && sameData(out, data)) return out

  // fallback: change the Document and print it (comments and key order kept, spacing normalised)
  const fresh = parseYaml(path, text)
  op.doc(fresh)
  out = fresh.toString({ lineWidth: 0, indentSeq: y.seqIndent > 0 })
  // aliases, merge keys and the like: give up rather than write something else
  if (!sameData(out, data)) throw configError(`cannot edit ${basename(path)} safely: ${op.refuse}`, { path })
  return out
}

function sameData(text: string, expected: unknown): boolean {
  const doc = parseDocument(text)
  if (doc.errors.length) return false
  return isDeepStrictEqual(doc.toJS() ?? {}, expected)
}

/** Indentation of block lists under their key, from the first one in the file. */
function detectSeqIndent(doc: Document, text: string): number {
  let found: number | undefined
  const walk = (node: unknown) => {
    if (found !== undefined) return
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null
        const v = pair.value as Node | null
        if (isSeq(v) && !v.flow && key?.range && v.range && text[v.range[0]] === '-') {
          found = Math.max(0, colOf(text, v.range[0]) - colOf(text, key.range[0]))
          return
        }
        walk(v)
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item)
  }
  walk(doc.contents)
  return found ?? 2
}

// text positions

function colOf(text: string, pos: number): number {
  return pos - lineStart(text, pos)
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1
}

/** index just after the line break ending the line that holds pos (text.length on the last line) */
function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos)
  return nl < 0 ? text.length : nl + 1
}

/** just after the last non-blank character of a node (its range can run into the next lines) */
function contentEnd(text: string, node: Node): number {
  const [start, end] = node.range!
  let e = end
  while (e > start && /\s/.test(text[e - 1])) e--
  return e
}

/** start of the line holding the `- ` that introduces a block list item; undefined if not alone there */
function itemLineStart(text: string, item: Node): number | undefined {
  let q = item.range![0] - 1
  while (q >= 0 && (text[q] === ' ' || text[q] === '\t')) q--
  if (text[q] !== '-') return undefined
  const ls = lineStart(text, q)
  return /^[ \t]*$/.test(text.slice(ls, q)) ? ls : undefined
}

/** text + a line break if it does not end with one (and is not empty) */
function withFinalEol(text: string, eol: string): string {
  return text === '' || text.endsWith('\n') ? text : text + eol
}

function insertAt(text: string, at: number, add: string, eol: string): string {
  // inserting after a last line that has no line break: give it one first
  if (at === text.length && text !== '' && !text.endsWith('\n')) add = eol + add
  return text.slice(0, at) + add + text.slice(at)
}

function sourcesPair(map: YAMLMap): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === 'sources') as Pair<Node, Node | null> | undefined
}

// rendering new nodes

function scalarBlock(s: string): string {
  const out = stringify(s, { lineWidth: 0 }).trimEnd()
  return out.includes('\n') ? JSON.stringify(s) : out
}

function scalarFlow(s: string): string {
  const out = stringify([s], { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim()
  const inner = out.slice(1, -1)
  return inner.includes('\n') ? JSON.stringify(s) : inner
}

/** `- item` lines at column col */
function blockItem(y: YamlText, entry: string | object, col: number): string {
  const pad = ' '.repeat(col)
  if (typeof entry === 'string') return `${pad}- ${scalarBlock(entry)}${y.eol}`
  const lines = stringify(entry, { lineWidth: 0, indentSeq: y.seqIndent > 0, indent: 2 }).trimEnd().split('\n')
  return lines.map((l, i) => (i === 0 ? `${pad}- ` : `${pad}  `) + l).join(y.eol) + y.eol
}

function flowItem(entry: string | object, padding: boolean): string {
  if (typeof entry === 'string') return scalarFlow(entry)
  return stringify(entry, { collectionStyle: 'flow', flowCollectionPadding: padding, lineWidth: 0 }).trim()
}

/** `exclude:` and its block list, the key at column col; the first line without its indentation */
function excludeBlock(y: YamlText, exclude: string[], col: number): string {
  const pad = ' '.repeat(col + y.seqIndent)
  return `exclude:${y.eol}` + exclude.map((p) => `${pad}- ${scalarBlock(p)}${y.eol}`).join('')
}

// splices

function spliceAdd(y: YamlText, entry: string | object): string | undefined {
  const { text, map, eol } = y
  if (!map) {
    // empty document, only comments, or an explicit null (left to the fallback)
    if (y.doc.contents !== null) return undefined
    return withFinalEol(text, eol) + `sources:${eol}` + blockItem(y, entry, y.seqIndent)
  }
  if (map.flow) return undefined
  const pair = sourcesPair(map)
  if (!pair) {
    const col = colOf(text, map.range![0])
    return withFinalEol(text, eol) + `${' '.repeat(col)}sources:${eol}` + blockItem(y, entry, col + y.seqIndent)
  }
  const key = pair.key
  const v = pair.value
  const keyCol = colOf(text, key.range![0])
  if (v === null || (isScalar(v) && v.value === null)) {
    // `sources:` with nothing (or null, ~) after it: the items go on the next lines
    const items = blockItem(y, entry, keyCol + y.seqIndent)
    if (v?.range && v.range[1] > v.range[0]) {
      const [s, e] = v.range
      if (text.slice(s, e).includes('\n')) return undefined
      const at = lineEnd(text, e)
      const rest = text.slice(e, at)
      // drop the null (and the blanks before it unless a comment follows)
      const from = /^\s*$/.test(rest) ? s - /[ \t]*$/.exec(text.slice(0, s))![0].length : s
      const head = text.slice(0, from) + rest
      return insertAt(head, head.length, items, eol) + text.slice(at)
    }
    return insertAt(text, lineEnd(text, key.range![1]), items, eol)
  }
  if (!isSeq(v)) return undefined
  if (v.flow) {
    const [open, end] = v.range!
    const close = end - 1
    if (text[open] !== '[' || text[close] !== ']') return undefined
    const padding = text[open + 1] === ' '
    const item = flowItem(entry, padding)
    if (!v.items.length) return text.slice(0, open) + `[${item}]` + text.slice(end)
    const last = v.items[v.items.length - 1] as Node
    if (!last.range) return undefined
    const e = last.range[1]
    const add = text.slice(e, close).includes('\n') ? `,${eol}${' '.repeat(colOf(text, last.range[0]))}${item}` : `, ${item}`
    return text.slice(0, e) + add + text.slice(e)
  }
  const first = v.range![0]
  if (text[first] !== '-') return undefined
  const last = v.items[v.items.length - 1] as Node
  return insertAt(text, lineEnd(text, contentEnd(text, last)), blockItem(y, entry, colOf(text, first)), eol)
}

function spliceRemove(y: YamlText, drop: Set<number>): string | undefined {
  const { text, map } = y
  const pair = map && sourcesPair(map)
  const v = pair?.value
  if (!pair || !isSeq(v) || !v.range) return undefined
  const items = v.items as Node[]
  if (items.some((it) => !it?.range)) return undefined

  if (items.every((_, i) => drop.has(i))) {
    // the whole `sources:` key with its list, as whole lines
    const ks = pair.key.range![0]
    const start = lineStart(text, ks)
    if (!/^[ \t]*$/.test(text.slice(start, ks))) return undefined
    let end = lineEnd(text, contentEnd(text, v))
    // comment lines right after the list, indented under the key, belong to it
    const keyCol = ks - start
    for (let m; (m = /^([ \t]*)#[^\n]*(\n|$)/.exec(text.slice(end))) && m[1].length > keyCol && m[0].length; ) end += m[0].length
    return text.slice(0, start) + text.slice(end)
  }
  if (v.flow) {
    // flow lists are rewritten on one line from the kept items' own text
    const [open, end] = v.range
    const pad = text[open + 1] === ' ' ? ' ' : ''
    const kept = items.filter((_, i) => !drop.has(i)).map((it) => text.slice(it.range![0], it.range![1]))
    return text.slice(0, open) + `[${pad}${kept.join(', ')}${pad}]` + text.slice(end)
  }
  let out = text
  for (let i = items.length - 1; i >= 0; i--) {
    if (!drop.has(i)) continue
    const start = itemLineStart(text, items[i])
    if (start === undefined) return undefined
    out = out.slice(0, start) + out.slice(lineEnd(text, contentEnd(text, items[i])))
  }
  return out
}

function spliceExclude(y: YamlText, index: number, exclude: string[]): string | undefined {
  const { text, map, eol } = y
  const pair = map && sourcesPair(map)
  const v = pair?.value
  if (!pair || !isSeq(v) || v.flow) return undefined
  const item = v.items[index] as Node | undefined
  if (!item?.range) return undefined
  const [s, e] = item.range
  const col = colOf(text, s)

  if (isScalar(item)) {
    if (!exclude.length) return text
    if (text.slice(s, e).includes('\n') || itemLineStart(text, item) === undefined) return undefined
    // `- o/r   # comment` → `- url: o/r   # comment` + the exclude lines
    const at = lineEnd(text, e)
    const head = text.slice(0, s) + 'url: ' + text.slice(s, at)
    return insertAt(head, head.length, ' '.repeat(col) + excludeBlock(y, exclude, col), eol) + text.slice(at)
  }
  if (!isMap(item) || item.flow) return undefined
  const ex = item.items.find((p) => isScalar(p.key) && p.key.value === 'exclude') as Pair<Node, Node | null> | undefined
  if (!ex) {
    if (!exclude.length) return text
    return insertAt(text, lineEnd(text, contentEnd(text, item)), ' '.repeat(col) + excludeBlock(y, exclude, col), eol)
  }
  const ks = ex.key.range![0]
  const value = ex.value
  const end = value?.range ? lineEnd(text, contentEnd(text, value)) : lineEnd(text, ex.key.range![1])
  if (!exclude.length) {
    const start = lineStart(text, ks)
    if (!/^[ \t]*$/.test(text.slice(start, ks))) return undefined
    return text.slice(0, start) + text.slice(end)
  }
  if (isSeq(value) && value.flow && value.range) {
    const [open, close] = value.range
    const pad = text[open + 1] === ' ' ? ' ' : ''
    return text.slice(0, open) + `[${pad}${exclude.map(scalarFlow).join(', ')}${pad}]` + text.slice(close)
  }
  return text.slice(0, ks) + excludeBlock(y, exclude, colOf(text, ks)) + text.slice(end)
}
