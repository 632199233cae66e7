import type { Rule } from '../types.js'
import { fieldName, schemaErrors, typeOf, valueAt } from './schema-rule.js'

const rule: Rule = {
  id: 'frontmatter-type',
  severity: 'error',
  docs: 'a field of the wrong type (e.g. `name: 3000`, a list where a string belongs) means different things to different agents',
  checkSkill(skill, report) {
    for (const e of schemaErrors(skill, (e) => e.keyword === 'type' || e.keyword === 'anyOf')) {
      const got = typeOf(valueAt(skill.data, e.path))
      const want = e.keyword === 'type' ? `a ${String(e.params.type).replace('object', 'mapping').replace('array', 'list')}` : 'one of the accepted forms'
      const why = e.path[0] === 'metadata' && e.path.length === 2 ? ' (metadata maps strings to strings)' : ''
      report({ message: `"${fieldName(e.path)}" must be ${want}, got ${got}${why}`, ...skill.position(e.path) })
    }
  },
}
export default rule
