import { statSync } from 'node:fs'
import { posix, resolve } from 'node:path'
import type { LintSkill, Rule } from '../types.js'
import { codeSpans, findLinks, inInlineCode, maskCode } from './markdown.js'
import { positionsIn } from './text-position.js'

/** Not paths in the skill: URLs (any scheme, also `C:`), anchors, absolute and home paths. */
const NOT_RELATIVE = /^(?:[a-z][a-z0-9+.-]*:|#|\/|\\|~)/i
/** Template placeholders (`{{x}}`, `${X}`, `{baseDir}`, `<name>`, `$DIR`) and globs: not literal paths. */
const PLACEHOLDER = /[{}<>$*]/
/** An inline code span that is nothing but a file path in one of the spec's conventional folders. */
const CONVENTIONAL_FILE = /^(?:\.\/)?(?:scripts|references|assets)\/[^\s*?{}<>$[\]|'"`]+\.[a-z0-9]{1,10}$/i
/** `references/filename.md`: prose about the naming scheme, not a file (seen in real skills). */
const GENERIC_NAME = /\/(?:file(?:name)?|name|path|foo|bar|example|x+|your[-_][^/]*)\.[^./]+$/i

const rule: Rule = {
  id: 'links-exist',
  severity: 'error',
  docs: 'relative links, images and file paths in SKILL.md (`[t](references/x.md)`, `scripts/run.py`) must exist in the skill folder; a missing file is a dead end for the agent',
  checkSkill(skill, report) {
    const { body } = skill.parsed
    // cheap exit before masking code: a body with no link syntax and no conventional-folder
    // path in backticks has nothing this rule could report
    if (!body.includes('](') && !body.includes(']:') && !/`(?:\.\/)?(?:scripts|references|assets)\//i.test(body)) return
    const prose = maskCode(body)
    const position = positionsIn(skill.parsed.body, skill.parsed.bodyLine)
    const paths = skillPaths(skill)
    for (const link of findLinks(prose)) {
      if (inInlineCode(prose, link.offset)) continue
      const target = linkPath(link.target)
      const problem = target === undefined ? undefined : targetProblem(skill, paths, target)
      if (problem) report({ message: `link target "${link.target}" ${problem}`, ...position(link.offset) })
    }
    for (const span of body.includes('`') ? codeSpans(prose) : []) {
      if (!CONVENTIONAL_FILE.test(span.text) || GENERIC_NAME.test(span.text)) continue
      const problem = targetProblem(skill, paths, span.text)
      if (problem) report({ message: `referenced file "${span.text}" ${problem}`, ...position(span.offset) })
    }
  },
}
export default rule

interface SkillPaths {
  exact: Set<string>
  /** lowercased → real path, to tell "wrong case" from "missing" */
  folded: Map<string, string>
}

/** Every file of the skill and every folder above one, relative to the skill folder. */
function skillPaths(skill: LintSkill): SkillPaths {
  const exact = new Set<string>(['.'])
  for (const f of skill.files) {
    // `x.md.hbs` is rendered to `x.md` at install: links name the rendered file
    const parts = f.rel.replace(/\.hbs$/, '').split('/')
    for (let i = 1; i <= parts.length; i++) exact.add(parts.slice(0, i).join('/'))
  }
  const folded = new Map<string, string>()
  for (const p of exact) folded.set(p.toLowerCase(), p)
  return { exact, folded }
}

/** The skill-relative path a link destination names, or undefined when it is not a local path. */
function linkPath(raw: string): string | undefined {
  let target = raw.trim()
  if (target === '' || NOT_RELATIVE.test(target) || PLACEHOLDER.test(target)) return undefined
  target = target.replace(/[#?].*$/s, '').replace(/\\([!-/:-@[-`{-~])/g, '$1')
  try {
    target = decodeURIComponent(target)
  } catch {
    // a stray `%` is a literal character in the file name
  }
  return target === '' ? undefined : target
}

/** What is wrong with a skill-relative target, or undefined when it resolves inside the skill. */
function targetProblem(skill: LintSkill, paths: SkillPaths, target: string): string | undefined {
  const rel = posix.normalize(target).replace(/\/+$/, '') || '.'
  if (paths.exact.has(rel)) return undefined
  const outside = rel === '..' || rel.startsWith('../')
  const other = paths.folded.get(rel.toLowerCase())
  if (!outside && other) return `differs in case from "${other}"; it breaks on case-sensitive file systems`
  // Not among the skill's own files: it may still be inside a nested skill, a skipped folder
  // (node_modules) or a symlinked folder, or outside the skill. Only these few go to the disk.
  const exists = existsOnDisk(resolve(skill.dir, rel))
  if (outside) {
    return `${exists ? '' : 'does not exist and '}points outside the skill folder; it breaks when the skill is installed on its own`
  }
  return exists ? undefined : 'does not exist in the skill folder'
}

function existsOnDisk(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}
