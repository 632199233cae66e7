import { basename } from 'node:path'
import type { Rule } from '../types.js'

const rule: Rule = {
  id: 'name-matches-folder',
  severity: 'error',
  docs: 'the spec requires name to equal the skill\'s own folder name (case-sensitive); installers name folders after it',
  checkSkill(skill, report) {
    const name = skill.data?.name
    if (typeof name !== 'string' || name === '') return
    const folder = basename(skill.dir)
    if (name.normalize('NFKC') !== folder.normalize('NFKC')) {
      report({ message: `name "${name}" does not match its folder "${folder}"`, ...skill.position(['name']) })
    }
  },
}
export default rule
