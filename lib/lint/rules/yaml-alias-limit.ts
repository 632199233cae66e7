import { parseProblemRule } from './parse-problem.js'

export default parseProblemRule('yaml-alias-limit', 'error', 'YAML aliases expanding past 100: an alias bomb (the npm skills-ref port took 43 s and 1.6 GB on one) is refused fast')
