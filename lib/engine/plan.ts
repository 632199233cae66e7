// plan: config + skills + adapters → every file that should exist (path → bytes, mode). Pure
// apart from reading its inputs. Two adapters wanting different bytes at one path is an error
// found here, before anything is written; so is any path that would leave an adapter root.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { hostname, platform } from 'node:os'
import { basename, isAbsolute, join, relative } from 'node:path'
import { expandPath } from '../agents/registry.js'
import type { AgentAdapter } from '../agents/types.js'
import { configError } from '../errors.js'
import { frontmatterForAgent, keepForAdapter } from '../render/frontmatter.js'
import { renderTemplate } from '../render/template.js'
import { SKILL_NAME, type DiscoveredSkill } from '../skills/discover.js'
import { parseSkillFile } from '../skills/parse.js'
import { blockText } from './block.js'
import { targetKey, type TargetFile } from './types.js'

export type Scope = 'global' | 'project'

export interface PlanInput {
  skills: DiscoveredSkill[]
  adapters: AgentAdapter[]
  scope: Scope
  home: string
  project: string
  vars: Record<string, unknown>
  /** named machine profile from config, if any */
  profile?: string
  /** copy (default) or symlink: link files that reach the agent unchanged */
  mode?: 'copy' | 'symlink'
  /** skill folders whose files are always copied, even in symlink mode */
  copyOnly?: Set<string>
  /** whether an agent gets a skill (config agentSkills include/exclude); default: all */
  skillsFor?: (agent: string, skill: string) => boolean
}

