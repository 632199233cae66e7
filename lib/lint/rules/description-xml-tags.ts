import type { Rule } from '../types.js'

/** `<tag>`, `</tag>`, `<tag/>`, `<tag attr="x">`; not `a < b` or `->`. */
const XML_TAG = /<\/?[A-Za-z][\w:.-]*(?:\s+[^<>]*)?\/?>/

const rule: Rule = {
  id: 'description-xml-tags',
  severity: 'warn',
  docs: 'XML-like tags in description: Anthropic\'s platform and quick_validate.py reject "<" and ">" there, and a tag can break the skill listing agents build from descriptions',
  checkSkill(skill, report) {
    const description = skill.data?.description
    if (typeof description !== 'string') return
    const tag = XML_TAG.exec(description)
    if (tag) {
      report({
        message: `description contains the XML-like tag ${tag[0].length > 40 ? tag[0].slice(0, 40) + '…' : tag[0]}; Anthropic's platform rejects descriptions with "<" or ">"`,
        ...skill.position(['description']),
      })
    }
  },
}
export default rule
