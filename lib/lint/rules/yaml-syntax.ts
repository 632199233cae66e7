import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('yaml-syntax', 'error', 'invalid YAML (tabs, an unquoted ": " in a value, bad indentation): agents then skip the skill or load it without metadata')
