// Offsets → 1-based line/column for rules that search a whole text with regular expressions.
import type { Position } from '../../skills/parse.js'

/**
 * A lookup from an offset in `text` to its position, with `text` starting at file line
 * `firstLine`. Line starts are indexed on first use, so texts without findings cost nothing.
 * Columns count UTF-16 units, like the positions the YAML parser gives for frontmatter.
 */
export function positionsIn(text: string, firstLine = 1): (offset: number) => Position {
  let starts: number[] | undefined
  return (offset) => {
    if (!starts) {
      starts = [0]
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: firstLine + lo, column: offset - starts[lo] + 1 }
  }
}
