// `dotskills learn list`: the proposals waiting in the inbox, most confident first; a proposal
// whose skill changed since it was made is marked stale (it may no longer apply).
import type { CommandDefinition } from '../types.js'

const listCommand: CommandDefinition = {
  command: 'list',
  aliases: ['ls'],
  describe: 'List the proposals in the inbox',
  async run(_args, ctx) {
    const { requireConfig } = await import('../../config/load.js')
    const { Inbox } = await import('../../learn/inbox.js')
    const { proposalLine } = await import('../../learn/format.js')
    const { textHash } = await import('../../learn/propose.js')
    const { existsSync, readFileSync } = await import('node:fs')
    const { resolve } = await import('node:path')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const proposals = new Inbox(config.dir).list()
    const stale = (p: (typeof proposals)[number]) => {
      const file = resolve(config.dir, p.target)
      if (p.skillHash === null) return existsSync(file)
      return !existsSync(file) || textHash(readFileSync(file, 'utf8')) !== p.skillHash
    }
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify(proposals.map((p) => ({ ...p, stale: stale(p) })), null, 2) + '\n' }
    if (proposals.length === 0) return { exitCode: 0, stdout: ctx.quiet ? '' : 'the inbox is empty\n' }
    const lines = proposals.map((p) => proposalLine(p, stale(p) ? '  (stale: the skill changed since)' : ''))
    return { exitCode: 0, stdout: lines.join('\n') + '\n' }
  },
}
export default listCommand
