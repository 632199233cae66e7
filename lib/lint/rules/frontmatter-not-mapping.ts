import { parseProblemRule } from './parse-problem.js'

// Frontmatter must be key: value fields; a list or a scalar has no name or description.
export default parseProblemRule('frontmatter-not-mapping', 'error', 'frontmatter is not a YAML mapping')
