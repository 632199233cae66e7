// `dotskills re-add [skills..]`: copy edits made to installed files back into the source skill,
// so the next install spreads them to every agent instead of refusing to overwrite them.
import type { CommandDefinition } from './types.js'

const reAddCommand: CommandDefinition<{ skills?: string[] }> = {
  command: 're-add [skills..]',
  describe: 'Copy your edits of installed skill files back into the source skills',
  positionals: {
    skills: { describe: 'skills to take edits from (default: all)', type: 'string', array: true },
  },
  examples: [
    ['$0 re-add code-review && $0 install', 'keep an edit made in ~/.claude/skills/code-review and spread it'],
  ],
  async run(args, ctx) {
    const { readFileSync } = await import('node:fs')
    const { prepare } = await import('../engine/prepare.js')
    const { displayPath } = await import('../engine/show.js')
    const { sha256 } = await import('../engine/compare.js')
    const { writeAtomic } = await import('../engine/state.js')
    const p = await prepare(ctx, { skills: args.skills?.length ? args.skills : undefined })
    const show = (path: string) => displayPath(path, ctx.home, ctx.cwd)

    // installed files the user changed since dotskills wrote them
    const edited = p.changes.filter((c) => c.entry && typeof c.actual === 'string' && c.actual !== c.entry.sha256 && c.target?.source)
    const bySource = new Map<string, typeof edited>()
    for (const c of edited) bySource.set(c.target!.source!, [...(bySource.get(c.target!.source!) ?? []), c])

    const captured: string[] = []
    const skipped: string[] = []
    for (const [source, changes] of bySource) {
      const reasons: string[] = []
      if (source.endsWith('.hbs')) reasons.push('it is rendered from a template; edit the .hbs file instead')
      else if (!changes[0].target!.bytes.equals(readFileSync(source))) reasons.push("this agent's copy differs from the source (fields dropped for the agent)")
      else if (new Set(changes.map((c) => c.actual)).size > 1) reasons.push('it was edited differently in several agents')
      if (reasons.length > 0) {
        for (const c of changes) skipped.push(`dotskills: ${show(c.path)}: not re-added: ${reasons[0]}`)
        continue
      }
      const bytes = readFileSync(changes[0].path)
      if (sha256(bytes) !== changes[0].actual) continue // changed again while we looked: leave it
      writeAtomic(source, bytes, changes[0].target!.mode)
      captured.push(`${show(changes[0].path)} → ${show(source)}`)
    }
    const stdout = captured.map((l) => `re-added ${l}\n`).join('') + (captured.length ? 'run `dotskills install` to spread the edits to every agent\n' : '')
    if (captured.length === 0) {
      return { exitCode: 1, stdout, stderr: [...skipped, 'dotskills: nothing re-added: no installed file was edited, or none could be mapped back'] }
    }
    return { exitCode: skipped.length > 0 ? 1 : 0, stdout, stderr: skipped }
  },
}

export default reAddCommand
