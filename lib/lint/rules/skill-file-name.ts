import type { Rule } from '../types.js'

const rule: Rule = {
  id: 'skill-file-name',
  severity: 'error',
  docs: 'the file must be named exactly SKILL.md: Claude Code, Codex and Gemini CLI ignore skill.md',
  checkSkill(skill, report) {
    if (skill.fileName !== 'SKILL.md') {
      report({ message: `file is named "${skill.fileName}"; agents only load "SKILL.md"`, line: 1, column: 1 })
    }
  },
}
export default rule
