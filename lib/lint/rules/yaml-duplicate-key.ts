import { parseProblemRule } from './parse-problem.js'

// Parsers disagree on which of two equal keys wins (PyYAML keeps the last, others fail).
export default parseProblemRule('yaml-duplicate-key', 'error', 'the same key twice in the frontmatter')
