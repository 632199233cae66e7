// `dotskills update [source..]`: move sources to the newest commit of their ref, show what that
// changes upstream (skills added, removed, changed, with a diffstat), then write the lock: after
// a yes on the terminal, or with --yes. Without a terminal and without --yes it writes nothing
// and exits 1, like `diff --exit-code`: there are changes not taken.
import type { CommandDefinition } from './types.js'

interface UpdateArgs {
  sources?: string[]
  yes?: boolean
  dryRun?: boolean
}

const updateCommand: CommandDefinition<UpdateArgs> = {
  command: 'update [sources..]',
  describe: 'Move sources to the newest commit of their ref and show what changed upstream',
  positionals: {
    sources: { describe: 'source names (default: every source)', type: 'string', array: true },
  },
  options: {
    yes: { alias: 'y', describe: 'write dotskills.lock without asking', type: 'boolean' },
    'dry-run': { alias: 'n', describe: 'show what changed upstream; write nothing', type: 'boolean' },
  },
  examples: [
    ['$0 update', 'check every source; asks before writing dotskills.lock'],
    ['$0 update team-skills --yes', 'one source, no question (for scripts)'],
  ],
  async run(args, ctx) {
    const { requireConfig } = await import('../config/load.js')
    const { openSources } = await import('../sources/session.js')
    const { configSources } = await import('../sources/sync.js')
    const { skillChanges, diffstat } = await import('../sources/changes.js')
    const { usageError } = await import('../errors.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const names = configSources(config, ctx.home).map((s) => s.name)
    for (const n of args.sources ?? []) {
      if (!names.includes(n)) throw usageError(`no source named "${n}" (have: ${names.join(', ') || 'none'})`)
    }
    const session = await openSources(ctx, config)
    const wanted = args.sources?.length ? new Set(args.sources) : undefined
    const { results, lock } = await session.sync({ update: wanted ?? 'all', only: wanted })
    const lines: string[] = []
    const report = []
    let changes = 0
    for (const r of results) {
      const folders = new Map(r.skills.map((s) => [s.name, s.dir]))
      const c = await skillChanges(ctx.cacheDir, r.before, r.entry, folders)
      const moved = r.before?.commit !== r.entry.commit
      const n = c.added.length + c.removed.length + c.changed.length
      changes += n + (moved || !r.before ? 1 : 0)
      report.push({ name: r.spec.name, from: r.before?.commit ?? null, to: r.entry.commit ?? null, ...c })
      const pin = r.entry.commit ? `${r.before?.commit?.slice(0, 12) ?? '(new)'} → ${r.entry.commit.slice(0, 12)}` : r.entry.dir
      if (!moved && n === 0) {
        lines.push(`${r.spec.name}: up to date${r.entry.commit ? ` (${r.entry.commit.slice(0, 12)})` : ''}`)
        continue
      }
      lines.push(`${r.spec.name}: ${pin}${n === 0 ? ' (no skill changed)' : ''}`)
      for (const s of c.added) lines.push(`  + ${s}`)
      for (const s of c.removed) lines.push(`  - ${s}`)
      for (const s of c.changed) {
        lines.push(`  ~ ${s.name}`)
        if (s.files) lines.push(...diffstat(s.files))
      }
    }
    const stdout = ctx.json ? JSON.stringify(report, null, 2) + '\n' : ctx.quiet ? '' : lines.join('\n') + (lines.length ? '\n' : '')
    const notes = results.flatMap((r) => r.notes.map((n) => `note: ${n}`))
    if (changes === 0) return { exitCode: 0, stdout, stderr: [...notes, ...(session.save(lock) ? ['dotskills: dotskills.lock updated'] : [])] }
    if (args.dryRun) return { exitCode: 0, stdout, stderr: [...notes, 'dotskills: dry run: dotskills.lock not written'] }
    let yes = !!args.yes
    if (!yes && ctx.ask) {
      if (stdout) ctx.info(stdout.trimEnd())
      yes = /^y(es)?$/i.test((await ctx.ask('Write these pins to dotskills.lock? [y/N] ')).trim())
      if (!yes) return { exitCode: 1, stderr: [...notes, 'dotskills: dotskills.lock not written'] }
      session.save(lock)
      return { exitCode: 0, stderr: [...notes, 'dotskills: dotskills.lock updated; `dotskills install` installs the new skills'] }
    }
    if (!yes) {
      return { exitCode: 1, stdout, stderr: [...notes, 'dotskills: dotskills.lock not written: confirm with --yes (there is no terminal to ask on)'] }
    }
    session.save(lock)
    return { exitCode: 0, stdout, stderr: [...notes, 'dotskills: dotskills.lock updated; `dotskills install` installs the new skills'] }
  },
}

export default updateCommand
