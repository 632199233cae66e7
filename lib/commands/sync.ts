// `dotskills sync`: make the cache hold exactly what dotskills.lock pins (fetching only what
// is missing), and pin sources that are new in the config. With everything cached it makes no
// network request and loads no git code.
import type { CommandDefinition } from './types.js'
import type { SourceResult } from '../sources/sync.js'

interface SyncArgs {
  offline?: boolean
  frozen?: boolean
}

const syncCommand: CommandDefinition<SyncArgs> = {
  command: 'sync',
  describe: 'Fetch the skills of every source, at the commits dotskills.lock pins',
  options: {
    offline: { describe: 'never use the network; fail if the cache lacks a pinned commit', type: 'boolean' },
    frozen: { describe: 'fail if the config and dotskills.lock disagree; never write the lock', type: 'boolean' },
  },
  examples: [
    ['$0 sync', 'fetch what the lock pins; pin sources new in the config'],
    ['$0 sync --frozen', 'in CI: exactly what the lock says, or fail'],
  ],
  async run(args, ctx) {
    const { requireConfig } = await import('../config/load.js')
    const { openSources } = await import('../sources/session.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const session = await openSources(ctx, config)
    const { results, lock } = await session.sync({ offline: args.offline, frozen: args.frozen })
    // as install would refuse it: two skills of one name (two sources, or a source and the repo)
    const { checkSkillNames, ownSkillNames } = await import('../skills/own.js')
    checkSkillNames(await ownSkillNames(config), results.flatMap((r) => r.skills.map((s) => ({ name: s.name, where: `source ${s.source} (${s.path})` }))), config.path)
    const wrote = !args.frozen && session.save(lock)
    const stderr = results.flatMap((r) => r.notes.map((n) => `note: ${n}`))
    if (wrote) stderr.push('dotskills: dotskills.lock updated')
    if (ctx.verbose) stderr.push(`dotskills: ${session.requests()} HTTP request${session.requests() === 1 ? '' : 's'}`)
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify(results.map(summary), null, 2) + '\n', stderr }
    if (ctx.quiet) return { exitCode: 0, stderr }
    const rows = results.map((r) => [r.spec.name, where(r), `${r.skills.length} skill${r.skills.length === 1 ? '' : 's'}`])
    return { exitCode: 0, stdout: rows.length ? table(rows) : 'no sources in the config\n', stderr }
  },
}

export const where = (r: SourceResult) =>
  r.entry.commit ? `${r.spec.ref ?? 'default branch'} @ ${r.entry.commit.slice(0, 12)}` : (r.entry.dir ?? '')

export const summary = (r: SourceResult) => ({
  name: r.spec.name,
  kind: r.spec.kind,
  url: r.entry.url,
  dir: r.entry.dir,
  ref: r.spec.ref ?? null,
  commit: r.entry.commit ?? null,
  skills: r.skills.map((s) => ({ name: s.name, path: s.path, hash: s.hash })),
  notes: r.notes,
})

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n'
}

export default syncCommand
