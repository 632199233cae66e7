import { parseProblemRule } from './parse-problem.js'

// Without frontmatter no agent can list the skill.
export default parseProblemRule('frontmatter-missing', 'error', 'SKILL.md does not start with a --- frontmatter block')
