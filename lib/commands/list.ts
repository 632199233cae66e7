// `dotskills list`: skills × agents: where each skill is (or would be) installed, and its state.
import type { CommandDefinition } from './types.js'

const listCommand: CommandDefinition<{ skill?: string[] }> = {
  command: 'list',
  describe: 'List the configured skills and, per agent, whether each is installed and up to date',
  options: {
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
  },
  examples: [
    ['$0 list', 'a table of skills × agents'],
    ['$0 list --json', 'the same as JSON'],
  ],
  async run(args, ctx) {
    const { prepare } = await import('../engine/prepare.js')
    const p = await prepare(ctx, { skills: args.skill })
    const byPath = new Map(p.changes.map((c) => [c.path, c]))
    const skills = [...new Set(p.targets.map((t) => t.skill))].sort()
    const agents = p.adapters.map((a) => a.id)
    // per skill and agent: installed (all its files up to date), pending (install would change
    // something), conflict, or '-' when the agent gets nothing of it
    const cell = (skill: string, agent: string) => {
      const files = p.targets.filter((t) => t.skill === skill && t.agents.includes(agent))
      if (files.length === 0) return '-'
      const actions = files.map((f) => byPath.get(f.path)?.action ?? 'none')
      if (actions.some((a) => a.startsWith('conflict'))) return 'conflict'
      if (actions.every((a) => a === 'none' || a === 'adopt')) return 'installed'
      return 'pending'
    }
    const rows = skills.map((s) => ({ skill: s, agents: Object.fromEntries(agents.map((a) => [a, cell(s, a)])) }))
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify(rows, null, 2) + '\n' }
    const head = ['skill', ...agents]
    const table = [head, ...rows.map((r) => [r.skill, ...agents.map((a) => r.agents[a])])]
    const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)))
    const text = table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')
    return { exitCode: 0, stdout: text + '\n' }
  },
}

export default listCommand
