// Lint the skills a source brings (add), as install's gate does (lint/gate.ts). Findings name
// files as `<source>:<path in the repository>`, not by their place in the cache.
import { relative } from 'node:path'
import type { Config } from '../config/load.js'
import type { Context } from '../context.js'
import type { SourceResult } from './sync.js'

export async function lintSourceSkills(source: SourceResult, settings: Config['lint'], ctx: Context): Promise<{ errors: number; warnings: number; lines: string[] }> {
  const { gateLint } = await import('../lint/gate.js')
  const { displayPath } = await import('../lint/formatters/format.js')
  const gate = await gateLint(source.skills.map((s) => s.dir), settings, ctx)
  let text = gate.report
  for (const s of source.skills) {
    const repoPath = s.path === '.' ? '' : s.path
    text = text.split(displayPath(s.dir, ctx.cwd) + '/').join(`${source.spec.name}:${repoPath ? repoPath + '/' : ''}`)
    // messages that name another skill's folder (duplicate names, overlapping descriptions)
    // name it relative to the working folder: a path into the cache, which says nothing
    text = text.split(`(${relative(ctx.cwd, s.dir) || '.'})`).join(`(${source.spec.name}:${repoPath || '.'})`)
  }
  return { errors: gate.errors, warnings: gate.warnings, lines: text ? text.trimEnd().split('\n') : [] }
}
