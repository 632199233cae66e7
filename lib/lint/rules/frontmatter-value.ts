import type { Rule } from '../types.js'
import { codePoints, fieldName, schemaErrors, valueAt } from './schema-rule.js'

const HANDLED = new Set(['required', 'additionalProperties', 'type', 'anyOf'])

const rule: Rule = {
  id: 'frontmatter-value',
  severity: 'error',
  docs: 'field values within the standard\'s limits: description 1-1024 characters, compatibility 1-500, allowed values',
  checkSkill(skill, report) {
    const errors = schemaErrors(
      skill,
      (e) => !HANDLED.has(e.keyword) && !(e.path.length === 1 && e.path[0] === 'name'),
    )
    for (const e of errors) {
      const field = fieldName(e.path)
      const value = valueAt(skill.data, e.path)
      let message: string
      if (e.keyword === 'maxLength') {
        message = `${field} is ${codePoints(String(value))} characters; the limit is ${e.params.limit}`
      } else if (e.keyword === 'minLength' || (e.keyword === 'pattern' && String(value).trim() === '')) {
        message = `${field} is empty`
      } else if (e.keyword === 'enum') {
        message = `${field} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
      } else {
        message = `${field} ${e.message}`
      }
      report({ message, ...skill.position(e.path) })
    }
  },
}
export default rule
