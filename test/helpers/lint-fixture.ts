// Lints fixture folders in-process (lib/ through tap's TypeScript loader) and reduces the result
// to what the fixture tests assert exactly: rule id, severity, file, line and column.
import { relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { lint, type LintResult } from '../../lib/lint/engine.js'
import { getProfile } from '../../lib/lint/profiles/index.js'
import type { Finding, Severity } from '../../lib/lint/types.js'

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

export interface LintRun {
  result: LintResult
  /** the findings as `rule severity file:line:col`, file relative to the linted folder */
  found: string[]
}

/** Lint `dir` (cwd = dir, path = '.') with a profile, as `dotskills lint .` would inside it. */
export async function lintDir(
  dir: string,
  options: { profile?: string; severities?: Record<string, Severity> } = {},
): Promise<LintRun> {
  const profile = getProfile(options.profile ?? 'spec')
  if (!profile) throw new Error(`no profile ${options.profile}`)
  const result = await lint({ paths: ['.'], cwd: dir, profile, severities: options.severities ?? {} })
  return { result, found: result.findings.map((f) => show(f, dir)) }
}

/** `rule severity file:line:col` with a `/`-separated path relative to `dir` */
export function show(f: Finding, dir: string): string {
  return `${f.ruleId} ${f.severity} ${relative(dir, f.file).split(sep).join('/')}:${f.line}:${f.column}`
}
