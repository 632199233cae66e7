// The repo's own skills as `learn` needs them: what each tells the agent to run, which files it
// points at, and how a skill use in a log maps back to the SKILL.md in the dotfiles repo (never
// an installed copy, never a read-only source).
import { readFileSync } from 'node:fs'
import { basename, relative, sep } from 'node:path'
import { parseSkillFile } from '../skills/parse.js'
import type { PrescribedCommand, SkillIndex, SkillRef } from './signals/types.js'

/** Fence languages that hold shell commands; an unlabelled fence counts too. */
const SHELL_FENCES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'powershell', 'ps1', 'cmd'])
/** An inline span that reads as a command: a program name, then at least one argument. */
const COMMAND_SPAN = /^[a-z][\w.+-]*(?: +\S+)+$/
/** Words that start prose or code, not commands, in inline spans such as `if x then y`. */
const NOT_PROGRAMS = new Set(['a', 'an', 'the', 'if', 'for', 'while', 'return', 'const', 'let', 'var', 'function', 'import', 'export', 'from', 'def', 'class', 'new', 'not', 'and', 'or', 'is', 'true', 'false', 'null', 'type', 'interface'])
const BUNDLED_PATH = /(?:^|[\s(`'"])((?:\.\/)?(?:scripts|references|reference|assets|templates|examples|bin|docs)\/[\w./-]*\w)/g
const MD_LINK = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g

/** Commands and references in a SKILL.md's body. `firstLine` is the body's first file line. */
export function scanBody(body: string, firstLine: number): { commands: PrescribedCommand[]; references: { path: string; line: number }[] } {
  const commands: PrescribedCommand[] = []
  const references: { path: string; line: number }[] = []
  const lines = body.split('\n')
  let fence: { marker: string; shell: boolean } | undefined
  let continued = ''
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    const line = firstLine + i
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(raw)
    if (fence) {
      if (open && open[1]!.startsWith(fence.marker) && !open[2]) {
        fence = undefined
        continue
      }
      if (!fence.shell) continue
      let cmd = raw.trim().replace(/^\$\s+/, '')
      if (!cmd || cmd.startsWith('#')) continue
      if (continued) cmd = continued + ' ' + cmd
      if (cmd.endsWith('\\')) {
        continued = cmd.slice(0, -1).trim()
        continue
      }
      continued = ''
      commands.push({ text: cmd, line: line, dynamic: false })
      continue
    }
    if (open) {
      fence = { marker: open[1]!, shell: SHELL_FENCES.has(open[2]!.toLowerCase()) }
      continue
    }
    // `!`cmd``: Claude Code runs it while loading the skill (dynamic context)
    for (const m of raw.matchAll(/!`([^`]+)`/g)) commands.push({ text: m[1]!.trim(), line, dynamic: true })
    for (const m of raw.matchAll(/(?<![!`])`([^`\n]+)`(?!`)/g)) {
      const span = m[1]!.trim().replace(/^\$\s+/, '')
      if (COMMAND_SPAN.test(span) && !NOT_PROGRAMS.has(span.split(' ')[0]!)) commands.push({ text: span, line, dynamic: false })
    }
    for (const m of raw.matchAll(MD_LINK)) {
      const target = m[1]!.split('#')[0]!
      if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/')) references.push({ path: target.replace(/^\.\//, ''), line })
    }
    for (const m of raw.matchAll(BUNDLED_PATH)) {
      const path = m[1]!.replace(/^\.\//, '')
      if (!references.some((r) => r.path === path && r.line === line)) references.push({ path, line })
    }
  }
  return { commands, references }
}

/** Read one skill folder's SKILL.md into a SkillRef. */
export function readSkill(dir: string, file: string, configDir: string): SkillRef {
  const bytes = readFileSync(file)
  const parsed = parseSkillFile(bytes)
  const data = parsed.frontmatter?.data as Record<string, unknown> | undefined
  const name = typeof data?.name === 'string' ? data.name : basename(dir)
  const description = typeof data?.description === 'string' ? data.description : ''
  const { commands, references } = scanBody(parsed.body, parsed.bodyLine)
  return { name, dir, file, rel: relative(configDir, file).split(sep).join('/'), text: bytes.toString('utf8'), description, commands, references }
}

export function skillIndex(skills: SkillRef[]): SkillIndex {
  const byName = new Map<string, SkillRef>()
  for (const s of skills) {
    byName.set(s.name, s)
    byName.set(basename(s.dir), s)
  }
  const byPath = (path: string): SkillRef | undefined => {
    const norm = path.replace(/\\/g, '/')
    for (const s of skills) {
      const dir = s.dir.split(sep).join('/')
      if (norm === dir || norm.startsWith(dir + '/')) return s
    }
    // an installed copy or another checkout: `…/<name>/SKILL.md`, or a file under `…/skills/<name>/`
    const parts = norm.split('/')
    for (let i = parts.length - 1; i >= 0; i--) {
      const s = byName.get(parts[i]!)
      if (!s) continue
      if (parts[i + 1] === 'SKILL.md' || parts[i - 1] === 'skills') return s
    }
    return undefined
  }
  return {
    skills,
    get: (name) => byName.get(name),
    byPath,
    link(use) {
      const name = use.name.includes(':') ? use.name.slice(use.name.lastIndexOf(':') + 1) : use.name
      return byName.get(name.replace(/^[/$]/, '')) ?? (use.path ? byPath(use.path) : undefined)
    },
  }
}
