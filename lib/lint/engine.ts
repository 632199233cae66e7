// The lint engine: discover → the per-skill pass (skill-pass.ts) → the cross-skill rules →
// sorted findings. One thread: worker threads were measured slower on 2 cores (start-up and
// a second cold parser cost more than they save, and V8's GC already uses the other core).
import { discoverSkills } from '../skills/discover.js'
import type { Profile } from './profiles/profile.js'
import { activeRules, lintSkills, makeFinding, revive, type PassSettings } from './skill-pass.js'
import type { Finding, Rule, RuleContext, Severity } from './types.js'


export interface LintOptions {
  paths: string[]
  cwd: string
  profile: Profile
  /** severities from config and command line, applied over the profile's and the rules' */
  severities?: Record<string, Severity>
  /** folder for the results cache (see cache.ts); no caching without it */
  cacheDir?: string
}

export interface LintResult {
  skillCount: number
  findings: Finding[]
  errorCount: number
  warningCount: number
  /** rules that were on in this run, with their effective severity */
  rules: { rule: Rule; severity: Exclude<Severity, 'off'> }[]
}

export async function lint(options: LintOptions): Promise<LintResult> {
  const { profile } = options
  const severities = options.severities ?? {}
  const active = activeRules(profile, severities)
  const settings: PassSettings = { profileId: profile.id, severities, cwd: options.cwd }

  const discovered = await discoverSkills(options.paths, options.cwd)
  let cache
  if (options.cacheDir) {
    const { LintCache } = await import('./cache.js')
    const { version, buildId } = await import('../version.js')
    const ruleIds = active.map((r) => `${r.rule.id}=${r.severity}`)
    cache = new LintCache(options.cacheDir, { version, build: buildId(), profile: profile.id, ruleIds, paths: options.paths, cwd: options.cwd })
  }
  const pass = lintSkills(discovered, settings, cache)
  cache?.save()
  const { findings } = pass
  const skills = pass.skills.map(revive)

  const ctx: RuleContext = { profile, cwd: options.cwd }
  for (const { rule, severity } of active) {
    rule.checkAll?.(skills, (skill, f) => findings.push(makeFinding(rule.id, severity, skill, f)), ctx)
  }

  findings.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1)),
  )
  const errorCount = findings.filter((f) => f.severity === 'error').length
  return {
    skillCount: skills.length,
    findings,
    errorCount,
    warningCount: findings.length - errorCount,
    rules: active,
  }
}

