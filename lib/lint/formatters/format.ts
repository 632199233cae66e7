// What every formatter receives: the lint result plus how paths and colors should be shown.
import { relative, sep } from 'node:path'
import type { LintResult } from '../engine.js'
import type { Finding } from '../types.js'

export interface FormatInput {
  result: LintResult
  cwd: string
  color: boolean
  /** the version shown in machine-readable reports */
  version: string
}

export type Formatter = (input: FormatInput) => string

/** cwd-relative `/`-separated path: what editors, CI logs and GitHub annotations link on */
export const displayPath = (file: string, cwd: string) => {
  const rel = relative(cwd, file)
  return (rel.startsWith('..') ? file : rel).split(sep).join('/')
}

export function byFile(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>()
  for (const f of findings) {
    const list = out.get(f.file)
    if (list) list.push(f)
    else out.set(f.file, [f])
  }
  return out
}
