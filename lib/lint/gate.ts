// The lint that commands which write skills somewhere run first (install before installing,
// add before adding a source): the config's lint settings, except that fields unknown to the
// profile are fine, since each agent's copy keeps only the fields that agent reads.
import type { Config } from '../config/load.js'
import type { Context } from '../context.js'

export interface GateResult {
  errors: number
  warnings: number
  /** the findings in the stylish format, no colors; empty when there are none to show */
  report: string
}

export async function gateLint(paths: string[], settings: Config['lint'], ctx: Context, opts: { cache?: boolean; errorsOnly?: boolean } = {}): Promise<GateResult> {
  const { lint } = await import('./engine.js')
  const { getProfile, DEFAULT_PROFILE } = await import('./profiles/index.js')
  const { stylish } = await import('./formatters/stylish.js')
  const { version } = await import('../version.js')
  const result = await lint({
    paths,
    cwd: ctx.cwd,
    profile: getProfile(settings?.profile ?? DEFAULT_PROFILE)!,
    severities: { ...settings?.rules, 'frontmatter-unknown-field': 'off' },
    cacheDir: opts.cache ? ctx.cacheDir : undefined,
  })
  const { errorCount: errors, warningCount: warnings } = result
  if (opts.errorsOnly) {
    result.findings = result.findings.filter((f) => f.severity === 'error')
    result.warningCount = 0
  }
  const report = result.findings.length ? stylish({ result, cwd: ctx.cwd, color: false, version }) : ''
  return { errors, warnings, report }
}
