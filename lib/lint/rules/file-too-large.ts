import { parseProblemRule } from './parse-problem.js'

// Huge SKILL.md files are not parsed at all, so a pathological file cannot hang CI.
export default parseProblemRule('file-too-large', 'error', 'SKILL.md over 1 MiB: not parsed (no real skill comes close; agents load the whole body into context)')
