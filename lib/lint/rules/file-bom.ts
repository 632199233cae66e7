import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('file-bom', 'warn', 'a UTF-8 byte-order mark hides the frontmatter from some agents (Claude Code before 2.1.239) and from skills-ref')
