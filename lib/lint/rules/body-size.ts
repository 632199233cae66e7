import type { Rule } from '../types.js'

/** The spec's guidance for SKILL.md bodies; beyond it, move detail into references/ files. */
export const MAX_BODY_LINES = 500
export const MAX_BODY_TOKENS = 5000

const rule: Rule = {
  id: 'body-size',
  severity: 'warn',
  docs: `SKILL.md body over ${MAX_BODY_LINES} lines or ~${MAX_BODY_TOKENS} tokens (≈ characters ÷ 4, the usual English-text estimate): the whole body enters the agent's context when the skill loads; the spec asks to move detail into referenced files`,
  checkSkill(skill, report) {
    const { body, bodyLine } = skill.parsed
    if (!/\S/.test(body)) return
    const at = { line: bodyLine, column: 1 }
    // a final newline ends the last line; it does not start another one
    let lines = 1
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lines++
    if (body.endsWith('\n')) lines--
    if (lines > MAX_BODY_LINES) {
      report({ message: `body is ${lines} lines; the spec recommends under ${MAX_BODY_LINES} (move detail into references/)`, ...at })
    }
    // code points, not UTF-16 units, so emoji and CJK text count as the characters they are
    const characters = /[\uDC00-\uDFFF]/.test(body) ? body.length - body.match(/[\uDC00-\uDFFF]/g)!.length : body.length
    const tokens = Math.ceil(characters / 4)
    if (tokens > MAX_BODY_TOKENS) {
      report({ message: `body is about ${tokens} tokens (characters ÷ 4); the spec recommends under ${MAX_BODY_TOKENS} (move detail into references/)`, ...at })
    }
  },
}
export default rule
