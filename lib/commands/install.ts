// `dotskills install` (alias `apply`): put every skill into every configured agent.
import type { Config } from '../config/load.js'
import type { Context } from '../context.js'
import type { CommandDefinition } from './types.js'

interface InstallArgs {
  offline?: boolean
  frozen?: boolean
  lint?: boolean
  dryRun?: boolean
  force?: boolean
  skill?: string[]
}

const installCommand: CommandDefinition<InstallArgs> = {
  command: 'install',
  aliases: ['apply'],
  describe: 'Install every skill into every configured agent, without ever losing a local edit',
  options: {
    'dry-run': { alias: 'n', describe: 'show what would change; write nothing', type: 'boolean' },
    force: { describe: 'overwrite files in the way or edited since install, keeping a backup of each', type: 'boolean' },
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
    lint: { describe: 'lint the skills first and install nothing if any has an error (--no-lint skips)', type: 'boolean', default: true },
    frozen: { describe: 'install exactly what dotskills.lock pins; fail if the config and the lock disagree', type: 'boolean' },
    offline: { describe: 'never use the network; fail if the cache lacks a pinned commit', type: 'boolean' },
  },
  examples: [
    ['$0 install', 'install into the agents detected on this machine'],
    ['$0 install --dry-run', 'preview: the status letters of every file that would change'],
    ['$0 install --agent claude-code --skill commit-message', 'one skill into one agent'],
    ['$0 install --frozen', 'on a new machine or in CI: the lock\'s pins, or fail'],
  ],
  async run(args, ctx) {
    const { prepare } = await import('../engine/prepare.js')
    const { isConflict, conflictReason } = await import('../engine/compare.js')
    const { changeLabel, displayPath } = await import('../engine/show.js')
    const p = await prepare(ctx, { skills: args.skill, sources: { offline: args.offline, frozen: args.frozen, verify: true } })
    const notes = (p.sources?.notes ?? []).map((n) => `note: ${n}`)
    const show = (path: string) => displayPath(path, ctx.home, ctx.cwd)
    if (args.lint !== false) {
      const refused = await lintGate([...p.skillRoots, ...p.sourceSkillDirs], p.config.config.lint, ctx, !args.dryRun) // a dry run writes nothing, not even the lint cache
      if (refused) return refused
    }
    const conflicts = p.changes.filter(isConflict)
    if (conflicts.length > 0 && !args.force) {
      return {
        exitCode: 3,
        stderr: [
          ...conflicts.map((c) => `dotskills: ${show(c.path)}: ${conflictReason(c)}`),
          `dotskills: nothing was written (${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}); see \`dotskills diff\``,
        ],
      }
    }
    const visible = p.changes.filter((c) => c.status.trim() !== '')
    if (args.dryRun) {
      return { exitCode: 0, stdout: visible.map((c) => `${c.status} ${changeLabel(c, ctx.home, ctx.cwd)}\n`).join('') }
    }
    const { acquireLock } = await import('../engine/lock.js')
    const { apply } = await import('../engine/apply.js')
    const release = acquireLock(ctx.stateDir)
    let result
    try {
      const { progressLine } = await import('../progress.js')
      const progress = progressLine(ctx)
      result = apply(p.changes, p.state, { force: !!args.force, progress: (n, total) => progress.step(`install: ${n}/${total} files`) })
      progress.done()
      p.state.save()
    } finally {
      release()
    }
    const lines: string[] = [...notes]
    if (!args.frozen && p.sources?.save()) lines.push('dotskills: dotskills.lock updated')
    for (const path of result.backups) lines.push(`backup ${show(path)}`)
    for (const path of result.kept) lines.push(`dotskills: ${show(path)}: kept (you changed it; it is no longer managed)`)
    const summary = `${result.written.length} written, ${result.removed.length} removed, ${p.adapters.length} agent${p.adapters.length === 1 ? '' : 's'} (${p.adapters.map((a) => a.id).join(', ') || 'none detected'})`
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify({ ...result, agents: p.adapters.map((a) => a.id) }, null, 2) + '\n', stderr: lines }
    return { exitCode: 0, stdout: ctx.quiet ? '' : summary + '\n', stderr: lines }
  },
}

/** Skills with lint errors are not installed: agents skip or misread them silently. */
async function lintGate(roots: string[], settings: Config['lint'], ctx: Context, useCache: boolean) {
  const { gateLint } = await import('../lint/gate.js')
  const gate = await gateLint(roots, settings, ctx, { cache: useCache, errorsOnly: true })
  if (gate.errors === 0) return undefined
  return {
    exitCode: 1,
    stderr: [...gate.report.trimEnd().split('\n'), 'dotskills: nothing was installed: fix the lint errors above (or install with --no-lint)'],
  }
}

export default installCommand
