// Read a JSONL file as a stream of records, never the whole file at once (logs reach GBs), and
// never aborting: a BOM, CRLF, NUL-filled lines, bad JSON, lines over the size cap and a
// half-written last line are skipped and counted (session-logs.md §3).
//
// Speed matters (a GB of logs in seconds), so the bytes are handled directly:
// - the file is read in 1 MiB blocks into one reused buffer; lines are found with indexOf and
//   decoded straight from it, with no per-line copies (only a line longer than the buffer makes it
//   grow, never past the line cap). Reads are synchronous: `learn` reads one file at a time, a
//   block comes from the page cache in microseconds, and an awaited read waits on the thread pool
//   (on a busy machine that wait was a third of the time);
// - decoding is TextDecoder's, several times faster than Buffer#toString on non-ASCII text and the
//   same result: both decode per WHATWG (bad bytes to U+FFFD), and ignoreBOM keeps a BOM as data;
// - a reader may pass a `Prefilter`: records it does not need (by their top-level fields) are
//   only checked to be valid JSON, on the bytes, and never decoded or parsed; top-level values it
//   never reads are not built. Every count stays what a full parse gives.
import { closeSync, openSync, readSync } from 'node:fs'
import type { ReadCounts } from './types.js'

export interface JsonLine {
  /** 1-based line number */
  line: number
  value: unknown
}

/**
 * What a reader needs of each record, told from the record's top-level members before it is
 * parsed. Only records that are one JSON object starting at the line's first byte are looked at,
 * and only when no top-level key has an escape (`\`): every other line is parsed as usual.
 */
export interface Prefilter {
  /** the top-level keys `skip` reads */
  keys: readonly string[]
  /**
   * Given the top-level value of each of `keys` (the string when it is a string, null when it is
   * any other value, undefined when absent; the last one when a key is repeated, as JSON.parse
   * does): true drops the record. It is still checked to be valid JSON and counted as a record,
   * exactly as if it were parsed and then ignored. (The array is reused from line to line.)
   */
  skip(values: readonly (string | null | undefined)[]): boolean
  /** top-level keys whose object or array values the reader never reads: those are parsed as null */
  blank?: readonly string[]
}

export const MAX_LINE_BYTES = 16 * 2 ** 20

/** bytes read at a time */
const BLOCK = 2 ** 20
/** read buffers of finished reads, reused by the next (one file after another allocates nothing) */
const spareBuffers: Buffer[] = []

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

export async function* jsonLines(path: string, counts: ReadCounts, maxLineBytes = MAX_LINE_BYTES, prefilter?: Prefilter): AsyncGenerator<JsonLine> {
  const fd = openSync(path, 'r')
  let buf = spareBuffers.pop() ?? Buffer.allocUnsafe(BLOCK)
  const plan = prefilter ? compile(prefilter) : undefined
  try {
    /** bytes held: buf[0, end); the current line starts at `start`; no newline before `scan` */
    let end = 0
    let start = 0
    let scan = 0
    /** the current line is over the cap: its bytes are dropped until its newline */
    let oversized = false
    let line = 0
    for (;;) {
      const bytesRead = readSync(fd, buf, end, buf.length - end, null)
      if (bytesRead === 0) break
      end += bytesRead
      const held = buf.subarray(0, end)
      for (;;) {
        const nl = held.indexOf(0x0a, scan)
        if (nl === -1) break
        line++
        counts.lines++
        if (oversized || nl - start > maxLineBytes) counts.oversized++
        else {
          const out = parseLine(held, start, nl, line, true, counts, plan)
          if (out) yield { line, value: out.value }
        }
        oversized = false
        start = scan = nl + 1
      }
      // what is left is the start of a line: drop it when over the cap, else keep it at the front
      if (oversized || end - start > maxLineBytes) {
        oversized = true
        start = scan = end = 0
        continue
      }
      if (start > 0) {
        buf.copy(buf, 0, start, end)
        end -= start
        start = 0
      }
      scan = end
      // a line longer than the buffer: grow it (up to one byte past the cap, enough to see it is over)
      if (buf.length - end < BLOCK / 4 && buf.length <= maxLineBytes) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxLineBytes + 1))
        buf.copy(bigger, 0, 0, end)
        buf = bigger
      }
    }
    if (oversized || end > start) {
      line++
      counts.lines++
      if (oversized) counts.oversized++
      else {
        const out = parseLine(buf, start, end, line, false, counts, plan)
        if (out) yield { line, value: out.value }
      }
    }
  } finally {
    if (buf.length === BLOCK && spareBuffers.length < 4) spareBuffers.push(buf)
    closeSync(fd)
  }
}

/**
 * What the line `b[start, end)` (without its `\n`) holds, as `jsonLines` counts it: a parsed
 * value, or undefined once it is counted as skipped.
 */
