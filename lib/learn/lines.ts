// Read a JSONL file as a stream of records, never the whole file at once (logs reach GBs), and
// never aborting: a BOM, CRLF, NUL-filled lines, bad JSON, lines over the size cap and a
// half-written last line are skipped and counted (session-logs.md §3).
//
// Speed matters (a GB of logs in seconds): the file is read in 1 MiB blocks into one reused
// buffer, lines are found with indexOf on the bytes and decoded straight from that buffer (no
// per-line copies), with TextDecoder (much faster than Buffer#toString on non-ASCII text, and the
// same result: both decode per WHATWG, bad bytes to U+FFFD; ignoreBOM keeps a BOM as data). Only
// a line longer than the buffer makes it grow, never past the line cap.
import { open } from 'node:fs/promises'
import type { ReadCounts } from './types.js'

export interface JsonLine {
  /** 1-based line number */
  line: number
  value: unknown
}

export const MAX_LINE_BYTES = 16 * 2 ** 20

/** bytes read at a time */
const BLOCK = 2 ** 20

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * What a line holds, as `jsonLines` counts it: a parsed value, or undefined after counting why it
 * was skipped. `bytes` is the line without its `\n`; `line` is its 1-based number.
 */
function parseLine(bytes: Uint8Array, line: number, terminated: boolean, counts: ReadCounts): { value: unknown } | undefined {
  let start = 0
  let end = bytes.length
  // a UTF-8 BOM (EF BB BF, the only bytes that decode to U+FEFF) opening the file; then one CR
  if (line === 1 && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  if (end > start && bytes[end - 1] === 0x0d) end--
  const text = decoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end))
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

export async function* jsonLines(path: string, counts: ReadCounts, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonLine> {
  const fh = await open(path, 'r')
  try {
    let buf = Buffer.allocUnsafe(BLOCK)
    /** bytes held: buf[0, end); the current line starts at `start`; no newline before `scan` */
    let end = 0
    let start = 0
    let scan = 0
    /** the current line is over the cap: its bytes are dropped until its newline */
    let oversized = false
    let line = 0
    for (;;) {
      const { bytesRead } = await fh.read(buf, end, buf.length - end, null)
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
          const out = parseLine(held.subarray(start, nl), line, true, counts)
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
        const out = parseLine(buf.subarray(start, end), line, false, counts)
        if (out) yield { line, value: out.value }
      }
    }
  } finally {
    await fh.close()
  }
}
