// The rows of `dotskills doctor`: one per check, with how paths are shown (the home as `~`).
import { sep } from 'node:path'
import { DotskillsError } from '../errors.js'

export type Status = 'ok' | 'warn' | 'fail'

/** One row of the table; also the `--json` shape. */
export interface CheckRow {
  check: string
  status: Status
  detail: string
  hint?: string
}

export const row = (check: string, status: Status, detail: string, hint?: string): CheckRow => (hint ? { check, status, detail, hint } : { check, status, detail })

/** How doctor shows paths: under the home as `~/…`, everything else absolute. */
export interface Display {
  /** a path */
  path(p: string): string
  /** free text (an error message) with every mention of the home as `~` */
  text(s: string): string
}

export function display(home: string): Display {
  const under = home.endsWith(sep) ? home : home + sep
  const path = (p: string) => (p === home ? '~' : p.startsWith(under) ? '~/' + p.slice(under.length).split(sep).join('/') : p)
  // the home as a whole path component: followed by a separator, the end, or a character a path
  // does not continue with (quote, colon, space, closing bracket)
  const mention = home === sep ? undefined : new RegExp(escape(home) + `(?=${escape(sep)}|$|[\\s'"\`:,;)\\]])`, 'g')
  return {
    path,
    text: (s) => (mention ? s.replace(mention, '~') : s),
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** A failed check from one of our errors: its one line (path first) and its hint. */
export function errorRow(check: string, err: DotskillsError, d: Display, status: Status = 'fail'): CheckRow {
  const shown = new DotskillsError(err.code, d.text(err.message), { ...err.details, path: err.details.path && d.path(err.details.path) })
  return row(check, status, shown.toLine(), err.details.hint && d.text(err.details.hint))
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
