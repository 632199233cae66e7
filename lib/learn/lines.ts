// Read a JSONL file as a stream of records, never the whole file at once (logs reach GBs), and
// never aborting: a BOM, CRLF, NUL-filled lines, bad JSON, lines over the size cap and a
// half-written last line are skipped and counted (session-logs.md §3).
import { createReadStream } from 'node:fs'
import type { ReadCounts } from './types.js'

export interface JsonLine {
  /** 1-based line number */
  line: number
  value: unknown
}

export const MAX_LINE_BYTES = 16 * 2 ** 20

export async function* jsonLines(path: string, counts: ReadCounts, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonLine> {
  let parts: Buffer[] = []
  let size = 0
  let oversized = false
  let line = 0
  const finish = (buf: Buffer, terminated: boolean): JsonLine | undefined => {
    line++
    counts.lines++
    if (oversized) {
      counts.oversized++
      return undefined
    }
    let text = buf.toString('utf8')
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (text.endsWith('\r')) text = text.slice(0, -1)
    if (text.trim() === '') {
      counts.blank++
      return undefined
    }
    if (/^\0+$/.test(text)) {
      counts.nul++
      return undefined
    }
    try {
      const value = JSON.parse(text)
      counts.records++
      return { line, value }
    } catch {
      if (terminated) counts.invalidJson++
      else counts.pending++
      return undefined
    }
  }
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf(0x0a, start)
      const end = nl === -1 ? chunk.length : nl
      if (!oversized) {
        if (size + (end - start) > maxLineBytes) {
          oversized = true
          parts = []
        } else if (end > start) {
          parts.push(chunk.subarray(start, end))
          size += end - start
        }
      }
      if (nl === -1) break
      const out = finish(Buffer.concat(parts), true)
      parts = []
      size = 0
      oversized = false
      if (out) yield out
      start = nl + 1
    }
  }
  if (size > 0 || oversized) {
    const out = finish(Buffer.concat(parts), false)
    if (out) yield out
  }
}
