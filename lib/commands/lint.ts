// `dotskills lint [paths..]`: check skills against the standard and the lint rules.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { pathError, usageError } from '../errors.js'
import { DEFAULT_PROFILE, FORMATTER_NAMES, PROFILE_IDS } from '../lint/names.js'
import type { Severity } from '../lint/types.js'
import type { CommandDefinition } from './types.js'

interface LintArgs {
  paths?: string[]
  profile?: string
  format?: string
  maxWarnings?: number
  rule?: string[]
  outputFile?: string
  cache?: boolean
}

const lintCommand: CommandDefinition<LintArgs> = {
  command: 'lint [paths..]',
  describe: 'Check skills (SKILL.md folders) against the Agent Skills standard and the lint rules',
  positionals: {
    paths: {
      describe: 'skill folders, folders of skills, or SKILL.md files (default: the config\'s skills)',
      type: 'string',
      array: true,
    },
  },
  options: {
    profile: {
      describe: 'which dialect to accept: the strict spec or an agent\'s documented extras',
      choices: PROFILE_IDS,
      type: 'string',
    },
    format: {
      alias: 'f',
      describe: 'report format (--json is --format json)',
      choices: FORMATTER_NAMES,
      type: 'string',
    },
    'max-warnings': {
      describe: 'exit 1 when there are more warnings than this (-1: no limit)',
      type: 'number',
      requiresArg: true,
    },
    rule: {
      describe: 'set a rule\'s severity for this run, e.g. --rule body-size=off',
      type: 'string',
      array: true,
      requiresArg: true,
    },
    cache: {
      describe: 'reuse results for skills whose files are unchanged since the last run (--no-cache: lint everything)',
      type: 'boolean',
      default: true,
    },
    'output-file': {
      alias: 'o',
      describe: 'write the report to this file instead of stdout',
      type: 'string',
      requiresArg: true,
    },
  },
  examples: [
    ['$0 lint', 'lint the skills named in dotskills.yaml'],
    ['$0 lint skills/ --format sarif -o lint.sarif', 'SARIF report for GitHub code scanning'],
    ['$0 lint --profile claude-code --max-warnings 0', 'accept Claude Code fields; fail on any warning'],
  ],
  async run(args, ctx) {
    const { loadConfig } = await import('../config/load.js')
    const { ruleIds } = await import('../lint/rules/index.js')
    const { lint } = await import('../lint/engine.js')
    const { formatters } = await import('../lint/formatters/index.js')

    const loaded = await loadConfig(ctx.cwd, ctx.configPath)
    const settings = loaded?.config.lint ?? {}
    let paths = args.paths ?? []
    const cwd = ctx.cwd
    if (paths.length === 0) {
      if (!loaded) {
        throw usageError('no paths given and no dotskills config found', {
          hint: 'run `dotskills lint <folder>` or create dotskills.yaml with `skills: <folder>`',
        })
      }
      const skills = loaded.config.skills ?? 'skills'
      paths = (Array.isArray(skills) ? skills : [skills]).map((p) => resolve(loaded.dir, p))
    }

    const severities: Record<string, Severity> = { ...settings.rules }
    for (const spec of args.rule ?? []) {
      const m = /^([a-z0-9-]+)[=:](off|warn|error)$/.exec(spec)
      if (!m) throw usageError(`--rule "${spec}": expected <rule-id>=off|warn|error`)
      if (!ruleIds.includes(m[1])) throw usageError(`--rule "${spec}": unknown rule "${m[1]}"`, { hint: 'see the rule list in `dotskills lint --help` or the README' })
      severities[m[1]] = m[2] as Severity
    }
    const { getProfile } = await import('../lint/profiles/index.js')
    const profile = getProfile(args.profile ?? settings.profile ?? DEFAULT_PROFILE)!

    const maxWarnings = args.maxWarnings ?? settings.maxWarnings ?? -1
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw usageError(`--max-warnings must be a whole number, -1 or more (got ${args.maxWarnings})`)
    }

    const result = await lint({ paths, cwd, profile, severities, cacheDir: args.cache === false ? undefined : ctx.cacheDir })
    const warnings = result.warningCount
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings
    if (ctx.quiet) {
      result.findings = result.findings.filter((f) => f.severity === 'error')
      result.warningCount = 0
    }
    const formatName = args.format ?? (ctx.json ? 'json' : 'stylish')
    const { version } = await import('../version.js')
    const report = formatters[formatName]({
      result,
      cwd,
      color: ctx.color && !args.outputFile && formatName === 'stylish',
      version,
    })

    const stderr: string[] = []
    if (tooManyWarnings) stderr.push(`dotskills: too many warnings (${warnings}); the maximum is ${maxWarnings}`)

    let stdout: string | undefined = report
    if (args.outputFile) {
      await writeReport(resolve(ctx.cwd, args.outputFile), args.outputFile, report)
      stdout = undefined
    }
    return { exitCode: result.errorCount > 0 || tooManyWarnings ? 1 : 0, stdout, stderr }
  },
}

/** Write atomically (temp file + rename): a half-written report never reaches CI. */
async function writeReport(out: string, shown: string, report: string) {
  const tmp = `${out}.${process.pid}.tmp`
  try {
    await mkdir(dirname(out), { recursive: true })
    await writeFile(tmp, report)
    await rename(tmp, out)
  } catch (err) {
    await rm(tmp, { force: true })
    const code = (err as NodeJS.ErrnoException).code
    throw pathError(code === 'EISDIR' ? 'is a folder; --output-file needs a file path' : `cannot write the report (${code})`, { path: shown })
  }
}

export default lintCommand
