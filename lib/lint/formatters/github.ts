// GitHub Actions workflow commands: each finding becomes an annotation on the PR diff.
// Data and property values are escaped as the runner expects, so a message can never cut
// itself short at a newline or inject a second command.
import { displayPath, type Formatter } from './format.js'

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

export const github: Formatter = ({ result, cwd }) => {
  const lines = result.findings.map((f) => {
    const level = f.severity === 'error' ? 'error' : 'warning'
    const props = [
      `file=${escapeProperty(displayPath(f.file, cwd))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `title=${escapeProperty(`dotskills(${f.ruleId})`)}`,
    ].join(',')
    return `::${level} ${props}::${escapeData(f.message)}`
  })
  return lines.length ? lines.join('\n') + '\n' : ''
}
