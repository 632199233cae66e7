import { parseProblemRule } from './parse-problem.js'

// Agents silently skip or garble skills that are not UTF-8; the Python reference validator crashes.
export default parseProblemRule('file-encoding', 'error', 'SKILL.md is not valid UTF-8 (reported at the first bad byte)')