function parseLine(b: Buffer, start: number, end: number, line: number, terminated: boolean, counts: ReadCounts, plan?: Plan): { value: unknown } | undefined {
  // a UTF-8 BOM (EF BB BF, the only bytes that decode to U+FEFF) opening the file; then one CR
  if (line === 1 && end - start >= 3 && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf) start += 3
  if (end > start && b[end - 1] === 0x0d) end--
  let text: string | undefined
  if (plan && b[start] === 0x7b) {
    const scanned = scanObject(b, start, end, plan)
    if (scanned === SKIP) {
      counts.records++
      return undefined
    }
    if (scanned !== undefined) text = scanned
  }
  if (text === undefined) {
    text = decoder.decode(b.subarray(start, end))
    // a record starts with `{`: neither blank nor NUL, straight to the parser
    if (text.charCodeAt(0) !== 0x7b) {
      if (text.trim() === '') {
        counts.blank++
        return undefined
      }
      if (/^\0+$/.test(text)) {
        counts.nul++
        return undefined
      }
    }
  }
  try {
    const value: unknown = JSON.parse(text)
    counts.records++
    return { value }
  } catch {
    if (terminated) counts.invalidJson++
    else counts.pending++
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// The prefilter: a JSON validator on bytes that also finds the top-level members. It accepts
// exactly what JSON.parse accepts of the decoded text, byte for byte: outside strings JSON is
// ASCII, and UTF-8 decoding never turns an ASCII byte into anything else nor produces one from
// other bytes (bad bytes become U+FFFD, which a JSON string may hold); inside strings only `"`,
// `\` and control characters (< 0x20) matter. JSON whitespace is space, tab, CR and LF only.
// Nesting is tracked on an explicit stack, so deep nesting cannot overflow the call stack.

interface Plan {
  filter: Prefilter
  /** the keys and blanked keys as they appear in the line, quoted */
  keys: Uint8Array[]
  blank: Uint8Array[]
  /** the values given to `skip`, one array reused line after line */
  values: (string | null | undefined)[]
  /** per key, the bytes and text of its last string value: a session id repeats on every line */
  lastBytes: (Uint8Array | undefined)[]
  lastText: string[]
}

const compile = (filter: Prefilter): Plan => ({
  filter,
  keys: filter.keys.map((k) => Buffer.from(`"${k}"`)),
  blank: (filter.blank ?? []).map((k) => Buffer.from(`"${k}"`)),
  values: filter.keys.map(() => undefined),
  lastBytes: filter.keys.map(() => undefined),
  lastText: filter.keys.map(() => ''),
})

/** The string `b[start, end)` (with its quotes, valid JSON) as JSON.parse reads it. */
function stringValue(b: Uint8Array, start: number, end: number, plan: Plan, k: number): string {
  const last = plan.lastBytes[k]
  if (last && sameBytes(b, start, end, last)) return plan.lastText[k]
  const raw = b.subarray(start + 1, end - 1)
  let text = decoder.decode(raw)
  if (text.includes('\\')) text = JSON.parse(`"${text}"`) as string // escapes: the parser says what they mean
  plan.lastBytes[k] = Buffer.from(b.subarray(start, end)) // a copy: the read buffer is reused
  plan.lastText[k] = text
  return text
}

const SKIP = Symbol('skip')

/** byte classes: JSON whitespace; what ends a run of plain bytes in a string (`"`, `\`, control characters) */
const WS = new Uint8Array(256)
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1
const STOP = new Uint8Array(256)
for (let c = 0; c < 0x20; c++) STOP[c] = 1
STOP[0x22] = STOP[0x5c] = 1
const HEX = new Uint8Array(256)
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1
/** the characters after `\` other than `u` */
const ESCAPE = new Uint8Array(256)
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1

/** `b[i]` is `"`: the index past the closing quote, or -1 when the string is not valid JSON. */
function scanString(b: Uint8Array, i: number, end: number): number {
  i++
  for (;;) {
    while (i < end && STOP[b[i]] === 0) i++
    if (i >= end) return -1
    const c = b[i]
    if (c === 0x22) return i + 1
    if (c !== 0x5c) return -1 // a raw control character
    if (i + 1 >= end) return -1
    const e = b[i + 1]
    if (e === 0x75) {
      if (i + 6 > end || !HEX[b[i + 2]] || !HEX[b[i + 3]] || !HEX[b[i + 4]] || !HEX[b[i + 5]]) return -1
      i += 6
    } else if (ESCAPE[e]) i += 2
    else return -1
  }
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `i`: the index past it, or -1 */
function scanNumber(b: Uint8Array, i: number, end: number): number {
  if (b[i] === 0x2d) i++
  if (i >= end) return -1
  if (b[i] === 0x30) i++
  else if (b[i] >= 0x31 && b[i] <= 0x39) while (++i < end && isDigit(b[i]));
  else return -1
  if (i < end && b[i] === 0x2e) {
    if (++i >= end || !isDigit(b[i])) return -1
    while (++i < end && isDigit(b[i]));
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    if (++i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++
    if (i >= end || !isDigit(b[i])) return -1
    while (++i < end && isDigit(b[i]));
  }
  return i
}

const TRUE = Buffer.from('true')
const FALSE = Buffer.from('false')
const NULL = Buffer.from('null')

function scanLiteral(b: Uint8Array, i: number, end: number, word: Uint8Array): number {
  if (i + word.length > end) return -1
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return -1
  return i + word.length
}

/** One JSON value at `b[i]` (no whitespace before it): the index past it, or -1 when invalid. */
function scanValue(b: Uint8Array, i: number, end: number): number {
  /** open containers, innermost last: true for an object */
  const stack: boolean[] = []
  for (;;) {
    // a value starts at i
    if (i >= end) return -1
    const c = b[i]
    let opened = false
    if (c === 0x7b || c === 0x5b) {
      i++
      while (i < end && WS[b[i]] === 1) i++
      if (i < end && b[i] === (c === 0x7b ? 0x7d : 0x5d)) i++ // {} or []
      else {
        stack.push(c === 0x7b)
        opened = true
      }
    } else if (c === 0x22) i = scanString(b, i, end)
    else if (c === 0x74) i = scanLiteral(b, i, end, TRUE)
    else if (c === 0x66) i = scanLiteral(b, i, end, FALSE)
    else if (c === 0x6e) i = scanLiteral(b, i, end, NULL)
    else i = scanNumber(b, i, end)
    if (i < 0) return -1
    if (!opened) {
      // after a value: the end of the outermost one, a comma, or closing brackets
      for (;;) {
        if (stack.length === 0) return i
        while (i < end && WS[b[i]] === 1) i++
        if (i >= end) return -1
        const d = b[i]
        if (d === 0x2c) {
          i++
          break
        }
        if (d !== (stack[stack.length - 1] ? 0x7d : 0x5d)) return -1
        stack.pop()
        i++
      }
      while (i < end && WS[b[i]] === 1) i++
    }
    if (stack[stack.length - 1]) {
      // a member: "key" : value
      if (i >= end || b[i] !== 0x22) return -1
      i = scanString(b, i, end)
      if (i < 0) return -1
      while (i < end && WS[b[i]] === 1) i++
      if (i >= end || b[i] !== 0x3a) return -1
      i++
      while (i < end && WS[b[i]] === 1) i++
    }
  }
}

function sameBytes(b: Uint8Array, i: number, end: number, word: Uint8Array): boolean {
  if (end - i !== word.length) return false
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false
  return true
}

/**
 * The object `b[start, end)` (b[start] is `{`) through the plan: SKIP when the filter drops it (it
 * is valid JSON), the text to parse when values are blanked, undefined to parse the line as usual
 * (the plan does not apply, or the line is not valid JSON: the parser counts it). Every value is
 * checked in full on the way, so nothing is skipped or blanked in a line the parser would reject.
 */
function scanObject(b: Uint8Array, start: number, end: number, plan: Plan): typeof SKIP | string | undefined {
  const values = plan.values.fill(undefined)
  /** value ranges to parse as null, in order */
  let blanks: number[] | undefined
  let i = start + 1
  while (i < end && WS[b[i]] === 1) i++
  if (i < end && b[i] === 0x7d) i++
  else {
    for (;;) {
      if (i >= end || b[i] !== 0x22) return undefined
      const keyStart = i
      i = scanString(b, i, end)
      if (i < 0) return undefined
      const keyEnd = i
      for (let k = keyStart + 1; k < keyEnd - 1; k++) if (b[k] === 0x5c) return undefined // an escaped key could be any key
      while (i < end && WS[b[i]] === 1) i++
      if (i >= end || b[i] !== 0x3a) return undefined
      i++
      while (i < end && WS[b[i]] === 1) i++
      const valueStart = i
      i = scanValue(b, i, end)
      if (i < 0) return undefined
      for (let k = 0; k < plan.keys.length; k++) {
        if (!sameBytes(b, keyStart, keyEnd, plan.keys[k])) continue
        values[k] = b[valueStart] === 0x22 ? stringValue(b, valueStart, i, plan, k) : null
      }
      if (b[valueStart] === 0x7b || b[valueStart] === 0x5b) {
        for (const key of plan.blank) if (sameBytes(b, keyStart, keyEnd, key)) (blanks ??= []).push(valueStart, i)
      }
      while (i < end && WS[b[i]] === 1) i++
      if (i >= end) return undefined
      if (b[i] === 0x7d) {
        i++
        break
      }
      if (b[i] !== 0x2c) return undefined
      i++
      while (i < end && WS[b[i]] === 1) i++
    }
  }
  while (i < end && WS[b[i]] === 1) i++
  if (i !== end) return undefined
  if (plan.filter.skip(values)) return SKIP
  if (!blanks) return undefined
  // the bytes between blanked values are decoded apart: every cut is next to ASCII (`:`, a bracket
  // or whitespace), where UTF-8 decoding gives the same text whole or in pieces
  let text = ''
  let from = start
  for (let k = 0; k < blanks.length; k += 2) {
    text += decoder.decode(b.subarray(from, blanks[k])) + 'null'
    from = blanks[k + 1]
  }
  return text + decoder.decode(b.subarray(from, end))
}
