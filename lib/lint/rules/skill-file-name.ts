import type { Rule } from '../types.js'

const rule: Rule = {
  id: 'skill-file-name',
  severity: 'error',
  docs: 'the file must be named exactly SKILL.md (or SKILL.md.hbs, rendered to SKILL.md at install): Claude Code, Codex and Gemini CLI ignore skill.md',
  checkSkill(skill, report) {
    // SKILL.md.hbs is a template that install renders to SKILL.md
    if (skill.fileName !== 'SKILL.md' && skill.fileName !== 'SKILL.md.hbs') {
      report({ message: `file is named "${skill.fileName}"; agents only load "SKILL.md"`, line: 1, column: 1 })
    }
  },
}
export default rule
