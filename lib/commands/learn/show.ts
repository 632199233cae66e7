// `dotskills learn show <id>`: one proposal in full: what, why (evidence with file and line), and the diff.
import type { CommandDefinition } from '../types.js'

const showCommand: CommandDefinition<{ id: string }> = {
  command: 'show <id>',
  describe: 'Show a proposal: its evidence and its diff',
  positionals: { id: { describe: 'proposal id (or the start of one)', type: 'string' } },
  async run(args, ctx) {
    const { requireConfig } = await import('../../config/load.js')
    const { Inbox } = await import('../../learn/inbox.js')
    const { showProposal } = await import('../../learn/format.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const p = new Inbox(config.dir).get(String(args.id))
    return { exitCode: 0, stdout: ctx.json ? JSON.stringify(p, null, 2) + '\n' : showProposal(p, ctx.cwd) }
  },
}
export default showCommand
