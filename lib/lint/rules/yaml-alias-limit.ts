import { parseProblemRule } from './parse-problem.js'

// A YAML alias bomb expands exponentially; the npm skills-ref port took 43 s and 1.6 GB on one.
export default parseProblemRule('yaml-alias-limit', 'error', 'YAML aliases expanding beyond a safe bound')
