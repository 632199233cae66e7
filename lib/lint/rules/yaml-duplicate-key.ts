import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('yaml-duplicate-key', 'error', 'the same key twice: parsers disagree on which value wins (PyYAML keeps the last, others fail)')
