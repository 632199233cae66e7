// `dotskills agents`: every agent adapter, whether the agent is on this machine, and where its
// skills go (global root under the target home, project root under the project).
import { relative, resolve, sep } from 'node:path'
import { usageError } from '../errors.js'
import type { CommandDefinition } from './types.js'

interface AgentsArgs {
  /** global options used here */
  project?: string
  agent?: string[]
}

/** One row of the listing; also the `--json` shape. */
export interface AgentRow {
  id: string
  name: string
  detected: boolean
  /** the folder (`~/…`) or executable (absolute path) that showed the agent is here */
  via?: string
  /** global skills root as `~/…`, null when the agent has none */
  global: string | null
  /** project skills root relative to the project, null when the agent has none */
  project: string | null
  /** absolute paths of the two roots for this home and project */
  paths: { global: string | null; project: string | null }
  /** extra files beside the skill folders, `~/…` or project-relative, `{{name}}` = each skill */
  outputs: string[]
  /** frontmatter fields kept besides the spec's ('*': all) */
  extraFields: string[] | '*'
  notes?: string
}

const posix = (p: string) => p.split(sep).join('/')

const agentsCommand: CommandDefinition<AgentsArgs> = {
  command: 'agents',
  describe: 'List the agents dotskills can install into, which are on this machine, and their skill folders',
  options: {},
  examples: [
    ['$0 agents', 'table of every agent: detected or not, global and project skill folders'],
    ['$0 agents --json', 'the same as a JSON array, for scripts'],
    ['$0 agents --home /tmp/home --project ~/code/app', 'what detection and paths would be for another home and project'],
  ],
  async run(args, ctx) {
    const { detectAdapter, expandPath, resolveAdapters } = await import('../agents/registry.js')
    // TODO(config): pass the config's custom adapters here (resolveAdapters(loaded.config.adapters))
    // once the config schema has an `adapters` list; until then only the built-ins are listed.
    let adapters = resolveAdapters()
    if (args.agent?.length) {
      const known = new Set(adapters.map((a) => a.id))
      const unknown = args.agent.filter((id) => !known.has(id))
      if (unknown.length) {
        throw usageError(`unknown agent ${unknown.map((u) => `"${u}"`).join(', ')}`, { hint: `known agents: ${[...known].join(', ')}` })
      }
      adapters = adapters.filter((a) => args.agent!.includes(a.id))
    }

    const home = ctx.home
    const project = resolve(ctx.cwd, args.project ?? '.')
    const bases = { home, project }
    const show = (p: string | undefined, scope: 'global' | 'project') => {
      if (p === undefined) return { display: null, abs: null }
      const abs = expandPath(p, bases)
      const rel = posix(relative(scope === 'global' ? home : project, abs))
      return { display: scope === 'global' ? (rel ? `~/${rel}` : '~') : rel || '.', abs }
    }

    const rows: AgentRow[] = adapters.map((a) => {
      const d = detectAdapter(a, { home, env: ctx.env })
      const g = show(a.skills.global, 'global')
      const p = show(a.skills.project, 'project')
      const outputs: string[] = []
      for (const o of a.outputs ?? []) {
        if (o.path.global !== undefined) outputs.push(show(o.path.global, 'global').display!)
        if (o.path.project !== undefined) outputs.push(show(o.path.project, 'project').display!)
      }
      return {
        id: a.id,
        name: a.name,
        detected: d.detected,
        ...(d.via !== undefined ? { via: d.via } : {}),
        global: g.display,
        project: p.display,
        paths: { global: g.abs, project: p.abs },
        outputs,
        extraFields: a.extraFields,
        ...(a.notes ? { notes: a.notes } : {}),
      }
    })

    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify(rows, null, 2) + '\n' }
    return { exitCode: 0, stdout: table(rows, home) }
  },
}

function table(rows: AgentRow[], home: string): string {
  const head = ['ID', 'NAME', 'DETECTED', 'GLOBAL SKILLS', 'PROJECT SKILLS', 'OUTPUTS']
  const cells = rows.map((r) => [
    r.id,
    r.name,
    r.detected ? `yes (${r.via})` : 'no',
    r.global ?? '—',
    r.project ?? '—',
    r.outputs.length ? r.outputs.join(', ') : '—',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => c.map((s, i) => (i === c.length - 1 ? s : s.padEnd(widths[i]))).join('  ')
  const out = [line(head), ...cells.map(line), '']
  const detected = rows.filter((r) => r.detected).length
  out.push(`${detected} of ${rows.length} agents detected (home: ${home}).`)

  // Roots several adapters write: one copy serves them all; listing them explains "shared".
  const shared: string[] = []
  for (const scope of ['global', 'project'] as const) {
    const by = new Map<string, string[]>()
    for (const r of rows) {
      const p = r[scope]
      if (p !== null) by.set(p, [...(by.get(p) ?? []), r.id])
    }
    for (const [p, ids] of by) if (ids.length > 1) shared.push(`  ${p}: ${ids.join(', ')}`)
  }
  if (shared.length) out.push('', 'Shared skill folders (one copy serves every agent listed):', ...shared)

  const notes = rows.filter((r) => r.notes)
  if (notes.length) {
    const w = Math.max(...notes.map((r) => r.id.length))
    out.push('', 'Notes:', ...notes.map((r) => `  ${(r.id + ':').padEnd(w + 1)} ${r.notes}`))
  }
  return out.join('\n') + '\n'
}

export default agentsCommand
