import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('frontmatter-not-mapping', 'error', 'frontmatter must be key: value fields; a list, a scalar or nothing has no name or description')
