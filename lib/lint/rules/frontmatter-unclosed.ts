import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('frontmatter-unclosed', 'error', 'frontmatter opened with --- but never closed: the body is read as YAML or the skill is skipped')
