// `dotskills learn compare <A> <B>`: per skill, uses, failure rate and corrections per use in two
// log sets (paths) or two time windows (`30d..14d 14d..`), to see whether an edit helped.
import type { CommandDefinition } from '../types.js'

const compareCommand: CommandDefinition<{ a: string; b: string; project?: string }> = {
  command: 'compare <a> <b>',
  describe: 'Compare skill use, failures and corrections between two log sets or time windows',
  positionals: {
    a: { describe: 'logs (file or folder) or a window <since>..<until> (e.g. 30d..14d)', type: 'string' },
    b: { describe: 'the same, for the other side (e.g. 14d..)', type: 'string' },
  },
  examples: [['$0 learn compare 28d..14d 14d..', 'the two weeks before an edit against the two weeks after']],
  async run(args, ctx) {
    const { requireConfig } = await import('../../config/load.js')
    const { repoSkills } = await import('../../learn/run.js')
    const { logSet, skillStats } = await import('../../learn/compare.js')
    const { logAgents } = await import('../../learn/scan.js')
    const { compareTable } = await import('../../learn/format.js')
    const { resolve } = await import('node:path')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const { index } = await repoSkills(config)
    const base = { agents: logAgents(ctx.agents), project: args.project ? resolve(ctx.cwd, args.project) : undefined }
    const now = Date.now()
    const sets = [logSet(String(args.a), base, now), logSet(String(args.b), base, now)]
    const [a, b] = [await skillStats(ctx, index, sets[0]!), await skillStats(ctx, index, sets[1]!)]
    if (ctx.json) {
      const side = (s: typeof a, label: string) => ({ label, files: s.read.files, sessions: s.read.sessions, skills: s.stats })
      return { exitCode: 0, stdout: JSON.stringify({ a: side(a, sets[0]!.label), b: side(b, sets[1]!.label) }, null, 2) + '\n' }
    }
    return { exitCode: 0, stdout: compareTable(sets[0]!.label, a, sets[1]!.label, b) }
  },
}
export default compareCommand
