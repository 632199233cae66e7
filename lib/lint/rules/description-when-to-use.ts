import type { Rule } from '../types.js'

/**
 * Phrasings that say when to use a skill, tuned on 431 real skills (awesome-copilot, superpowers):
 * "Use when…", "Use this skill for/to/before…", "USE FOR:", "when/whenever…", "if the user…",
 * "Trigger on 'x'", "Invoke with /x", "Say "x" to start", "asks to…", "Useful for…", and a clause
 * opening a sentence with before/after/during/once. Deliberately not matched, because on the
 * corpus they mostly occur in descriptions that only say what a skill does: a bare "for"
 * ("best practices for xUnit"), "uses"/"used in", "auto-triggers", "before/after screenshots",
 * and before/while inside a clause ("validating schema before randomising").
 * Result on the corpus: 198 of 431 flagged, nearly all awesome-copilot skills converted from
 * prompts ("Get best practices for NUnit unit testing"); the debatable ones name a situation only
 * in passing ("… adopt React 19 APIs during migration").
 */
const WHEN_CLAUSE = new RegExp(
  [
    /\bwhen(?:ever)?\b/,
    /\bif\b/,
    /\buse\b(?:\s+(?:it|this|the|skill|tool|only|also|them|me))*\s+(?:for|to|if|when|whenever|on|in|with|during|before|after)\b/,
    /\btrigger(?:s|ed)?\s+(?:on|when|for|by|if|phrases?|words?|keywords?)\b|\btriggers?\s*:/,
    /\binvoked?\s+(?:when|with|for|by|if|on)\b|\bactivates?\s+(?:when|on|for|if|by)\b|\bsay\s+["'“]/,
    /\b(?:asks?|asked|asking|requests?|requested|wants?|needs?)\s+(?:to|for|about|help|you)\b/,
    /(?:^|[.;:!?]\s+)(?:before|after|during|while|once)\b(?!\/)/,
    /\b(?:useful|helpful|ideal|designed|intended|suitable|meant|good|best|great|perfect|applies|applicable|relevant)\s+(?:for|when|to|if|in)\b/,
  ].map((r) => r.source).join('|'),
  'i',
)

const rule: Rule = {
  id: 'description-when-to-use',
  severity: 'warn',
  docs: 'a description that never says when to use the skill (no "Use when…", "Use for…", "if the user…", "Trigger on…"): agents pick skills by description, and the spec asks it to say what the skill does and when to use it',
  checkSkill(skill, report) {
    const description = skill.data?.description
    if (typeof description !== 'string' || description.trim() === '') return // frontmatter-required's finding
    // the phrase list is English: a description mostly in another script cannot be judged by it
    if (/[^\x00-\x7f]/.test(description)) {
      const letters = description.match(/\p{L}/gu)?.length ?? 0
      const latin = description.match(/[A-Za-z]/g)?.length ?? 0
      if (latin < letters / 2) return
    }
    if (!WHEN_CLAUSE.test(description)) {
      report({
        message: 'description says what the skill does but not when to use it; add a clause such as "Use when …"',
        ...skill.position(['description']),
      })
    }
  },
}
export default rule
