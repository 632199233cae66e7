// Shared by the rule tests: lint a test folder with the spec profile, keep one rule's findings.
import { lint } from '../../../lib/lint/engine.js'
import { getProfile } from '../../../lib/lint/profiles/index.js'
import type { Finding } from '../../../lib/lint/types.js'

export async function findingsOf(ruleId: string, cwd: string): Promise<Finding[]> {
  const result = await lint({ paths: ['.'], cwd, profile: getProfile('spec')!, severities: {} })
  return result.findings.filter((f) => f.ruleId === ruleId)
}

/** A SKILL.md whose frontmatter is lines 1-4, so the body starts on line 5. */
export const skillMd = (name: string, description: string, body = '# Title\n') =>
  `---\nname: ${name}\ndescription: ${description}\n---\n${body}`

/** line and column of every finding, for exact assertions */
export const where = (findings: Finding[]) => findings.map((f) => [f.line, f.column])
