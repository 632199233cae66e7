import type { Rule } from '../types.js'
import { fieldName, schemaErrors } from './schema-rule.js'

const rule: Rule = {
  id: 'frontmatter-required',
  severity: 'error',
  docs: 'name and description are required: agents list and choose skills by them',
  checkSkill(skill, report) {
    for (const e of schemaErrors(skill, (e) => e.keyword === 'required')) {
      const at = skill.position(e.path.slice(0, -1))
      report({ message: `missing required field "${fieldName(e.path)}"`, ...at })
    }
  },
}
export default rule
