import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('file-too-large', 'error', 'SKILL.md over 1 MiB is not parsed, so a pathological file cannot hang CI (the largest real skills are ~200 KiB)')
