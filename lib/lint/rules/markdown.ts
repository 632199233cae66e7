// Just enough Markdown for the link rules: which parts of a body are prose (where a link is a
// link) and which are code (where `[a](b)` is only an example). Not a full CommonMark parser:
// indented code blocks and block quotes are not tracked, since in skills indentation is almost
// always list continuation, and a missed example link costs less than a missed real one.

export interface CodeSpan {
  /** the span's content, one surrounding space stripped as CommonMark does */
  text: string
  /** offset of the opening backticks */
  offset: number
}

export interface MarkdownLink {
  /** the destination as written, without angle brackets or title */
  target: string
  /** offset of the link's `[` (or the `!` of an image, or the `[` of a definition) */
  offset: number
}

/** Blank out (same length, newlines kept) so offsets still map to the original text. */
const blank = (s: string) =>
  s.includes('\n') ? s.split('\n').map((line) => ' '.repeat(line.length)).join('\n') : ' '.repeat(s.length) // 6× faster than a regex replace

/**
 * The body with fenced code blocks and HTML comments blanked out; inline code stays (see
 * inInlineCode and codeSpans), since a full pass over every backtick cost more than the rest of
 * the link check on the benchmark corpus.
 */
export function maskCode(body: string): string {
  if (!body.includes('``') && !body.includes('~~') && !body.includes('<!--')) return body
  // Fenced code blocks, found line by line without splitting the body: [start, end) offsets.
  const fenced: [number, number][] = []
  let fence: { char: string; length: number; indent: number; start: number } | undefined
  // next offset of each marker, searched again only once passed: linear in the body's length
  const next = { '`': -2, '~': -2, '``': -2, '~~': -2 } as Record<string, number>
  const nextAt = (marker: string, at: number) => {
    if (next[marker] !== -1 && next[marker] < at) next[marker] = body.indexOf(marker, at)
    return next[marker]
  }
  const onLine = (marker: string, at: number, end: number) => {
    const i = nextAt(marker, at)
    return i !== -1 && i < end
  }
  for (let at = 0; at <= body.length; ) {
    const nl = body.indexOf('\n', at)
    const end = nl === -1 ? body.length : nl
    if (fence) {
      // A closer is indented at most 3 spaces more than its opener (CommonMark allows 3 at
      // the container's margin), so an indented ``` inside an example block does not end it.
      if (onLine(fence.char, at, end)) {
        const close = /^( *)(`+|~+)\s*$/.exec(body.slice(at, end))
        if (close && close[2][0] === fence.char && close[2].length >= fence.length && close[1].length <= fence.indent + 3) {
          fenced.push([fence.start, end])
          fence = undefined
        }
      }
    } else if (onLine('``', at, end) || onLine('~~', at, end)) {
      // any indentation opens a fence: in skills, deeply indented fences sit in list items
      const open = /^( *)(`{3,}|~{3,})(.*)$/.exec(body.slice(at, end))
      if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
        fence = { char: open[2][0], length: open[2].length, indent: open[1].length, start: at }
      }
    }
    if (nl === -1) break
    at = nl + 1
  }
  if (fence) fenced.push([fence.start, body.length]) // an unclosed fence runs to the end
  let text = body
  if (fenced.length > 0) {
    const parts: string[] = []
    let from = 0
    for (const [a, b] of fenced) {
      parts.push(body.slice(from, a), blank(body.slice(a, b)))
      from = b
    }
    parts.push(body.slice(from))
    text = parts.join('')
  }

  if (text.includes('<!--')) text = text.replace(/<!--[\s\S]*?-->/g, blank)
  return text
}

/** Whether `offset` in `prose` lies inside an inline code span (spans within one line). */
export function inInlineCode(prose: string, offset: number): boolean {
  const lineStart = prose.lastIndexOf('\n', offset - 1) + 1
  let open = 0
  let openedAt = -1
  for (let i = prose.indexOf('`', lineStart); i !== -1 && i < offset; i = prose.indexOf('`', i)) {
    let j = i
    while (prose.charCodeAt(j) === 96) j++
    if (!isEscaped(prose, i)) {
      if (open === 0) {
        open = j - i
        openedAt = j
      } else if (j - i === open) open = 0
    }
    i = j
  }
  if (open === 0) return false
  // an opening run without a closer on its line is a literal backtick
  const lineEnd = prose.indexOf('\n', openedAt)
  return findRun(prose, open, offset, lineEnd === -1 ? prose.length : lineEnd) !== -1
}

