// The repo's own skills (the config's `skills` folders) and the rule that two skills may not
// share a name. Kept apart from prepare.ts so that sync, add and remove do not load the install
// engine (plan, templates, adapters) just to check names.
import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { LoadedConfig } from '../config/load.js'
import { configError, DotskillsError } from '../errors.js'
import { discoverSkills, type DiscoveredSkill } from './discover.js'

/**
 * The repo's own skills, from the config's `skills` folders. A folder the config names must
 * exist; the default `skills` may be absent, and may be empty, when the config has sources.
 */
export async function ownSkills(config: LoadedConfig): Promise<{ roots: string[]; skills: DiscoveredSkill[] }> {
  const setting = config.config.skills
  const hasSources = !!config.config.sources?.length
  let roots = (Array.isArray(setting) ? setting : [setting ?? 'skills']).map((p) => resolve(config.dir, p))
  if (setting === undefined && hasSources) roots = roots.filter((r) => existsSync(r))
  const skills = new Map<string, DiscoveredSkill>()
  for (const root of roots) {
    try {
      for (const s of await discoverSkills([root], config.dir)) skills.set(s.dir, s)
    } catch (err) {
      const empty = err instanceof DotskillsError && err.message.startsWith('no skills found')
      if (!(empty && hasSources)) throw err
    }
  }
  return { roots, skills: [...skills.values()] }
}

/** Names of the repo's own skills, with where each is, for collision messages. */
export async function ownSkillNames(config: LoadedConfig): Promise<{ name: string; where: string }[]> {
  return (await ownSkills(config)).skills.map((s) => ({ name: basename(s.dir), where: s.dir }))
}

/** One name, one skill: two skills of one name would overwrite each other in every agent. */
export function checkSkillNames(own: { name: string; where: string }[], fromSources: { name: string; where: string }[], configPath: string): void {
  const seen = new Map<string, string>()
  for (const s of [...own, ...fromSources]) {
    const other = seen.get(s.name)
    if (other) {
      throw configError(`two skills are named "${s.name}": ${other} and ${s.where}`, {
        path: configPath,
        hint: 'leave one out with the source\'s exclude (or `dotskills remove <skill>`), or rename yours',
      })
    }
    seen.set(s.name, s.where)
  }
}
