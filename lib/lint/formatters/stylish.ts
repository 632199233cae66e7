// ESLint's default look: findings grouped under their file, then a one-line summary.
import { styleText } from 'node:util'
import { byFile, displayPath, type Formatter } from './format.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export const stylish: Formatter = ({ result, cwd, color }) => {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text) : text)
  const out: string[] = []
  for (const [file, findings] of byFile(result.findings)) {
    out.push('', paint('underline', displayPath(file, cwd)))
    const rows = findings.map((f) => [
      `${f.line}:${f.column}`,
      f.severity === 'error' ? 'error' : 'warning',
      f.message.replace(/\s*\n\s*/g, ' '),
      f.ruleId,
    ])
    const wPos = Math.max(...rows.map((r) => r[0].length))
    const wSev = 'warning'.length
    for (const [pos, sev, msg, id] of rows) {
      const sevText = paint(sev === 'error' ? 'red' : 'yellow', sev.padEnd(wSev))
      out.push(`  ${paint('dim', pos.padEnd(wPos))}  ${sevText}  ${msg}  ${paint('dim', id)}`)
    }
  }
  const total = result.errorCount + result.warningCount
  const checked = plural(result.skillCount, 'skill')
  if (total === 0) {
    out.push(`${paint('green', '✔')} ${checked} checked, no problems`)
  } else {
    out.push(
      '',
      paint(
        result.errorCount > 0 ? 'red' : 'yellow',
        `✖ ${plural(total, 'problem')} (${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')}) in ${checked}`,
      ),
    )
  }
  return out.join('\n').replace(/^\n/, '') + '\n'
}
