// `dotskills uninstall`: remove exactly what dotskills wrote (and nothing the user changed).
import type { CommandDefinition } from './types.js'

const uninstallCommand: CommandDefinition<{ dryRun?: boolean; skill?: string[] }> = {
  command: 'uninstall',
  describe: 'Remove the files dotskills installed, keeping any you changed since',
  options: {
    'dry-run': { alias: 'n', describe: 'show what would be removed; remove nothing', type: 'boolean' },
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
  },
  examples: [
    ['$0 uninstall', 'remove every installed skill from every agent'],
    ['$0 uninstall --agent cursor', 'only what was installed for Cursor'],
  ],
  async run(args, ctx) {
    const { State } = await import('../engine/state.js')
    const { compare } = await import('../engine/compare.js')
    const { changeLabel, displayPath } = await import('../engine/show.js')
    const state = State.load(ctx.stateDir)
    const skills = args.skill ? new Set(args.skill) : undefined
    // Uninstall = install with an empty plan, over the recorded files this run is about.
    const changes = compare([], state, (e) => (!ctx.agents || e.agents.some((a) => ctx.agents!.includes(a))) && (!skills || skills.has(e.skill)))
    const show = (p: string) => displayPath(p, ctx.home, ctx.cwd)
    if (args.dryRun) return { exitCode: 0, stdout: changes.filter((c) => c.status.trim()).map((c) => `${c.status} ${changeLabel(c, ctx.home, ctx.cwd)}\n`).join('') }
    const { acquireLock } = await import('../engine/lock.js')
    const { apply } = await import('../engine/apply.js')
    const release = acquireLock(ctx.stateDir)
    let result
    try {
      result = apply(changes, state, { force: false })
      state.save()
    } finally {
      release()
    }
    const stderr = result.kept.map((p) => `dotskills: ${show(p)}: kept (you changed it since it was installed)`)
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify({ removed: result.removed, kept: result.kept }, null, 2) + '\n' }
    return { exitCode: 0, stdout: ctx.quiet ? '' : `${result.removed.length} removed\n`, stderr }
  },
}

export default uninstallCommand
