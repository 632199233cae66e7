// A proposal must leave the skill lint-clean: its new text is linted in a scratch copy of the
// skill's folder (under dotskills' cache, removed after) with the config's lint settings, and is
// dropped when it has more errors than the skill has now. Linting the real folder would mean
// writing to the user's repo before they asked.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Config } from '../config/load.js'
import type { Context } from '../context.js'

let scratchCount = 0

/** Lint errors of a skill folder with SKILL.md replaced by `text` (a new folder when `dir` is undefined). */
export async function lintErrors(ctx: Context, settings: Config['lint'], name: string, dir: string | undefined, text: string): Promise<{ errors: number; report: string }> {
  const { gateLint } = await import('../lint/gate.js')
  const scratch = join(ctx.cacheDir, 'learn', `lint-${process.pid}-${scratchCount++}`)
  const folder = join(scratch, dir ? basename(dir) : name)
  try {
    mkdirSync(scratch, { recursive: true })
    if (dir) cpSync(dir, folder, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.split(/[\\/]/).includes('.git') })
    else mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'SKILL.md'), text)
    const { errors, report } = await gateLint([folder], settings, { ...ctx, cwd: scratch }, { errorsOnly: true })
    return { errors, report }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
