// Lint the skills a source brings (add), with the config's lint settings. Findings name files
// as `<source>:<path in the repository>`, not by their place in the cache.
import type { Config } from '../config/load.js'
import type { Context } from '../context.js'
import type { SourceResult } from './sync.js'

export async function lintSourceSkills(source: SourceResult, settings: Config['lint'], ctx: Context): Promise<{ errors: number; warnings: number; lines: string[] }> {
  const { lint } = await import('../lint/engine.js')
  const { getProfile, DEFAULT_PROFILE } = await import('../lint/profiles/index.js')
  const { stylish } = await import('../lint/formatters/stylish.js')
  const { displayPath } = await import('../lint/formatters/format.js')
  const { version } = await import('../version.js')
  const result = await lint({
    paths: source.skills.map((s) => s.dir),
    cwd: ctx.cwd,
    profile: getProfile(settings?.profile ?? DEFAULT_PROFILE)!,
    // as install's gate: fields another agent reads are dropped from each agent's copy, not errors
    severities: { ...settings?.rules, 'frontmatter-unknown-field': 'off' },
  })
  if (result.findings.length === 0) return { errors: 0, warnings: 0, lines: [] }
  let text = stylish({ result, cwd: ctx.cwd, color: false, version })
  for (const s of source.skills) {
    const shown = displayPath(s.dir, ctx.cwd)
    const repoPath = s.path === '.' ? '' : s.path
    text = text.split(shown + '/').join(`${source.spec.name}:${repoPath ? repoPath + '/' : ''}`)
  }
  return { errors: result.errorCount, warnings: result.warningCount, lines: text.trimEnd().split('\n') }
}
