// Evidence quotes: transcripts hold secrets and long outputs, so a proposal keeps one short line
// of what the log says, with anything that looks like a credential replaced.
import { secretPatterns } from '../lint/rules/no-secrets.js'

const GENERIC = [
  /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\b((?:api[_-]?key|password|passwd|secret|token|auth)["']?\s*[:=]\s*["']?)[^\s"',;]{6,}/gi,
  /(\/\/[^/\s:@]+:)[^@\s/]+@/g, // https://user:pass@host
]

/** `text` redacted, on one line, at most `max` characters. */
export function quote(text: string, max = 240): string {
  let t = text
  for (const p of secretPatterns) t = t.replace(p, '[REDACTED]') // before joining lines: a PEM key spans several
  t = t.replace(/\s+/g, ' ').trim()
  t = t.replace(GENERIC[0]!, '$1 [REDACTED]').replace(GENERIC[1]!, '$1[REDACTED]').replace(GENERIC[2]!, '$1[REDACTED]@')
  return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t
}
