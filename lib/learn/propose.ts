// Candidates → proposals: each edit applied to the skill's SKILL.md text (small and local: one
// line replaced, bullets added under "Gotchas", phrases added to the description, or a new
// skill folder), then a unified diff with 3 lines of context that `git apply` takes from the
// config folder. An edit that changes nothing (the bullet is already there, the line moved
// away) is no proposal.
import { createHash } from 'node:crypto'
import { isMap, isScalar, stringify } from 'yaml'
import { parseSkillFile } from '../skills/parse.js'
import type { Candidate } from './aggregate.js'
import type { Edit, Evidence, SignalId, SkillIndex } from './signals/types.js'

/** The Agent Skills standard's description limit. */
export const MAX_DESCRIPTION = 1024

export interface Proposal {
  id: string
  signal: SignalId
  skill: string
  /** the file the diff changes, relative to the config folder */
  target: string
  /** unified diff, 3 lines of context, `a/` and `b/` prefixes */
  diff: string
  confidence: number
  recurrence: number
  validated: boolean
  /** one line saying what the edit does */
  summary: string
  /** sha256 of the SKILL.md the diff was made against (null for a new skill) */
  skillHash: string | null
  evidence: Evidence[]
  /** the edit as data: `learn apply` re-applies an additive one (bullets, phrases) to a skill that changed since */
  edit: Edit
  /** the text came from the --llm command (the evidence and signal are still ours) */
  llm?: boolean
}

export const proposalId = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 8)
export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex')

const norm = (s: string) => s.toLowerCase().replace(/[`*_"']/g, '').replace(/\s+/g, ' ').trim()

/** `text` with one line's `from` replaced by `to`; the line is looked for again when it moved. */
function replaceLine(text: string, line: number, from: string, to: string): string | undefined {
  const lines = text.split('\n')
  let i = line - 1
  if (!lines[i]?.includes(from)) i = lines.findIndex((l) => l.includes(from))
  if (i < 0) return undefined
  lines[i] = lines[i]!.replace(from, () => to)
  return lines.join('\n')
}

const GOTCHAS = /^(#{1,6})\s+(gotchas|pitfalls|common (mistakes|pitfalls)|caveats|known issues)\s*:?\s*$/i

/** `text` with bullets added at the end of its Gotchas section, or a new section at the end. */
export function addGotchas(text: string, bullets: string[]): string | undefined {
  const have = norm(text)
  const fresh = bullets.filter((b) => !have.includes(norm(b)))
  if (fresh.length === 0) return undefined
  const items = fresh.map((b) => `- ${b.replace(/\s+/g, ' ').trim()}`)
  const lines = text.split('\n')
  let inFence = false
  let start = -1
  let level = 0
  let end = lines.length
  for (let i = 0; i < lines.length; i++) {
    if (/^\s{0,3}(```|~~~)/.test(lines[i]!)) inFence = !inFence
    if (inFence) continue
    const h = /^(#{1,6})\s/.exec(lines[i]!)
    if (start === -1) {
      const m = GOTCHAS.exec(lines[i]!)
      if (m) {
        start = i
        level = m[1]!.length
      }
    } else if (h && h[1]!.length <= level) {
      end = i
      break
    }
  }
  if (start === -1) {
    while (lines.length && lines[lines.length - 1] === '') lines.pop()
    return [...lines, '', '## Gotchas', '', ...items, ''].join('\n')
  }
  let last = end - 1
  while (last > start && lines[last]!.trim() === '') last--
  const gap = last === start ? [''] : []
  lines.splice(last + 1, 0, ...gap, ...items)
  return lines.join('\n')
}

/** `text` with phrases added to the frontmatter description, kept within 1,024 characters. */
export function addTriggers(text: string, phrases: string[]): string | undefined {
  const parsed = parseSkillFile(Buffer.from(text))
  const fm = parsed.frontmatter
  if (!fm || !isMap(fm.doc.contents)) return undefined
  const pair = fm.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'description')
  if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string' || !pair.value.range) return undefined
  const old = pair.value.value.trim()
  const have = norm(old)
  let fresh = phrases.map((p) => p.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim()).filter((p) => p && !have.includes(norm(p)))
  let next: string | undefined
  while (fresh.length) {
    const candidate = `${old}${/[.!?]$/.test(old) ? '' : '.'} Also use when asked to: ${fresh.join('; ')}.`
    if (candidate.length <= MAX_DESCRIPTION) {
      next = candidate
      break
    }
    fresh = fresh.slice(0, -1)
  }
  if (!next) return undefined
  // the frontmatter text starts on the line after the opening `---`
  const lines = text.split('\n')
  const base = lines.slice(0, fm.openLine).reduce((n, l) => n + l.length + 1, 0)
  const [start, end] = pair.value.range
  const rendered = stringify(next, { lineWidth: 0 }).trimEnd()
  // a block scalar's range runs to the next key: keep that line break
  const tail = fm.text.slice(start, end).endsWith('\n') ? '\n' : ''
  return text.slice(0, base + start) + rendered + tail + text.slice(base + end)
}

