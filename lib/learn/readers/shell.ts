// Helpers the agent readers share: safe access to odd JSON shapes, cutting tool output, the exit
// code inside an output text, the file a shell command reads (a SKILL.md read is a skill use), and
// sorted, forgiving folder walks for locate(). Nothing here throws on bad input.
import { readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { LogEvent, SkillUse } from '../types.js'

export type Obj = Record<string, unknown>

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
/** a finite number as an integer (logs have written integer fields as 1.0 and 1.5) */
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined)
export const obj = (v: unknown): Obj => (isObj(v) ? v : {})

/** JSON.parse that returns undefined instead of throwing */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Lone UTF-16 surrogates (seen in Copilot logs) become U+FFFD, so the text re-encodes cleanly. */
export const wellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')

export const OUTPUT_BYTES = 4096

/** Tool output cut to 4 KB of UTF-8, never splitting a character. */
export function cut(text: string, maxBytes = OUTPUT_BYTES): string {
  const clean = wellFormed(text)
  if (clean.length * 3 <= maxBytes || Buffer.byteLength(clean) <= maxBytes) return clean
  const { read } = new TextEncoder().encodeInto(clean, new Uint8Array(maxBytes))
  return clean.slice(0, read)
}

/** The text of a message's content: a string, or the `text` of each part of an array, joined. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const parts: string[] = []
  for (const part of content) {
    if (typeof part === 'string') parts.push(part)
    else if (isObj(part) && typeof part.text === 'string') parts.push(part.text)
  }
  return parts.join('\n')
}

/** An event without its undefined fields, so equal events compare equal. */
export function clean<T extends LogEvent>(event: T): T {
  for (const key of Object.keys(event) as (keyof T)[]) if (event[key] === undefined) delete event[key]
  return event
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key)

/**
 * `clean({ ...envelope, ...fields })` (same keys, same order, same values), built without the
 * spread: V8 (Node 20) takes a slow path for an object spread followed by more properties, some
 * 100x slower, and a log holds millions of events.
 */
export function event<E extends object, F extends { kind: LogEvent['kind']; how?: SkillUse['how'] }>(envelope: E, fields: F): E & F {
  const out: Record<string, unknown> = {}
  const env = envelope as Record<string, unknown>
  const add = fields as Record<string, unknown>
  for (const key in env) {
    const value = own(add, key) ? add[key] : env[key]
    if (value !== undefined) out[key] = value
  }
  for (const key in add) {
    if (own(env, key)) continue
    const value = add[key]
    if (value !== undefined) out[key] = value
  }
  return out as E & F
}

/** "plugin:name" → "name": a skill use names the skill, not its plugin. */
export const skillName = (name: string): string => name.slice(name.lastIndexOf(':') + 1).trim()

// ---------------------------------------------------------------------------------------------
// Exit codes inside output text

// Codex shell ("Exit code: 1"), Codex unified exec ("Process exited with code 1"), Gemini
// ("Exit Code: 1"), pi/OpenClaw bash ("Command exited with code 1"), Copilot ("<exited with exit code 1>").
const EXIT_CODE =
  /^[ \t]*exit[ _]code[ \t]*[:=][ \t]*(-?\d+)[ \t]*$|^[ \t]*process exited with code (-?\d+)|command exited with code (-?\d+)|<exited with exit code (-?\d+)>/gim

/** The exit code an output text reports, if any; `last` picks the last report (a trailer) instead of the first (a header). */
export function exitCodeFromText(text: string, which: 'first' | 'last' = 'first'): number | undefined {
  let found: number | undefined
  for (const m of text.matchAll(EXIT_CODE)) {
    const digits = m[1] ?? m[2] ?? m[3] ?? m[4]
    if (digits === undefined) continue
    found = Number(digits)
    if (which === 'first') break
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// Shell commands

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish'])

/** An argv as one command line; `bash -lc "<script>"` is the script itself. */
export function argvToCommand(argv: unknown): string | undefined {
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) return undefined
  const words = argv as string[]
  if (words.length >= 3 && SHELLS.has(basename(words[0])) && /^-[a-z]*c$/.test(words[1])) return words[2]
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ')
}

type Token = { word: string } | { op: string }

/** Split a command line into words and control operators (quotes and backslashes honoured; no expansion). */
function tokenize(command: string): Token[] {
  const out: Token[] = []
  let word = ''
  let inWord = false
  const end = () => {
    if (inWord) out.push({ word })
    word = ''
    inWord = false
  }
  for (let i = 0; i < command.length; i++) {
    const c = command[i]
    if (c === "'") {
      const close = command.indexOf("'", i + 1)
      const stop = close === -1 ? command.length : close
      word += command.slice(i + 1, stop)
      inWord = true
      i = stop
    } else if (c === '"') {
      inWord = true
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1])) i++
        word += command[i]
      }
    } else if (c === '\\' && i + 1 < command.length) {
      if (command[i + 1] !== '\n') {
        word += command[i + 1]
        inWord = true
      }
      i++
    } else if (c === '&' && (/[<>]$/.test(word) || command[i + 1] === '>')) {
      word += c // 2>&1, &>file: a redirection, not a background operator
      inWord = true
    } else if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      end()
      const two = command.slice(i, i + 2)
      if (two === '&&' || two === '||') i++
      out.push({ op: c === '\n' ? ';' : two === '&&' || two === '||' ? two : c })
    } else if (c === ' ' || c === '\t' || c === '\r') {
      end()
    } else if (c === '#' && !inWord) {
      while (i + 1 < command.length && command[i + 1] !== '\n') i++
    } else {
      word += c
      inWord = true
    }
  }
  end()
  return out
}

