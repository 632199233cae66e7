import type { Rule } from '../types.js'
import { codePoints, schemaErrors } from './schema-rule.js'

const rule: Rule = {
  id: 'name-format',
  severity: 'error',
  docs: 'name: 1-64 lowercase ASCII letters, digits and single hyphens (the reference validator also accepts any Unicode letter; agents and file systems do not all agree, so we do not)',
  checkSkill(skill, report) {
    for (const e of schemaErrors(skill, (e) => e.path.length === 1 && e.path[0] === 'name' && e.keyword !== 'type' && e.keyword !== 'required')) {
      const name = String(skill.data?.name)
      let message: string
      if (e.keyword === 'maxLength') message = `name is ${codePoints(name)} characters; the limit is 64`
      else if (e.keyword === 'minLength') message = 'name is empty'
      else message = `name "${name}" must use only lowercase a-z, 0-9 and single hyphens, not at either end`
      report({ message, ...skill.position(['name']) })
    }
  },
}
export default rule
