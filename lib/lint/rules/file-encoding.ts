import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('file-encoding', 'error', 'SKILL.md must be UTF-8: agents skip or garble other encodings, and the Python reference validator crashes on them')
