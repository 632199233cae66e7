import type { Rule } from '../types.js'
import { positionsIn } from './text-position.js'

interface SecretKind {
  kind: string
  /** literal every match contains: a cheap `includes` skips the regex on almost every file */
  needle: string | string[]
  pattern: RegExp
  /** random-looking keys mix cases and digits; placeholders such as `sk-your-key-here` do not */
  mixed?: boolean
}

// Token formats from the vendors' documentation. `(?<![\w-])…(?![\w-])` is a word boundary that
// also treats `-` as part of the token, so a key is never matched out of a longer string.
const KINDS: SecretKind[] = [
  { kind: 'AWS access key id', needle: ['AKIA', 'ASIA'], pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { kind: 'GitHub token', needle: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /(?<![\w-])gh[pousr]_[A-Za-z0-9]{36,}(?![\w-])/g },
  { kind: 'GitHub fine-grained token', needle: 'github_pat_', pattern: /(?<![\w-])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![\w-])/g },
  { kind: 'Anthropic API key', needle: 'sk-ant-', pattern: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{32,}(?![\w-])/g, mixed: true },
  { kind: 'OpenAI API key', needle: 'sk-', pattern: /(?<![\w-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}(?![\w-])/g, mixed: true },
  { kind: 'Slack token', needle: 'xox', pattern: /(?<![\w-])xox[baprs]-\d+-[A-Za-z0-9-]{10,}(?![\w-])/g },
  { kind: 'Google API key', needle: 'AIza', pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { kind: 'Stripe live key', needle: 'k_live_', pattern: /(?<![\w-])[rs]k_live_[0-9A-Za-z]{24,}(?![\w-])/g },
  { kind: 'npm token', needle: 'npm_', pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g },
]

/** A line break, also escaped as in JSON or .env strings (`"-----BEGIN…-----\nMIIE…"`). */
const NL = String.raw`(?:\n|\\n)`
/**
 * A PEM private key with real content: the BEGIN line, optional headers (`Proc-Type: …`) and
 * blank lines, then a full line of base64 (64 characters in real keys; 40 allows for other
 * wrapping). Examples such as `MIIE...` or `...` fail this, as they should.
 */
const PRIVATE_KEY = new RegExp(
  `-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----${NL}(?:[A-Za-z-]+: [^\\n]*?${NL}|[ \\t]*${NL})*` +
    `[ \\t]*[A-Za-z0-9+/]{40,}={0,2}[ \\t]*${NL}`,
  'g',
)

/** Every token pattern (global regexes), for redacting logs: `learn` quotes them without the secret. */
export const secretPatterns: readonly RegExp[] = [...KINDS.map((k) => k.pattern), PRIVATE_KEY]

/** Documentation placeholders: AWS's `…EXAMPLE`, `xxxxxxxx`, `your-token`, `1234567890abcdef`. */
function isPlaceholder(token: string, mixed: boolean): boolean {
  if (/example|sample|your|placeholder|dummy|fake|redacted|insert|replace|changeme/i.test(token)) return true
  if (/(.)\1{4}/.test(token)) return true // runs such as xxxxx or 00000
  if (/0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef/i.test(token)) return true
  if (mixed && !(/[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9]/.test(token))) return true
  return false
}

const rule: Rule = {
  id: 'no-secrets',
  severity: 'error',
  docs: 'API tokens and private keys (AWS, GitHub, OpenAI, Anthropic, Slack, Google, Stripe, npm, PEM) in any file of the skill: skills are shared and published, so a committed key leaks',
  checkText(file, _skill, report) {
    const { bytes } = file
    const kinds = KINDS.filter(({ needle }) => (Array.isArray(needle) ? needle.some((n) => bytes.includes(n)) : bytes.includes(needle)))
    const hasKey = bytes.includes('PRIVATE KEY')
    if (kinds.length === 0 && !hasKey) return
    const { text } = file
    const position = positionsIn(text)
    for (const { kind, pattern, mixed = false } of kinds) {
      for (const m of file.text.matchAll(pattern)) {
        if (isPlaceholder(m[0], mixed)) continue
        report({
          file: file.path,
          message: `possible ${kind} "${m[0].slice(0, 4)}…"; remove it, revoke it, and read it from the environment instead`,
          ...position(m.index!),
        })
      }
    }
    if (!hasKey) return
    for (const m of text.matchAll(PRIVATE_KEY)) {
      report({
        file: file.path,
        message: `${m[1]}private key block; remove it, revoke it, and load it from outside the skill`,
        ...position(m.index!),
      })
    }
  },
}
export default rule
