// `dotskills status`: two letters per file that differs (1st: changed on disk since dotskills
// wrote it; 2nd: what install will do), as chezmoi status. Empty output: all installed.
import type { CommandDefinition } from './types.js'

const statusCommand: CommandDefinition<{ skill?: string[] }> = {
  command: 'status',
  describe: 'Show, per file, what changed since the last install and what install would do',
  options: {
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
  },
  examples: [
    ['$0 status', 'A = will create, M = will modify / modified, D = will delete / deleted'],
    ['$0 status --json', 'the same as JSON, with the planned action per file'],
  ],
  async run(args, ctx) {
    const { prepare } = await import('../engine/prepare.js')
    const { changeLabel } = await import('../engine/show.js')
    const p = await prepare(ctx, { skills: args.skill })
    const visible = p.changes.filter((c) => c.status.trim() !== '')
    if (ctx.json) {
      const rows = visible.map((c) => ({ path: c.path, status: c.status, action: c.action, skill: c.target?.skill ?? c.entry?.skill, agents: c.target?.agents ?? c.entry?.agents }))
      return { exitCode: 0, stdout: JSON.stringify(rows, null, 2) + '\n' }
    }
    return { exitCode: 0, stdout: visible.map((c) => `${c.status} ${changeLabel(c, ctx.home, ctx.cwd)}\n`).join('') }
  },
}

export default statusCommand
