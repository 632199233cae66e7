// Lint results cache: a skill whose files are unchanged since the last run with the same
// settings is not read, parsed or checked again; its findings and summary come from here.
// "Unchanged" means the same file names, sizes and modification times (ESLint's default cache
// strategy): a fresh clone or checkout is always linted afresh. Only the per-skill rules are
// cached; the cross-skill rules (duplicate names, overlapping descriptions) always run.
// Best effort: an unreadable or corrupt cache is ignored, and a failed write changes nothing.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { DiscoveredSkill } from '../skills/discover.js'
import type { SkillSummary } from './skill-pass.js'
import type { Finding } from './types.js'

export interface CachedSkill {
  stamp: string
  findings: Finding[]
  summary: SkillSummary
}

interface CacheFile {
  format: 1
  skills: Record<string, CachedSkill>
}

export class LintCache {
  private readonly old: Record<string, CachedSkill>
  private readonly next: Record<string, CachedSkill> = {}
  readonly file: string

  /**
   * `dir` is the cache folder; `key` names everything a result depends on besides the skill's
   * own files (version, profile, severities, paths, cwd): each key gets its own file.
   */
  constructor(dir: string, key: unknown) {
    this.file = join(dir, `lint-${createHash('sha1').update(JSON.stringify(key)).digest('hex').slice(0, 16)}.json`)
    let old: Record<string, CachedSkill> = {}
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile
      if (parsed.format === 1 && parsed.skills && typeof parsed.skills === 'object') old = parsed.skills
    } catch {
      // no cache yet, or unreadable: lint everything
    }
    this.old = old
  }

  /** Identity of a skill's files right now, or undefined when one cannot be stat'ed. */
  stamp(skill: DiscoveredSkill): string | undefined {
    const hash = createHash('sha1')
    try {
      for (const f of skill.files) {
        const st = statSync(f.path)
        hash.update(`${f.rel}\0${st.size}\0${st.mtimeMs}\0${f.symlink ? 1 : 0}\n`)
      }
    } catch {
      return undefined
    }
    return hash.digest('hex')
  }

  get(dir: string, stamp: string): CachedSkill | undefined {
    const hit = this.old[dir]
    if (!hit || hit.stamp !== stamp) return undefined
    this.next[dir] = hit
    return hit
  }

  set(dir: string, entry: CachedSkill): void {
    this.next[dir] = entry
  }

  /** Keep exactly this run's skills; written atomically so a crash never leaves half a file. */
  save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      writeFileSync(tmp, JSON.stringify({ format: 1, skills: this.next } satisfies CacheFile))
      renameSync(tmp, this.file)
    } catch {
      // a read-only cache folder only costs speed
    }
  }
}
