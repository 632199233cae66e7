// `dotskills learn apply <id>`: apply a proposal's diff to the skill in the repo, then lint the
// skill again; an edit that adds lint errors is undone (exit 1), one that no longer applies is
// refused (exit 3). An applied proposal leaves the inbox and does not come back.
import type { CommandDefinition } from '../types.js'

const applyCommand: CommandDefinition<{ id: string }> = {
  command: 'apply <id>',
  describe: 'Apply a proposal to the skill in the repo and lint it again',
  positionals: { id: { describe: 'proposal id (or the start of one)', type: 'string' } },
  async run(args, ctx) {
    const { requireConfig } = await import('../../config/load.js')
    const { Inbox } = await import('../../learn/inbox.js')
    const { applyProposal } = await import('../../learn/apply.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const inbox = new Inbox(config.dir)
    const p = inbox.get(String(args.id))
    const r = await applyProposal(ctx, config, p)
    if (r.rolledBack) {
      return { exitCode: 1, stdout: r.report, stderr: [`dotskills: proposal ${p.id} not applied: it would leave ${r.target} with lint errors (the file is unchanged)`] }
    }
    inbox.applied(p.id)
    const lint = r.errors + r.warnings ? ` (lint: ${r.errors} errors, ${r.warnings} warnings)` : ' (lint clean)'
    const out = ctx.json ? JSON.stringify({ id: p.id, target: r.target, errors: r.errors, warnings: r.warnings }, null, 2) + '\n' : ctx.quiet ? '' : `applied ${p.id} to ${r.target}${lint}\n${r.report}`
    return { exitCode: 0, stdout: out, stderr: ['dotskills: `dotskills install` puts the new text into your agents'] }
  },
}
export default applyCommand
