// SKILL.md parsing: bytes → text → frontmatter (YAML with positions) + body.
// Never throws on bad input: every problem becomes a ParseProblem with a file line/column,
// and the lint rules of the same name turn them into findings.
import { isUtf8 } from 'node:buffer'
import { LineCounter, parseDocument, isMap, type Document } from 'yaml'

/** SKILL.md files above this size are not parsed: no real skill comes close (largest seen ~200 KiB). */
export const MAX_SKILL_BYTES = 1024 * 1024
/** Aliases expanded per document before we call it an alias bomb (real frontmatter has none). */
export const MAX_YAML_ALIASES = 100

export type ParseProblemKind =
  | 'file-too-large'
  | 'file-encoding'
  | 'file-bom'
  | 'file-crlf'
  | 'frontmatter-missing'
  | 'frontmatter-unclosed'
  | 'frontmatter-not-mapping'
  | 'yaml-syntax'
  | 'yaml-duplicate-key'
  | 'yaml-alias-limit'

export interface Position {
  line: number
  column: number
}

export interface ParseProblem extends Position {
  kind: ParseProblemKind
  message: string
}

export interface Frontmatter {
  /** file line of the opening `---` (1 unless something is wrong) */
  openLine: number
  /** file line of the closing `---` */
  closeLine: number
  /** the YAML text between the markers */
  text: string
  doc: Document.Parsed
  lineCounter: LineCounter
  /** plain JS value of the frontmatter; undefined when YAML errors made it untrustworthy */
  data: unknown
}

export interface ParsedSkillFile {
  bytes: number
  /** decoded text with BOM stripped and CRLF normalised to LF; line numbers are unchanged */
  text: string
  frontmatter?: Frontmatter
  /** Markdown after the closing `---` (the whole text when there is no frontmatter) */
  body: string
  /** file line where `body` starts */
  bodyLine: number
  problems: ParseProblem[]
}

/** Decode a SKILL.md's bytes and split it into frontmatter and body. A `size` over the cap
 * means the bytes were not even read. */
export function parseSkillFile(buf: Buffer, size = buf.length): ParsedSkillFile {
  const problems: ParseProblem[] = []
  const empty = (text: string): ParsedSkillFile => ({
    bytes: size,
    text,
    body: text,
    bodyLine: 1,
    problems,
  })
  if (size > MAX_SKILL_BYTES) {
    problems.push({
      kind: 'file-too-large',
      line: 1,
      column: 1,
      message: `file is ${size} bytes, over the ${MAX_SKILL_BYTES}-byte limit; not parsed`,
    })
    return empty('')
  }

  let text: string
  if (isUtf8(buf)) {
    text = buf.toString('utf8')
  } else {
    const at = firstInvalidUtf8(buf)
    problems.push({
      kind: 'file-encoding',
      ...bytePosition(buf, at),
      message: `invalid UTF-8 byte 0x${buf[at].toString(16).padStart(2, '0')}; agents skip or garble such files (save it as UTF-8)`,
    })
    text = buf.toString('utf8')
  }

  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1)
    problems.push({
      kind: 'file-bom',
      line: 1,
      column: 1,
      message: 'file starts with a UTF-8 byte-order mark; some agents and validators then miss the frontmatter',
    })
  }
  const crlf = text.indexOf('\r\n')
  if (crlf !== -1) {
    problems.push({
      kind: 'file-crlf',
      line: countLines(text, crlf),
      column: 1,
      message: 'CRLF line endings; loaders that split frontmatter on "\\n" (such as quick_validate.py) fail on them',
    })
    text = text.replace(/\r\n/g, '\n')
  }

  const firstEnd = lineEnd(text, 0)
  if (text.slice(0, firstEnd).trim() !== '---') {
    problems.push({
      kind: 'frontmatter-missing',
      line: 1,
      column: 1,
      message: text.trim() === '' ? 'file is empty; SKILL.md needs YAML frontmatter with name and description'
        : 'no YAML frontmatter: the first line must be "---"',
    })
    return empty(text)
  }
  // The closing marker is an unindented `---` line. Splitting by line (not by substring)
  // keeps `---` inside a value from truncating the frontmatter.
  let line = 1
  let start = firstEnd + 1
  let closeStart = -1
  while (start <= text.length) {
    line++
    const end = lineEnd(text, start)
    if (text.startsWith('---', start) && /^[ \t]*$/.test(text.slice(start + 3, end))) {
      closeStart = start
      break
    }
    start = end + 1
  }
  if (closeStart === -1) {
    problems.push({
      kind: 'frontmatter-unclosed',
      line: 1,
      column: 1,
      message: 'frontmatter is never closed: add a "---" line after the last field',
    })
    return empty(text)
  }

  const fmText = text.slice(firstEnd + 1, Math.max(firstEnd + 1, closeStart - 1))
  const fm = parseFrontmatter(fmText, 1, problems)
  fm.closeLine = line
  const bodyStart = lineEnd(text, closeStart) + 1
  return {
    bytes: buf.length,
    text,
    frontmatter: fm,
    body: text.slice(bodyStart),
    bodyLine: line + 1,
    problems,
  }
}

