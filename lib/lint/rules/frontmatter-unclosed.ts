import { parseProblemRule } from './parse-problem.js'

// An unclosed block swallows the body as YAML or hides the skill.
export default parseProblemRule('frontmatter-unclosed', 'error', 'frontmatter opened with --- but never closed')
