import { parseProblemRule } from './parse-problem.js'

// Agents differ on broken YAML: some skip the skill, some load it without metadata.
export default parseProblemRule('yaml-syntax', 'error', 'frontmatter is not valid YAML (tabs, unquoted ": " in values, bad indentation)')
