import { relative } from 'node:path'
import type { LintSkill, Rule } from '../types.js'

/** Beyond this many, the message counts the other skills instead of listing them. */
const MAX_LISTED = 5

const rule: Rule = {
  id: 'duplicate-name',
  severity: 'error',
  docs: 'two skills in the run share a name: agents key skills by name, so one silently shadows the other',
  checkAll(skills, report, ctx) {
    const byName = new Map<string, LintSkill[]>()
    for (const skill of skills) {
      const name = skill.data?.name
      if (typeof name !== 'string' || name.trim() === '') continue
      // NFKC as skills-ref compares names; two spellings of one name collide just the same
      const key = name.trim().normalize('NFKC')
      const group = byName.get(key)
      if (group) group.push(skill)
      else byName.set(key, [skill])
    }
    for (const [name, group] of byName) {
      if (group.length < 2) continue
      for (const skill of group) {
        const others = group.filter((s) => s !== skill).map((s) => relative(ctx.cwd, s.dir) || '.')
        const listed = others.length > MAX_LISTED
          ? `${others.slice(0, MAX_LISTED).join(', ')} and ${others.length - MAX_LISTED} more`
          : others.join(', ')
        report(skill, { message: `name "${name}" is also used by ${listed}`, ...skill.position(['name']) })
      }
    }
  },
}
export default rule
