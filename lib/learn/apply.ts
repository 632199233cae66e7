// `learn apply`: one proposal's diff onto the repo's SKILL.md, then the skill linted again. The
// diff must apply exactly (the skill changed since? then the proposal is refused, not forced;
// only added bullets and trigger phrases are placed again in the changed text),
// the target must stay inside the config folder (an inbox file is data, and data can be
// tampered with), and a result with more lint errors than before is rolled back.
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { LoadedConfig } from '../config/load.js'
import type { Context } from '../context.js'
import { writeAtomic } from '../engine/state.js'
import { DotskillsError, usageError } from '../errors.js'
import { applyEdit, textHash, type Proposal } from './propose.js'

export interface ApplyResult {
  target: string
  /** lint errors and warnings of the skill after the edit */
  errors: number
  warnings: number
  report: string
  /** the edit made lint errors and was undone */
  rolledBack: boolean
}

const conflict = (message: string, path: string, hint: string) => new DotskillsError('E_CONFLICT', message, { path, hint })

/** The target as an absolute path inside the config folder, following symlinks of folders that exist. */
function safeTarget(configDir: string, rel: string): string {
  if (!rel || isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw usageError(`proposal target "${rel}" is not a path inside the config folder`)
  const abs = resolve(configDir, rel)
  let existing = dirname(abs)
  while (!existsSync(existing)) existing = dirname(existing)
  const root = realpathSync(configDir)
  const real = realpathSync(existing)
  if (real !== root && !real.startsWith(root + sep)) throw usageError(`proposal target "${rel}" leads outside the config folder`)
  return abs
}

export async function applyProposal(ctx: Context, config: LoadedConfig, p: Proposal): Promise<ApplyResult> {
  const { applyPatch } = await import('diff')
  const { gateLint } = await import('../lint/gate.js')
  const abs = safeTarget(config.dir, p.target)
  const shown = relative(ctx.cwd, abs) || abs
  const hint = `run \`dotskills learn\` again, or \`dotskills learn discard ${p.id}\``
  let before: string | null = null
  let mode = 0o644
  if (p.skillHash === null) {
    if (existsSync(abs)) throw conflict(`proposal ${p.id} drafts a new skill, but the file exists`, shown, hint)
  } else {
    if (!existsSync(abs)) throw conflict(`proposal ${p.id} edits a file that is gone`, shown, hint)
    before = readFileSync(abs, 'utf8')
    mode = statSync(abs).mode & 0o777
  }
  let after: string | false | undefined
  const additive = p.edit?.kind === 'gotcha' || p.edit?.kind === 'triggers'
  if (before !== null && additive && !p.llm && textHash(before) !== p.skillHash) {
    // bullets and phrases go where they belong in the skill as it is now (another proposal
    // may have made the Gotchas section this one would also make)
    after = applyEdit(before, p.edit)
    if (after === undefined) throw conflict(`proposal ${p.id} is already in the skill`, shown, `\`dotskills learn discard ${p.id}\` drops it`)
  } else after = applyPatch(before ?? '', p.diff)
  if (after === false) throw conflict(`proposal ${p.id} does not apply: the skill changed since it was proposed`, shown, hint)
  const skillDir = dirname(abs)
  const lintDir = async () => gateLint([skillDir], config.config.lint, ctx)
  const errorsBefore = before === null ? 0 : (await lintDir()).errors
  const created = before === null && !existsSync(skillDir)
  mkdirSync(skillDir, { recursive: true })
  writeAtomic(abs, after, mode)
  const lint = await lintDir()
  if (lint.errors > errorsBefore) {
    if (before === null) rmSync(created ? skillDir : abs, { recursive: true, force: true })
    else writeAtomic(abs, before, mode)
    return { target: shown, errors: lint.errors, warnings: lint.warnings, report: lint.report, rolledBack: true }
  }
  return { target: shown, errors: lint.errors, warnings: lint.warnings, report: lint.report, rolledBack: false }
}
