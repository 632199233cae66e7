// Rules whose findings come straight from parsing SKILL.md (lib/skills/parse.ts finds them;
// the rule gives them an id, a severity and a switch).
import type { ParseProblemKind } from '../../skills/parse.js'
import type { Rule, Severity } from '../types.js'

export function parseProblemRule(id: ParseProblemKind, severity: Severity, docs: string): Rule {
  return {
    id,
    severity,
    docs,
    checkSkill(skill, report) {
      for (const p of skill.parsed.problems) {
        if (p.kind === id) report({ message: p.message, line: p.line, column: p.column })
      }
    },
  }
}
