import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('file-crlf', 'warn', 'CRLF line endings: loaders that split frontmatter on "\\n" (such as quick_validate.py) miss the frontmatter')
