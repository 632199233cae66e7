import type { Rule } from '../types.js'
import { fieldName, schemaErrors } from './schema-rule.js'

const rule: Rule = {
  id: 'frontmatter-unknown-field',
  severity: 'error',
  docs: 'fields outside the profile are rejected by strict validators and uploads; put extras under metadata',
  checkSkill(skill, report, ctx) {
    for (const e of schemaErrors(skill, (e) => e.keyword === 'additionalProperties')) {
      const where = e.path.length > 1 ? `in ${fieldName(e.path.slice(0, -1))} ` : ''
      const hint = e.path.length === 1 ? '; move it under metadata or pick an agent profile with --profile' : ''
      report({
        message: `unknown field "${e.path[e.path.length - 1]}" ${where}for the ${ctx.profile.id} profile${hint}`,
        ...skill.position(e.path, 'key'),
      })
    }
  },
}
export default rule
