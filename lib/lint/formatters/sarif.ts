// SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import { displayPath, type Formatter } from './format.js'

/** cwd-relative URIs resolve against SRCROOT; files outside cwd get an absolute file: URI */
function artifact(file: string, cwd: string) {
  const shown = displayPath(file, cwd)
  // each segment percent-encoded, so `#`, `?` and `:` in folder names stay part of the path
  const uri = shown.split('/').map(encodeURIComponent).join('/')
  return isAbsolute(shown) ? { uri: pathToFileURL(file).href } : { uri, uriBaseId: 'SRCROOT' }
}

const level = (s: 'error' | 'warn') => (s === 'error' ? 'error' : 'warning')

export const sarif: Formatter = ({ result, cwd, version }) => {
  const rules = result.rules.map(({ rule, severity }) => ({
    id: rule.id,
    shortDescription: { text: rule.docs },
    defaultConfiguration: { level: level(severity) },
  }))
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const results = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: level(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(f.file, cwd),
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
  }))
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dotskills',
            version,
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd).href + '/' } },
        results,
      },
    ],
  }
  return JSON.stringify(log, null, 2) + '\n'
}