/** index of the `\n` ending the line that starts at `from` (or the text's length) */
function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from)
  return i === -1 ? text.length : i
}

function parseFrontmatter(text: string, openLine: number, problems: ParseProblem[]): Frontmatter {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
    version: '1.2',
    schema: 'core',
    merge: false,
  })
  const fm: Frontmatter = { openLine, closeLine: 0, text, doc, lineCounter, data: undefined }
  for (const err of doc.errors) {
    const pos = err.linePos?.[0] ?? { line: 1, col: 1 }
    const line = pos.line + openLine
    const duplicate = err.code === 'DUPLICATE_KEY'
    problems.push({
      kind: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      line,
      column: pos.col,
      message: duplicate ? 'duplicate key: agents disagree on which value wins'
        : yamlMessage(err.message, err.code, sourceLine(text, pos.line)),
    })
  }
  if (doc.errors.length > 0) return fm
  try {
    fm.data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (err) {
    problems.push({
      kind: 'yaml-alias-limit',
      line: openLine + 1,
      column: 1,
      message: `YAML aliases expand too much (over ${MAX_YAML_ALIASES}); refusing to expand a possible alias bomb`,
    })
    return fm
  }
  if (!isMap(doc.contents)) {
    const node = doc.contents
    // an empty block is reported at its opening `---`
    const where = node?.range ? lineCounter.linePos(node.range[0]) : { line: 0, col: 1 }
    problems.push({
      kind: 'frontmatter-not-mapping',
      line: where.line + openLine,
      column: where.col,
      message: node == null ? 'frontmatter is empty: it needs at least name and description'
        : 'frontmatter must be a YAML mapping of fields (key: value), not a ' + describeValue(fm.data),
    })
    fm.data = undefined
  }
  return fm
}

function yamlMessage(raw: string, code: string, sourceLine: string): string {
  // yaml's pretty messages carry a source excerpt after the first line; we show our own.
  const first = raw.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  if (code === 'TAB_AS_INDENT') return 'tab used for indentation; YAML allows only spaces'
  // `description: Use when: …` is the most common YAML mistake in real skills.
  if (/^\s*[\w-]+:\s+[^'"|>\s].*:\s/.test(sourceLine) &&
    (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY' || code === 'UNEXPECTED_TOKEN')) {
    return `${first} (a value containing ": " must be quoted)`
  }
  return `invalid YAML: ${first}`
}

function sourceLine(text: string, line: number): string {
  let start = 0
  for (let i = 1; i < line && start !== -1; i++) start = text.indexOf('\n', start) + 1 || -1
  return start === -1 ? '' : text.slice(start, lineEnd(text, start))
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'list'
  if (v === null) return 'null'
  return typeof v
}

function countLines(text: string, offset: number): number {
  let n = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++
  return n
}

function bytePosition(buf: Buffer, offset: number): Position {
  let lineStart = 0
  let line = 1
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: buf.subarray(lineStart, offset).toString('utf8').length + 1 }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0
  while (i < buf.length) {
    const b = buf[i]
    let n = 0
    let min = 0
    if (b < 0x80) {
      i++
      continue
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3
      min = 0x10000
    } else {
      return i
    }
    let cp = b & (0x3f >> n)
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += n + 1
  }
  return -1
}
