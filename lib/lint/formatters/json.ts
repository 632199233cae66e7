// ESLint-compatible JSON: one entry per file with messages, so existing tooling can read it.
import { byFile, displayPath, type Formatter } from './format.js'

export const json: Formatter = ({ result, cwd }) => {
  const files = [...byFile(result.findings)].map(([file, findings]) => ({
    filePath: file,
    path: displayPath(file, cwd),
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warn').length,
    messages: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity === 'error' ? 2 : 1,
      message: f.message,
      line: f.line,
      column: f.column,
    })),
  }))
  const report = {
    skillCount: result.skillCount,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    files,
  }
  return JSON.stringify(report, null, 2) + '\n'
}