export function plan(input: PlanInput): TargetFile[] {
  const out = new Map<string, TargetFile>()
  const machine = { hostname: hostname(), os: platform(), profile: input.profile ?? null }
  const add = (t: TargetFile) => {
    const had = out.get(t.path)
    if (!had) return void out.set(t.path, t)
    if (!had.bytes.equals(t.bytes) || had.mode !== t.mode) {
      throw configError(`agents ${had.agents.join(', ')} and ${t.agents.join(', ')} would write different contents here`, {
        path: t.path,
        hint: 'give one of them another folder in config (adapters), or install them separately with --agent',
      })
    }
    for (const a of t.agents) if (!had.agents.includes(a)) had.agents.push(a)
  }

  // per adapter, the skills it gets: the data of its index outputs (AGENTS.md blocks, …)
  const given = new Map<string, Record<string, unknown>[]>(input.adapters.map((a) => [a.id, []]))
  const blocks = new Map<string, TargetFile>()
  const addBlock = (t: TargetFile) => blocks.set(targetKey(t.path, t.block), t)
  for (const skill of input.skills) {
    const name = basename(skill.dir)
    if (!SKILL_NAME.test(name)) {
      throw configError(`skill folder name "${name}" is not a valid skill name (a-z, 0-9, single hyphens)`, { path: skill.dir })
    }
    const sources = readSources(skill)
    const frontmatter = skillFrontmatter(sources)
    for (const adapter of input.adapters) {
      if (input.skillsFor && !input.skillsFor(adapter.id, name)) continue
      const rootSpec = adapter.skills[input.scope]
      if (!rootSpec) continue
      const root = expandPath(rootSpec, { home: input.home, project: input.project })
      const skillRoot = join(root, name)
      const data = {
        skill: { ...frontmatter, name, path: join(skillRoot, 'SKILL.md') },
        agent: { id: adapter.id, name: adapter.name, root },
        vars: input.vars,
        machine,
      }
      for (const src of sources) {
        let rel = src.rel
        let bytes = src.bytes
        if (rel.endsWith('.hbs')) {
          rel = rel.slice(0, -4)
          bytes = Buffer.from(renderTemplate(src.bytes.toString('utf8'), data, { file: src.path }))
        }
        if (rel === 'SKILL.md') {
          const text = parseSkillFile(bytes).text
          const { text: kept, dropped } = frontmatterForAgent(text, keepForAdapter(adapter.extraFields))
          if (dropped.length > 0 || text !== bytes.toString('utf8')) bytes = Buffer.from(kept)
        }
        const link = input.mode === 'symlink' && bytes === src.bytes && !input.copyOnly?.has(skill.dir) ? realpathSync(src.path) : undefined
        add({ path: join(skillRoot, ...rel.split('/')), bytes, mode: src.mode, skill: name, agents: [adapter.id], root, source: src.path, ...(link ? { link } : {}) })
      }
      given.get(adapter.id)!.push(data.skill)
      for (const output of adapter.outputs ?? []) {
        if (output.per !== 'per-skill') continue // index outputs: below, once all skills are known
        if (output.kind === 'block') throw configError(`adapter ${adapter.id}: a managed block must be per: index`)
        const spec = output.path[input.scope]
        if (!spec) continue
        const path = expandPath(spec.replace(/\{\{\s*name\s*\}\}/g, name), { home: input.home, project: input.project })
        const text = renderTemplate(output.template, data, { file: `adapter ${adapter.id}` })
        add({ path, bytes: Buffer.from(text), mode: 0o644, skill: name, agents: [adapter.id], root: join(path, '..') })
      }
    }
  }
  for (const adapter of input.adapters) {
    for (const output of adapter.outputs ?? []) {
      const spec = output.path[input.scope]
      if (output.per !== 'index' || !spec) continue
      const path = expandPath(spec, { home: input.home, project: input.project })
      const root = adapter.skills[input.scope] ? expandPath(adapter.skills[input.scope]!, { home: input.home, project: input.project }) : undefined
      const data = { skills: given.get(adapter.id)!, agent: { id: adapter.id, name: adapter.name, root }, vars: input.vars, machine }
      const text = renderTemplate(output.template, data, { file: `adapter ${adapter.id}` })
      const common = { path, mode: 0o644, skill: '', agents: [adapter.id], root: join(path, '..') }
      if (output.kind === 'block') addBlock({ ...common, bytes: Buffer.from(blockText(adapter.id, text)), block: adapter.id })
      else add({ ...common, bytes: Buffer.from(text) })
    }
  }
  for (const t of blocks.values()) {
    if (out.has(t.path)) throw configError(`a managed block and a whole file are both planned here (${t.agents.join(', ')})`, { path: t.path })
  }
  return [...out.values(), ...blocks.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.block ?? '') < (b.block ?? '') ? -1 : 1))
}

interface Source {
  path: string
  rel: string
  bytes: Buffer
  mode: number
}

/** Read a skill's files; symlinks are followed only when they stay inside the skill. */
function readSources(skill: DiscoveredSkill): Source[] {
  const realDir = realpathSync(skill.dir)
  return skill.files.map((f) => {
    if (f.rel.split('/').includes('..') || isAbsolute(f.rel)) throw configError('path leaves the skill folder', { path: f.path })
    if (f.symlink || lstatSync(f.path).isSymbolicLink()) {
      let real: string
      try {
        real = realpathSync(f.path)
      } catch {
        throw configError('symlink points to nothing', { path: f.path })
      }
      const r = relative(realDir, real)
      if (r.startsWith('..') || isAbsolute(r)) throw configError('symlink points outside the skill folder; refusing to install it', { path: f.path })
    }
    const st = statSync(f.path)
    return { path: f.path, rel: f.rel, bytes: readFileSync(f.path), mode: st.mode & 0o111 ? 0o755 : 0o644 }
  })
}

/** The skill's frontmatter as template data (empty when it does not parse: lint reports that). */
function skillFrontmatter(sources: Source[]): Record<string, unknown> {
  // a SKILL.md.hbs is read as it stands: its frontmatter usually has no template tags
  const md = sources.find((s) => s.rel === 'SKILL.md') ?? sources.find((s) => s.rel === 'SKILL.md.hbs')
  if (!md) return {}
  const data = parseSkillFile(md.bytes).frontmatter?.data
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
}