/** A new skill's SKILL.md: frontmatter, what it does, the steps as they were run. */
export function draftSkill(edit: Extract<Edit, { kind: 'new-skill' }>, recurrence: number): string {
  const title = edit.name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')
  const fm = stringify({ name: edit.name, description: edit.description }, { lineWidth: 0 })
  return [
    '---',
    fm.trimEnd(),
    '---',
    '',
    `# ${title}`,
    '',
    `Drafted by \`dotskills learn\` from a procedure run by hand in ${recurrence} sessions. Review the steps before use.`,
    '',
    '## Steps',
    '',
    ...edit.steps.map((s, i) => `${i + 1}. Run \`${s}\`.`),
    '',
  ].join('\n')
}

/** The new text a candidate's edit makes of a SKILL.md, or undefined when it changes nothing. */
export function applyEdit(text: string, edit: Edit): string | undefined {
  switch (edit.kind) {
    case 'replace':
      return replaceLine(text, edit.line, edit.from, edit.to)
    case 'gotcha':
      return addGotchas(text, edit.bullets)
    case 'triggers':
      return addTriggers(text, edit.phrases)
    case 'new-skill':
      return undefined
  }
}

/** A unified diff of one file, as `git diff` writes it (`/dev/null` for a new file). */
export async function unifiedDiff(rel: string, before: string | null, after: string): Promise<string> {
  const { structuredPatch } = await import('diff')
  const patch = structuredPatch(rel, rel, before ?? '', after, '', '', { context: 3 })
  const head = before === null ? [`--- /dev/null`, `+++ b/${rel}`] : [`--- a/${rel}`, `+++ b/${rel}`]
  const body = patch.hunks.flatMap((h) => {
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart
    return [`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`, ...h.lines]
  })
  return [...head, ...body, ''].join('\n')
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`

function summarize(c: Candidate): string {
  const e = c.edit
  switch (e.kind) {
    case 'replace':
      return c.signal === 'missing-file'
        ? `${c.skill}: fix the path \`${e.from}\` → \`${e.to}\` (line ${e.line})`
        : `${c.skill}: replace \`${e.from}\`, which failed, with \`${e.to}\`, which worked (line ${e.line})`
    case 'gotcha':
      return `${c.skill}: add ${plural(e.bullets.length, 'Gotchas bullet')} (${c.signal}, ${plural(c.recurrence, 'session')})`
    case 'triggers':
      return `${c.skill}: add trigger phrases to the description: ${e.phrases.join('; ')}`
    case 'new-skill':
      return `new skill "${e.name}": a procedure run by hand in ${plural(c.recurrence, 'session')}`
  }
}

export interface Draft {
  proposal: Proposal
  /** the file's text before (null: new) and after the edit */
  before: string | null
  after: string
}

/** A candidate as a proposal against the repo's skills; undefined when its edit changes nothing. */
export async function draft(c: Candidate, skills: SkillIndex, newSkillRoot: string): Promise<Draft | undefined> {
  let target: string
  let before: string | null
  let after: string | undefined
  let edit: Edit = c.edit
  if (c.edit.kind === 'new-skill') {
    if (skills.get(c.edit.name)) return undefined
    target = `${newSkillRoot ? newSkillRoot + '/' : ''}${c.edit.name}/SKILL.md`
    before = null
    after = draftSkill(c.edit, c.recurrence)
  } else {
    const skill = skills.get(c.skill)
    if (!skill) return undefined
    target = skill.rel
    before = skill.text
    // a correction is quoted as the user said it, marked as such: it is their rule, not ours
    if (c.edit.kind === 'gotcha' && c.signal === 'correction') edit = { kind: 'gotcha', bullets: c.edit.bullets.map((b) => `A user corrected the agent: "${b}"`) }
    after = applyEdit(skill.text, edit)
  }
  if (after === undefined || after === before) return undefined
  const proposal: Proposal = {
    id: proposalId(c.key),
    signal: c.signal,
    skill: c.skill,
    target,
    diff: await unifiedDiff(target, before, after),
    confidence: c.confidence,
    recurrence: c.recurrence,
    validated: c.validated,
    summary: summarize(c),
    skillHash: before === null ? null : textHash(before),
    evidence: c.evidence,
    edit,
  }
  return { proposal, before, after }
}
