import { parseProblemRule } from './parse-problem.js'

// Windows line endings parse here, but regex-based loaders (quick_validate.py) miss the frontmatter.
export default parseProblemRule('file-crlf', 'warn', 'CRLF line endings in SKILL.md')
