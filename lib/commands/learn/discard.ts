// `dotskills learn discard <id..>`: drop proposals from the inbox; `learn` will not propose them again.
import type { CommandDefinition } from '../types.js'

const discardCommand: CommandDefinition<{ ids: string[] }> = {
  command: 'discard <ids..>',
  describe: 'Discard proposals; learn does not propose them again',
  positionals: { ids: { describe: 'proposal ids (or the start of each)', type: 'string', array: true } },
  async run(args, ctx) {
    const { requireConfig } = await import('../../config/load.js')
    const { Inbox } = await import('../../learn/inbox.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const inbox = new Inbox(config.dir)
    const found = args.ids.map((id) => inbox.get(String(id))) // all exist before any is dropped
    for (const p of found) inbox.discard(p.id)
    const ids = found.map((p) => p.id)
    return { exitCode: 0, stdout: ctx.json ? JSON.stringify({ discarded: ids }) + '\n' : ctx.quiet ? '' : `discarded ${ids.join(', ')}\n` }
  },
}
export default discardCommand
