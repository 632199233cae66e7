import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('frontmatter-missing', 'error', 'SKILL.md must start with a --- frontmatter block: without it no agent can list the skill')
