// Managed blocks: the part of a shared file (AGENTS.md, CLAUDE.md, GEMINI.md …) that dotskills
// owns, between two marker lines. Everything outside the markers is the user's and is never
// changed; each adapter has its own markers, so several can share one file.
import { readFileSync } from 'node:fs'

export const beginMarker = (id: string) => `<!-- dotskills:begin ${id} (managed by dotskills: edit the skills, not this block) -->`
export const endMarker = (id: string) => `<!-- dotskills:end ${id} -->`

/** The whole block as dotskills writes it: markers included, no trailing newline. */
export function blockText(id: string, body: string): string {
  return `${beginMarker(id)}\n${body.replace(/\n+$/, '')}\n${endMarker(id)}`
}

/** [start, end) of the block in `text`, or undefined when it has none. */
export function findBlock(text: string, id: string): [number, number] | undefined {
  const begin = text.indexOf(`<!-- dotskills:begin ${id} `)
  if (begin === -1) return undefined
  const endAt = text.indexOf(endMarker(id), begin)
  if (endAt === -1) return undefined
  return [begin, endAt + endMarker(id).length]
}

/** The block currently in the file at `path`; null when the file or the block is missing. */
export function readBlock(path: string, id: string): string | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return null
  }
  const at = findBlock(text, id)
  return at ? text.slice(at[0], at[1]) : null
}

/** `text` with the block replaced, or appended (after a blank line) when it has none. */
export function withBlock(text: string, id: string, block: string): string {
  const at = findBlock(text, id)
  if (at) return text.slice(0, at[0]) + block + text.slice(at[1])
  if (text === '') return block + '\n'
  return text.replace(/\n*$/, '\n\n') + block + '\n'
}

/** `text` without the block (and the blank line withBlock put before it). */
export function withoutBlock(text: string, id: string): string {
  const at = findBlock(text, id)
  if (!at) return text
  const before = text.slice(0, at[0]).replace(/\n\n$/, '\n')
  const after = text.slice(at[1]).replace(/^\n/, '')
  return before + after
}
