import { parseProblemRule } from './parse-problem.js'

// Claude Code ignored skills with a BOM until 2.1.239, and skills-ref rejects them.
export default parseProblemRule('file-bom', 'warn', 'UTF-8 byte-order mark at the start of SKILL.md')
