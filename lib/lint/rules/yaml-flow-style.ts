import { isCollection, isMap, visit } from 'yaml'
import type { Rule } from '../types.js'

const rule: Rule = {
  id: 'yaml-flow-style',
  severity: 'warn',
  docs: 'flow style ({a: b}, [a, b]) is valid YAML, but the reference validator (strictyaml) rejects it',
  checkSkill(skill, report) {
    const fm = skill.parsed.frontmatter
    if (!fm || !skill.data) return
    visit(fm.doc, (_key, node) => {
      if (isCollection(node) && node.flow && node.range) {
        const { line, col } = fm.lineCounter.linePos(node.range[0])
        report({
          message: `flow-style ${isMap(node) ? 'mapping' : 'list'}; strict validators such as skills-ref reject it (use block style)`,
          line: line + fm.openLine,
          column: col,
        })
        return visit.SKIP
      }
    })
  },
}
export default rule
