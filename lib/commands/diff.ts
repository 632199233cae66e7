// `dotskills diff`: the unified diff install would apply (a/ = on disk, b/ = after install).
import type { CommandDefinition } from './types.js'

interface DiffArgs {
  skill?: string[]
  exitCode?: boolean
  nameOnly?: boolean
}

const diffCommand: CommandDefinition<DiffArgs> = {
  command: 'diff',
  describe: 'Show the changes install would make, as a unified diff',
  options: {
    skill: { describe: 'only these skills (by name)', type: 'string', array: true, requiresArg: true },
    'exit-code': { describe: 'exit 1 when there are differences (as git diff --exit-code)', type: 'boolean' },
    'name-only': { describe: 'list the paths that would change, not the diff', type: 'boolean' },
  },
  examples: [
    ['$0 diff', 'review before installing'],
    ['$0 diff --name-only --exit-code', 'in scripts: which files drifted, exit 1 if any'],
  ],
  async run(args, ctx) {
    const { prepare } = await import('../engine/prepare.js')
    const { isDrift } = await import('../engine/compare.js')
    const { displayPath } = await import('../engine/show.js')
    const { existsSync, readFileSync } = await import('node:fs')
    const { createTwoFilesPatch } = await import('diff')
    const p = await prepare(ctx, { skills: args.skill })
    const drift = p.changes.filter(isDrift)
    const exitCode = args.exitCode && drift.length > 0 ? 1 : 0
    if (ctx.json) return { exitCode, stdout: JSON.stringify(drift.map((c) => ({ status: c.status, action: c.action, path: c.path })), null, 2) + '\n' }
    let out = ''
    const diffs: string[] = []
    for (const c of drift) {
      const shown = displayPath(c.path, ctx.home, ctx.cwd)
      if (args.nameOnly) {
        out += shown + '\n'
        continue
      }
      const before = c.actual && c.actual !== 'other' ? readFileSync(c.path, 'utf8') : ''
      let after = c.action === 'delete' ? '' : (c.target?.bytes.toString('utf8') ?? '')
      if (c.block) {
        // a managed block: the diff of the whole shared file, everything outside the block unchanged
        const { withBlock, withoutBlock } = await import('../engine/block.js')
        const file = existsSync(c.path) ? readFileSync(c.path, 'utf8') : ''
        diffs.push(createTwoFilesPatch(`a/${shown}`, `b/${shown}`, file, c.action === 'delete' ? withoutBlock(file, c.block) : withBlock(file, c.block, after), '', '', { context: 3 }).replace(/^=+\n/, ''))
        continue
      }
      if (c.action === 'mode') {
        out += `diff --dotskills a/${shown} b/${shown}\nmode ${c.target!.mode.toString(8)}\n`
        continue
      }
      out += createTwoFilesPatch(c.actual ? `a/${shown}` : '/dev/null', c.action === 'delete' ? '/dev/null' : `b/${shown}`, before, after, '', '', { context: 3 })
        .replace(/^=+\n/, '')
    }
    return { exitCode, stdout: out + diffs.join('') }
  },
}

export default diffCommand
