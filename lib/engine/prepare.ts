// What install, diff, status and verify share: config → skills → adapters → plan → state →
// compare. One function, so the four commands can never disagree.
import { basename } from 'node:path'
import { hostname } from 'node:os'
import { requireConfig, type LoadedConfig, type MachineProfile } from '../config/load.js'
import type { Context } from '../context.js'
import { configError, DotskillsError, usageError } from '../errors.js'
import { discoverSkills } from '../skills/discover.js'
import { checkSkillNames, ownSkills } from '../skills/own.js'
import type { AgentAdapter } from '../agents/types.js'
import { compare, type Change } from './compare.js'
import { plan, type Scope } from './plan.js'
import { State } from './state.js'
import type { TargetFile } from './types.js'

export interface Prepared {
  config: LoadedConfig
  /** the config's skill folders (absolute) */
  skillRoots: string[]
  /** folders of the skills that come from sources (extracted from the cache, or local) */
  sourceSkillDirs: string[]
  /** the lock as this run found its sources, and how to write it (only install and sync write it) */
  sources?: { lock: import('../sources/lockfile.js').Lockfile; save: () => boolean; notes: string[] }
  adapters: AgentAdapter[]
  scope: Scope
  targets: TargetFile[]
  state: State
  changes: Change[]
}

export interface PrepareOptions {
  /** only these skills (names) */
  skills?: string[]
  /**
   * how sources are read. install: may fetch (unless offline) and pin new sources (unless
   * frozen). Read-only commands (the default): from the cache only, and the lock must match
   * the config.
   */
  sources?: { offline?: boolean; frozen?: boolean; verify?: boolean }
}

export async function prepare(ctx: Context, opts: PrepareOptions = {}): Promise<Prepared> {
  const config = await requireConfig(ctx.cwd, ctx.configPath)
  const { all, adapters, scope, profile } = await selectAgents(ctx, config)
  const known = new Map(all.map((a) => [a.id, a]))

  const { roots, skills: own } = await ownSkills(config)
  let skills = own
  let sourceSkillDirs: string[] = []
  let sources: Prepared['sources']
  let extracted: string[] = []
  if (config.config.sources?.length) {
    const { openSources } = await import('../sources/session.js')
    const session = await openSources(ctx, config)
    const how = opts.sources ?? { offline: true, frozen: true }
    const synced = await session.sync(how)
    const fromSources = synced.results.flatMap((r) => r.skills)
    checkSkillNames(skills.map((s) => ({ name: basename(s.dir), where: s.dir })), fromSources.map((s) => ({ name: s.name, where: `source ${s.source} (${s.path})` })), config.path)
    sourceSkillDirs = fromSources.map((s) => s.dir)
    if (sourceSkillDirs.length) skills = [...skills, ...(await discoverSkills(sourceSkillDirs, config.dir))]
    extracted = synced.results.filter((r) => r.spec.kind === 'git').flatMap((r) => r.skills.map((s) => s.dir))
    sources = { lock: synced.lock, save: () => session.save(synced.lock), notes: synced.results.flatMap((r) => r.notes) }
  }
  if (opts.skills?.length) {
    const names = new Set(opts.skills)
    for (const n of names) if (!skills.some((s) => basename(s.dir) === n)) throw usageError(`--skill ${n}: no such skill in the config's skills`)
    skills = skills.filter((s) => names.has(basename(s.dir)))
  }

  const perAgent = config.config.agentSkills ?? {}
  for (const id of Object.keys(perAgent)) {
    if (!known.has(id)) throw configError(`agentSkills: unknown agent "${id}"`, { path: config.path })
  }
  const targets = plan({
    skills,
    adapters,
    skillsFor: (agent, skill) => {
      const f = perAgent[agent]
      return !f || ((!f.include || f.include.includes(skill)) && !(f.exclude ?? []).includes(skill))
    },
    scope,
    home: ctx.home,
    project: ctx.project,
    vars: { ...config.config.vars, ...profile?.vars },
    profile: profile?.name,
    mode: config.config.mode ?? 'copy',
    // extracted source skills live in the cache, which may be cleared: agents get copies
    copyOnly: new Set(extracted),
  })
  const state = State.load(ctx.stateDir)
  const ids = new Set(adapters.map((a) => a.id))
  const skillNames = opts.skills ? new Set(opts.skills) : undefined
  // With --agent or --skill, recorded files of other agents or skills are left alone.
  const considered = (e: { agents: string[]; skill: string }) =>
    (!ctx.agents || e.agents.some((a) => ids.has(a))) && (!skillNames || skillNames.has(e.skill))
  return { config, skillRoots: roots, sourceSkillDirs, sources, adapters, scope, targets, state, changes: compare(targets, state, considered) }
}

export interface AgentSelection {
  /** every adapter in effect: the built-ins with the config's adapters merged over them */
  all: AgentAdapter[]
  /** the agents a run writes to */
  adapters: AgentAdapter[]
  /** the config's (or machine profile's) `agents`: 'detected' or a list of ids */
  wanted: 'detected' | string[]
  scope: Scope
  profile?: MachineProfile & { name: string }
}

/**
 * Which agents a run writes to, and in which scope: the config's `agents` (or the active machine
 * profile's), narrowed by --agent. Without a config: the detected built-in agents, global scope.
 */
export async function selectAgents(ctx: Context, config?: LoadedConfig): Promise<AgentSelection> {
  const { builtinAdapters, resolveAdapters, detectAdapter } = await import('../agents/registry.js')
  let all: AgentAdapter[]
  try {
    all = resolveAdapters((config?.config.adapters ?? []) as Partial<AgentAdapter>[])
  } catch (err) {
    if (config && err instanceof DotskillsError && !err.details.path) err.details.path = config.path
    throw err
  }
  const known = new Map(all.map((a) => [a.id, a]))

  const profile = config ? activeProfile(config, ctx.env) : undefined
  const settings = { ...config?.config, ...(profile ? defined({ agents: profile.agents, scope: profile.scope }) : {}) }
  const wanted = settings.agents ?? 'detected'
  let adapters: AgentAdapter[]
  if (wanted === 'detected') adapters = all.filter((a) => detectAdapter(a, { home: ctx.home, env: ctx.env }).detected)
  else {
    adapters = wanted.map((id) => {
      const a = known.get(id)
      if (!a) throw configError(`unknown agent "${id}" in agents (known: ${builtinAdapters.map((b) => b.id).join(', ')})`, { path: config?.path })
      return a
    })
  }
  if (ctx.agents) {
    for (const id of ctx.agents) if (!known.has(id)) throw usageError(`--agent ${id}: unknown agent`, { hint: 'run `dotskills agents` for the list' })
    adapters = ctx.agents.map((id) => known.get(id)!)
  }
  return { all, adapters, wanted, scope: settings.scope ?? 'global', profile }
}

/**
 * The machine profile in force: DOTSKILLS_PROFILE names one (an unknown name is an error), else
 * the first profile whose hosts include this machine's hostname, else none.
 */
function activeProfile(config: LoadedConfig, env: NodeJS.ProcessEnv): (MachineProfile & { name: string }) | undefined {
  const profiles = config.config.profiles ?? {}
  const named = env.DOTSKILLS_PROFILE
  if (named) {
    if (!profiles[named]) throw configError(`DOTSKILLS_PROFILE=${named}: no such profile (have: ${Object.keys(profiles).join(', ') || 'none'})`, { path: config.path })
    return { ...profiles[named], name: named }
  }
  const host = hostname()
  const found = Object.entries(profiles).find(([, p]) => p.hosts?.includes(host))
  return found ? { ...found[1], name: found[0] } : undefined
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