// Commands that print a file, and their options that take a value.
const READERS: Record<string, string[]> = {
  cat: [],
  bat: ['-l', '--language', '-r', '--line-range', '--style', '--theme'],
  batcat: ['-l', '--language', '-r', '--line-range', '--style', '--theme'],
  head: ['-n', '-c'],
  tail: ['-n', '-c'],
  less: [],
  more: [],
  nl: ['-b', '-s', '-v', '-w'],
  sed: ['-e', '-f'],
  awk: ['-f', '-v', '-F'],
  'Get-Content': ['-TotalCount', '-Tail', '-Head', '-Encoding'],
  gc: ['-TotalCount', '-Tail', '-Head'],
  type: [],
}
const PREFIXES = new Set(['sudo', 'command', 'exec', 'time', 'nice', 'nohup', 'env'])

/** The files a shell command prints (cat, sed -n, head, tail, less…), in order; [] when it prints none. */
export function filesRead(command: string): string[] {
  const files: string[] = []
  for (const words of simpleCommands(command)) {
    const name = basename(words[0]!)
    if (!Object.hasOwn(READERS, name)) continue
    const valued = READERS[name]!
    const operands: string[] = []
    let script = name === 'sed' || name === 'awk'
    for (let j = 1; j < words.length; j++) {
      const w = words[j]!
      if (w.startsWith('-') && w.length > 1) {
        // sed -e/-f and awk -f give the script as an option: every word left is a file
        if ((name === 'sed' && /^-[a-zA-Z]*[ef]$/.test(w)) || (name === 'awk' && w === '-f')) {
          script = false
          j++
        } else if (valued.includes(w)) j++
        continue
      }
      operands.push(w)
    }
    if (script) operands.shift()
    files.push(...operands)
  }
  return files
}

/**
 * The simple commands of a command line, each as its words, with redirections (`2>&1`, `>out`)
 * and leading `VAR=x`/`sudo`-style prefixes dropped: `cd x && git log -5 2>&1` → `cd x`, `git log -5`.
 * Subshell scripts (`bash -c "…"`) are opened up.
 */
export function simpleCommands(command: string, depth = 0): string[][] {
  const out: string[][] = []
  let words: string[] = []
  const segment = () => {
    let i = 0
    while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i]) || PREFIXES.has(words[i]))) i++
    const kept: string[] = []
    for (let j = i; j < words.length; j++) {
      const w = words[j]
      if (/^\d*(>>?|<)&?$/.test(w) || /^&>>?$/.test(w)) {
        j++ // a redirection and its target
        continue
      }
      if (/^\d*(>>?|<|&>)/.test(w)) continue
      kept.push(w)
    }
    // `bash -lc "<script>"`, `sh -e -c "<script>"`: the script's own commands
    const flag = kept.length && SHELLS.has(basename(kept[0]!)) ? kept.findIndex((w, j) => j > 0 && /^-[a-z]*c$/.test(w)) : -1
    if (flag !== -1 && kept[flag + 1] !== undefined && depth < 3) out.push(...simpleCommands(kept[flag + 1]!, depth + 1))
    else if (kept.length) out.push(kept)
    words = []
  }
  for (const token of tokenize(command)) {
    if ('op' in token) segment()
    else words.push(token.word)
  }
  segment()
  return out
}

/** The skill a path names when it is a SKILL.md: the folder holding it; `underSkills` also requires a `skills/` folder above. */
export function skillOfPath(path: string, underSkills = true): string | undefined {
  const p = path.replace(/\\/g, '/')
  if (basename(p) !== 'SKILL.md') return undefined
  const name = basename(dirname(p))
  if (!name || name === '.' || name === '..' || name === '/' || name === '~') return undefined
  if (underSkills && !/(^|\/)skills\/(.*\/)?[^/]+\/SKILL\.md$/.test(p)) return undefined
  return name
}

/** The first `…/skills/<name>/SKILL.md` a shell command prints, with the skill's name. */
export function skillRead(command: string): { name: string; path: string } | undefined {
  for (const file of filesRead(command)) {
    const name = skillOfPath(file)
    if (name) return { name, path: file }
  }
  return undefined
}

/** `$name …` at the start of a prompt: a Codex skill mention. `$HOME`-style names are variables, not skills. */
export function dollarSkill(text: string): string | undefined {
  const m = /^\s*\$([A-Za-z0-9][\w.:-]*)/.exec(text)
  if (!m) return undefined
  const name = m[1].replace(/[.:]+$/, '')
  if (/^[A-Z0-9_]+$/.test(name)) return undefined
  return skillName(name) || undefined
}

// ---------------------------------------------------------------------------------------------
// Folder walks for locate()

/** A folder's entry names, sorted; [] when it is missing or unreadable. */
export function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Files under `dir` (depth-first, sorted, at most `depth` folders down) whose name passes `keep`. */
export function walk(dir: string, keep: (name: string) => boolean, depth = 8): string[] {
  const out: string[] = []
  for (const name of entries(dir)) {
    const path = join(dir, name)
    if (isDir(path)) {
      if (depth > 0) out.push(...walk(path, keep, depth - 1))
    } else if (keep(name) && isFile(path)) out.push(path)
  }
  return out
}

/** A folder named by an environment variable (`~` expanded against home), or the default under home. */
export function envDir(value: string | undefined, home: string, fallback: string): string {
  if (value && value.trim() !== '') {
    const v = value.trim()
    if (v === '~') return resolve(home)
    if (v.startsWith('~/')) return resolve(home, v.slice(2))
    return resolve(v)
  }
  return join(home, fallback)
}