/** Inline code spans on one line, with their content (one surrounding space stripped). */
export function codeSpans(prose: string): CodeSpan[] {
  const spans: CodeSpan[] = []
  for (const m of prose.matchAll(/(?<!`)(`+)(?!`)([^\n]*?[^`\n])\1(?!`)/g)) {
    if (isEscaped(prose, m.index!)) continue
    let text = m[2]
    if (/^ .*[^ ].* $/.test(text)) text = text.slice(1, -1)
    spans.push({ text, offset: m.index! })
  }
  return spans
}

/** Offset of the next run of exactly `length` backticks in [from, end), or -1. */
function findRun(text: string, length: number, from: number, end: number): number {
  for (let i = text.indexOf('`', from); i !== -1 && i < end; i = text.indexOf('`', i)) {
    let j = i
    while (text.charCodeAt(j) === 96) j++
    if (j - i === length) return i
    i = j
  }
  return -1
}

function isEscaped(text: string, at: number): boolean {
  let n = 0
  while (at - n - 1 >= 0 && text[at - n - 1] === '\\') n++
  return n % 2 === 1
}

/** Inline links and images `[t](dest "title")` and reference definitions `[id]: dest` in prose. */
export function findLinks(prose: string): MarkdownLink[] {
  const links: MarkdownLink[] = []
  for (let i = prose.indexOf('['); i !== -1; i = prose.indexOf('[', i + 1)) {
    if (isEscaped(prose, i)) continue
    const close = matchingBracket(prose, i)
    if (close === -1) continue
    const start = i > 0 && prose[i - 1] === '!' ? i - 1 : i
    if (prose[close + 1] === '(') {
      const target = inlineDestination(prose, close + 2)
      if (target !== undefined) links.push({ target, offset: start })
    } else if (prose[close + 1] === ':' && prose[i + 1] !== '^' && /(^|\n) {0,3}$/.test(prose.slice(Math.max(0, i - 4), i))) {
      // `[^1]: text` is a footnote, not a link definition
      const def = /^[ \t]*\n?[ \t]*(?:<([^<>\n]*)>|(\S+))/.exec(prose.slice(close + 2))
      if (def) links.push({ target: def[1] ?? def[2], offset: i })
    }
  }
  return links
}

/** Index of the `]` closing the `[` at `open`, nesting allowed, within one paragraph. */
function matchingBracket(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length && i < open + 1000; i++) {
    const ch = text[i]
    if (ch === '\\') i++
    else if (ch === '[') depth++
    else if (ch === ']' && --depth === 0) return i
    else if (ch === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 80))) return -1
  }
  return -1
}

/** The destination of `(dest "title")` starting after the `(`; undefined when it is not a link. */
function inlineDestination(text: string, from: number): string | undefined {
  const rest = text.slice(from, from + 2000)
  const m = /^[ \t]*\n?[ \t]*/.exec(rest)!
  let i = m[0].length
  let dest = ''
  if (rest[i] === '<') {
    const end = rest.indexOf('>', i)
    if (end === -1 || /[<\n]/.test(rest.slice(i + 1, end))) return undefined
    dest = rest.slice(i + 1, end)
    i = end + 1
  } else {
    let depth = 0
    for (; i < rest.length; i++) {
      const ch = rest[i]
      if (ch === '\\' && i + 1 < rest.length) {
        dest += ch + rest[++i]
        continue
      }
      if (/\s/.test(ch)) break
      if (ch === '(') depth++
      else if (ch === ')' && depth-- === 0) break
      dest += ch
    }
  }
  // an optional title, then the closing parenthesis; anything else means it is not a link
  const tail = /^[ \t]*\n?[ \t]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))[ \t]*)?\)/.exec(rest.slice(i))
  return tail ? dest : undefined
}
