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
const blank = (s: string) => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length))

/** The body with fenced code blocks, inline code spans and HTML comments blanked out. */
export function maskCode(body: string): { prose: string; codeSpans: CodeSpan[] } {
  // Cheap exits first: most skill bodies are scanned by several rules and many lack code.
  if (!body.includes('`') && !body.includes('~~~') && !body.includes('<!--')) return { prose: body, codeSpans: [] }
  const lines = body.split('\n')
  let fence: { char: string; length: number; indent: number } | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (fence) {
      // A closer is indented at most 3 spaces more than its opener (CommonMark allows 3 at
      // the container's margin), so an indented ``` inside an example block does not end it.
      const close = line.includes(fence.char) ? /^( *)(`+|~+)\s*$/.exec(line) : null
      if (close && close[2][0] === fence.char && close[2].length >= fence.length && close[1].length <= fence.indent + 3) {
        fence = undefined
      }
      lines[i] = ' '.repeat(line.length)
      continue
    }
    // any indentation opens a fence: in skills, deeply indented fences sit in list items
    const open = line.includes('``') || line.includes('~~') ? /^( *)(`{3,}|~{3,})(.*)$/.exec(line) : null
    if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
      fence = { char: open[2][0], length: open[2].length, indent: open[1].length }
      lines[i] = ' '.repeat(line.length)
    }
  }
  let text = lines.join('\n')

  // Paragraph ends, found once: a code span never crosses one.
  const paraEnds: number[] = []
  for (const m of text.matchAll(/\n[ \t]*\n/g)) paraEnds.push(m.index!)
  paraEnds.push(text.length)
  let para = 0

  const codeSpans: CodeSpan[] = []
  const chunks: string[] = []
  let from = 0
  const runs = /`+/g
  let m: RegExpExecArray | null
  while ((m = runs.exec(text))) {
    if (isEscaped(text, m.index)) continue
    const run = m[0]
    while (paraEnds[para] < m.index) para++
    // the closing run has exactly the same length and lies in the same paragraph
    const close = findRun(text, run.length, m.index + run.length, paraEnds[para])
    if (close === -1) continue
    let content = text.slice(m.index + run.length, close).replace(/\n/g, ' ')
    if (/^ .*[^ ].* $/.test(content)) content = content.slice(1, -1)
    codeSpans.push({ text: content, offset: m.index })
    const end = close + run.length
    chunks.push(text.slice(from, m.index), blank(text.slice(m.index, end)))
    from = end
    runs.lastIndex = end
  }
  chunks.push(text.slice(from))
  text = chunks.join('')
  if (text.includes('<!--')) text = text.replace(/<!--[\s\S]*?-->/g, blank)
  return { prose: text, codeSpans }
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
