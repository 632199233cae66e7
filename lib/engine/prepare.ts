// What install, diff, status and verify share: config → skills → adapters → plan → state →
// compare. One function, so the four commands can never disagree.
import { basename, resolve } from 'node:path'
import { hostname } from 'node:os'
import { loadConfig, type LoadedConfig, type MachineProfile } from '../config/load.js'
import type { Context } from '../context.js'
import { configError, DotskillsError, usageError } from '../errors.js'
import { discoverSkills } from '../skills/discover.js'
import type { AgentAdapter } from '../agents/types.js'
import { compare, type Change } from './compare.js'
import { plan, type Scope } from './plan.js'
import { State } from './state.js'
import type { TargetFile } from './types.js'

export interface Prepared {
  config: LoadedConfig
  /** the config's skill folders (absolute) */
  skillRoots: string[]
  adapters: AgentAdapter[]
  scope: Scope
  targets: TargetFile[]
  state: State
  changes: Change[]
}

export interface PrepareOptions {
  /** only these skills (names) */
  skills?: string[]
}

export async function prepare(ctx: Context, opts: PrepareOptions = {}): Promise<Prepared> {
  const config = await loadConfig(ctx.cwd, ctx.configPath)
  if (!config) {
    throw usageError('no dotskills config found', { hint: 'create dotskills.yaml (see examples/dotfiles) or pass --config <file|dir>' })
  }
  const { builtinAdapters, resolveAdapters, detectAdapter } = await import('../agents/registry.js')
  let all: AgentAdapter[]
  try {
    all = resolveAdapters((config.config.adapters ?? []) as Partial<AgentAdapter>[])
  } catch (err) {
    if (err instanceof DotskillsError && !err.details.path) err.details.path = config.path
    throw err
  }
  const known = new Map(all.map((a) => [a.id, a]))

  const profile = activeProfile(config, ctx.env)
  const settings = { ...config.config, ...(profile ? defined({ agents: profile.agents, scope: profile.scope }) : {}) }
  const wanted = settings.agents ?? 'detected'
  let adapters: AgentAdapter[]
  if (wanted === 'detected') adapters = all.filter((a) => detectAdapter(a, { home: ctx.home, env: ctx.env }).detected)
  else {
    adapters = wanted.map((id) => {
      const a = known.get(id)
      if (!a) throw configError(`unknown agent "${id}" in agents (known: ${builtinAdapters.map((b) => b.id).join(', ')})`, { path: config.path })
      return a
    })
  }
  if (ctx.agents) {
    for (const id of ctx.agents) if (!known.has(id)) throw usageError(`--agent ${id}: unknown agent`, { hint: 'run `dotskills agents` for the list' })
    adapters = ctx.agents.map((id) => known.get(id)!)
  }

  const skillsSetting = config.config.skills ?? 'skills'
  const roots = (Array.isArray(skillsSetting) ? skillsSetting : [skillsSetting]).map((p) => resolve(config.dir, p))
  let skills = await discoverSkills(roots, config.dir)
  if (opts.skills?.length) {
    const names = new Set(opts.skills)
    for (const n of names) if (!skills.some((s) => basename(s.dir) === n)) throw usageError(`--skill ${n}: no such skill in the config's skills`)
    skills = skills.filter((s) => names.has(basename(s.dir)))
  }

  const scope: Scope = settings.scope ?? 'global'
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
  })
  const state = State.load(ctx.stateDir)
  const ids = new Set(adapters.map((a) => a.id))
  const skillNames = opts.skills ? new Set(opts.skills) : undefined
  // With --agent or --skill, recorded files of other agents or skills are left alone.
  const considered = (e: { agents: string[]; skill: string }) =>
    (!ctx.agents || e.agents.some((a) => ids.has(a))) && (!skillNames || skillNames.has(e.skill))
  return { config, skillRoots: roots, adapters, scope, targets, state, changes: compare(targets, state, considered) }
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
