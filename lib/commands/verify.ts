// `dotskills verify`: exit 0 when every installed file is exactly as install would leave it,
// 1 on any drift, 3 on conflicts. Prints nothing unless --verbose (the drifted files) or --json.
import type { CommandDefinition } from './types.js'

const verifyCommand: CommandDefinition<{ skill?: string[] }> = {
  command: 'verify',
  describe: 'Exit 1 if any installed file differs from what install would write (3 on conflicts)',
  options: {
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
  },
  examples: [['$0 verify || $0 install', 'install only when something drifted']],
  async run(args, ctx) {
    const { prepare } = await import('../engine/prepare.js')
    const { isConflict, isDrift } = await import('../engine/compare.js')
    const { displayPath } = await import('../engine/show.js')
    const p = await prepare(ctx, { skills: args.skill })
    const drift = p.changes.filter(isDrift)
    const exitCode = drift.some(isConflict) ? 3 : drift.length > 0 ? 1 : 0
    if (ctx.json) return { exitCode, stdout: JSON.stringify(drift.map((c) => ({ status: c.status, path: c.path })), null, 2) + '\n' }
    const stderr = ctx.verbose ? drift.map((c) => `${c.status} ${displayPath(c.path, ctx.home, ctx.cwd)}`) : []
    return { exitCode, stderr }
  },
}

export default verifyCommand
