// Claude Code session logs (session-logs.md §2.1): `<root>/projects/<escaped-cwd>/<sessionId>.jsonl`,
// subagents in `<sessionId>/subagents/agent-*.jsonl`. One JSON record a line, typed by `type`;
// the `user` role carries the human's prompts but also tool results, skill bodies, slash-command
// expansions, reminders and compaction summaries, so each is told apart here. Assistant output is
// written one content block per line sharing `message.id`; a block is emitted once.
import { createHash } from 'node:crypto'
import { readdirSync, realpathSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { jsonLines, type Prefilter } from '../lines.js'
import type { EventBase, LogEvent, LogReader, ReadCounts, SkillUse } from '../types.js'
import { isObj, str, type Obj } from './shell.js'

/** Record types this reader knows; any other `type` is counted as unknown. */
const KNOWN_TYPES = new Set([
  'user',
  'assistant',
  'system',
  'attachment',
  'progress',
  'summary',
  'file-history-snapshot',
  'queue-operation',
  'custom-title',
  'ai-title',
  'agent-name',
  'last-prompt',
  'pr-link',
  'permission-mode',
  'agent-setting',
  'bridge-session',
  'worktree-state',
])

/** Records that are nodes of the uuid/parentUuid graph and carry the envelope (version, cwd). */
const GRAPH_TYPES = new Set(['user', 'assistant', 'system', 'attachment', 'progress'])

/** Known records that give no event: read() passes over them without looking inside. */
const IGNORED_TYPES = new Set([...KNOWN_TYPES].filter((t) => !GRAPH_TYPES.has(t)))

/**
 * Claude Code's own slash commands: typing one is not a skill use. Plugin commands are namespaced
 * (`plugin:name`) and never match.
 */
const BUILT_IN_COMMANDS = new Set([
  'add-dir', 'agents', 'bashes', 'bug', 'chrome', 'clear', 'compact', 'config', 'context', 'continue', 'cost',
  'doctor', 'exit', 'export', 'extra-usage', 'fast', 'feedback', 'help', 'hooks', 'ide', 'init', 'insights',
  'install-github-app', 'keybindings', 'login', 'logout', 'mcp', 'memory', 'migrate-installer', 'model',
  'output-style', 'permissions', 'plugin', 'plugins', 'pr-comments', 'privacy-settings', 'quit', 'release-notes',
  'reload-plugins', 'rename', 'resume', 'review', 'rewind', 'sandbox', 'security-review', 'skills', 'stats',
  'status', 'statusline', 'tasks', 'terminal-setup', 'theme', 'todos', 'upgrade', 'usage', 'vim',
])

/** Tool output kept per result. */
export const MAX_OUTPUT_CHARS = 4096

const SKILL_BASE = 'Base directory for this skill:'
const INTERRUPT = '[Request interrupted by user'
const REJECTED_TEXT = /The user doesn't want to (?:proceed with this tool use|take this action)|tool use was rejected/
/** User-role text that the harness wrote, recognised by how it starts. */
const INJECTED_PREFIX = /^\s*(?:<(?:system-reminder|task-notification|local-command-caveat|user-prompt-submit-hook|bash-input|bash-stdout|bash-stderr|user-memory-input)>|Caveat:)/
const COMMAND_PREFIX = /^\s*<command-(?:name|message|args)>/
const COMMAND_OUTPUT_PREFIX = /^\s*<local-command-(?:stdout|stderr)>/
const COMMAND_NAME = /<command-name>\s*\/?([^<\s]+)\s*<\/command-name>/

/** What every event of this reader carries */
type Envelope = EventBase & { agent: 'claude-code' }

/** `plugin:skill` → `skill`; a leading `/` dropped. */
const bareName = (name: string): string => name.replace(/^\//, '').split(':').pop() ?? name

const lastSegment = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path

const cut = (text: string): string => {
  if (text.length <= MAX_OUTPUT_CHARS) return text
  let end = MAX_OUTPUT_CHARS
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end-- // never split a surrogate pair
  return text.slice(0, end)
}

/** The text of a message or tool-result `content`: a string or blocks; other shapes give ''. */
const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const parts: string[] = []
  for (const b of content) {
    if (typeof b === 'string') parts.push(b)
    else if (isObj(b) && b.type === 'text' && typeof b.text === 'string') parts.push(b.text)
    else if (isObj(b) && b.type === 'image') parts.push('[image]')
  }
  return parts.join('\n')
}

const hash = (text: string): string => createHash('sha1').update(text).digest('base64')

/** `Base directory for this skill: <dir>\n\n<body>` → the skill's name, SKILL.md path and body. */
const skillBody = (text: string): { name: string; path: string; body: string } | undefined => {
  const start = text.indexOf(SKILL_BASE)
  if (start === -1 || text.slice(0, start).trim() !== '') return undefined
  const rest = text.slice(start + SKILL_BASE.length)
  const nl = rest.indexOf('\n')
  const dir = (nl === -1 ? rest : rest.slice(0, nl)).trim().replace(/[\\/]+$/, '')
  if (!dir) return undefined
  const body = nl === -1 ? '' : rest.slice(nl + 1).replace(/^(?:\r?\n)+/, '')
  const sep = !dir.includes('/') && dir.includes('\\') ? '\\' : '/'
  return { name: lastSegment(dir), path: `${dir}${sep}SKILL.md`, body }
}

function walk(dir: string, out: Set<string>, seenDirs: Set<string>): void {
  let real: string
  try {
    real = realpathSync(dir)
  } catch {
    return
  }
  if (seenDirs.has(real)) return // the same folder reached twice (a root listed twice, a symlink loop)
  seenDirs.add(real)
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const p = join(dir, e.name)
    let isDir = e.isDirectory()
    let isFile = e.isFile()
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(p)
        isDir = st.isDirectory()
        isFile = st.isFile()
      } catch {
        continue
      }
    }
    if (isDir) walk(p, out, seenDirs)
    else if (isFile && e.name.endsWith('.jsonl')) out.add(p)
  }
}

/** The config roots whose `projects/` hold logs: ~/.claude, ~/.config/claude, each CLAUDE_CONFIG_DIR entry. */
export function claudeRoots(home: string, env: NodeJS.ProcessEnv): string[] {
  const roots = [join(home, '.claude'), join(home, '.config', 'claude')]
  for (const raw of (env.CLAUDE_CONFIG_DIR ?? '').split(',')) {
    const r = raw.trim()
    if (!r) continue
    roots.push(resolve(r === '~' ? home : r.startsWith('~/') ? join(home, r.slice(2)) : r))
  }
  return [...new Set(roots.map((r) => resolve(r)))]
}

function locate(home: string, env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>()
  const seenDirs = new Set<string>()
  for (const root of claudeRoots(home, env)) walk(join(root, 'projects'), out, seenDirs)
  return [...out].sort()
}

function detect(first: unknown, path: string): boolean {
  if (!isObj(first) || typeof first.type !== 'string' || !KNOWN_TYPES.has(first.type)) return false
  const type = first.type
  if (GRAPH_TYPES.has(type)) return typeof first.uuid === 'string' || typeof first.sessionId === 'string'
  if (type === 'summary') return typeof first.summary === 'string' || typeof first.leafUuid === 'string'
  if (type === 'file-history-snapshot') return isObj(first.snapshot) || typeof first.messageId === 'string'
  if (type === 'queue-operation') return typeof first.operation === 'string'
  if (typeof first.sessionId === 'string') return true
  return /[\\/]projects[\\/]/.test(path)
}

async function* read(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const file = resolve(path)
  const fileIsSubagent = file.split(/[\\/]/).slice(0, -1).includes('subagents')
  const fallbackSession = lastSegment(file).replace(/\.jsonl$/, '')
  let currentSession = fallbackSession
  const sessions = new Set<string>()
  /** assistant blocks and tool results already emitted, and user records already read */
  const seenBlocks = new Set<string>()
  const seenResults = new Set<string>()
  const seenUserRecords = new Set<string>()
  /** a typed /name waits one record for its expansion (the skill body) */
  let pendingSlash: { event: SkillUse; uuid?: string } | undefined
  // What read() passes over is never parsed (a third of a log's bytes are progress records, and
  // as many again are `toolUseResult`s, which repeat the tool output): records of the ignored
  // types; progress records, unless they open a session; `toolUseResult` unless it is a string
  // (only the string 'User rejected tool use' is looked at).
  const prefilter: Prefilter = {
    keys: ['type', 'sessionId'],
    skip: ([type, sessionId]) =>
      typeof type === 'string' && (IGNORED_TYPES.has(type) || (type === 'progress' && (typeof sessionId !== 'string' || sessions.has(sessionId)))),
    blank: ['toolUseResult'],
  }

  for await (const { line, value } of jsonLines(file, counts, undefined, prefilter)) {
    if (!isObj(value) || typeof value.type !== 'string' || !KNOWN_TYPES.has(value.type)) {
      counts.unknownType++
      continue
    }
    const v = value
    const type = value.type
    if (!GRAPH_TYPES.has(type) || type === 'progress') {
      // progress still opens a session (it is often the first record); nothing else here does
      if (type === 'progress' && typeof v.sessionId === 'string' && !sessions.has(v.sessionId)) {
        sessions.add(v.sessionId)
        currentSession = v.sessionId
        yield session(v, line)
      }
      continue
    }

    const sidechain = v.isSidechain === true
    const sessionId = str(v.sessionId) ?? currentSession
    currentSession = sessionId
    if (!sessions.has(sessionId)) {
      sessions.add(sessionId)
      yield session(v, line)
    }

    const msg = isObj(v.message) ? v.message : undefined
    const expansion = pendingSlash && type === 'user' && isSlashExpansion(v, msg, pendingSlash.uuid)
    if (pendingSlash && !expansion) {
      yield pendingSlash.event
      pendingSlash = undefined
    }

    if (type === 'system') {
      if (v.subtype === 'compact_boundary') yield event(v, line, { kind: 'compaction' })
      continue
    }

    if (type === 'attachment') {
      const att = isObj(v.attachment) ? v.attachment : undefined
      if (att?.type === 'invoked_skills' && Array.isArray(att.skills)) {
        for (const s of att.skills) {
          if (!isObj(s) || typeof s.name !== 'string' || !s.name) continue
          const p = str(s.path)
          const body = str(s.content)
          yield Object.assign(
            base(v, line),
            { kind: 'skill-use' as const, name: bareName(s.name), how: 'injected' as const },
            p && /[\\/]/.test(p) ? { path: p } : {},
            body !== undefined ? { body } : {},
          )
        }
      }
      continue
    }

    if (!msg) continue

    if (type === 'assistant') {
      const content = typeof msg.content === 'string' ? [{ type: 'text', text: msg.content }] : msg.content
      if (!Array.isArray(content)) continue
      const messageKey = str(msg.id) ?? str(v.uuid) ?? `line ${line}`
      for (const b of content) {
        if (!isObj(b)) continue
        if (b.type === 'text' && typeof b.text === 'string' && b.text.trim() !== '') {
          const key = `${messageKey}\0text\0${hash(b.text)}`
          if (seenBlocks.has(key)) continue
          seenBlocks.add(key)
          yield event(v, line, { kind: 'assistant', text: b.text })
        } else if (b.type === 'tool_use' && typeof b.id === 'string' && typeof b.name === 'string') {
          const key = `${messageKey}\0tool\0${b.id}`
          if (seenBlocks.has(key)) continue
          seenBlocks.add(key)
          const input = isObj(b.input) ? b.input : undefined
          const command = b.name === 'Bash' ? str(input?.command) : undefined
          const readPath = b.name === 'Read' ? str(input?.file_path) : undefined
          yield Object.assign(
            base(v, line),
            { kind: 'tool-call' as const, id: b.id, name: b.name, input: b.input },
            command !== undefined ? { command } : {},
            readPath !== undefined ? { readPath } : {},
          )
          if (b.name === 'Skill') {
            // `skill` since 2.0.x; the first Skill tool took `command`
            const skill = str(input?.skill) ?? str(input?.command)
            if (skill && bareName(skill)) yield event(v, line, { kind: 'skill-use', name: bareName(skill), how: 'tool' })
          }
          if (readPath && /(^|[\\/])SKILL\.md$/.test(readPath)) {
            const dir = readPath.replace(/[\\/]?SKILL\.md$/, '')
            if (dir) yield event(v, line, { kind: 'skill-use', name: lastSegment(dir), how: 'read', path: readPath })
          }
        }
      }
      continue
    }

    // type === 'user'
    const uuid = str(v.uuid)
    if (uuid) {
      if (seenUserRecords.has(uuid)) continue // the same record written twice
      seenUserRecords.add(uuid)
    }
    if (v.isCompactSummary === true) {
      yield event(v, line, { kind: 'compaction', summary: contentText(msg.content) })
      continue
    }
    const content = typeof msg.content === 'string' ? [{ type: 'text', text: msg.content }] : msg.content
    if (!Array.isArray(content)) continue

    if (expansion && pendingSlash) {
      const text = contentText(content)
      const skill = skillBody(text)
      pendingSlash.event.body = skill ? skill.body : text
      if (skill) pendingSlash.event.path = skill.path
      yield pendingSlash.event
      pendingSlash = undefined
      yield event(v, line, { kind: 'injected', text, why: skill ? 'skill-body' : 'command' })
      continue
    }

    const meta = v.isMeta === true || typeof v.sourceToolUseID === 'string'
    for (const b of content) {
      if (!isObj(b)) continue
      if (b.type === 'tool_result') {
        const id = str(b.tool_use_id)
        if (!id || seenResults.has(id)) continue
        seenResults.add(id)
        const full = contentText(b.content)
        const failed = b.is_error === true
        const rejected = v.toolUseResult === 'User rejected tool use' || (failed && REJECTED_TEXT.test(full.slice(0, 500)))
        const exit = /^Exit code (\d+)\b/.exec(full.trimStart())
        // nested: Object.assign is typed for at most three sources (beyond that it returns any)
        yield Object.assign(
          Object.assign(base(v, line), { kind: 'tool-result' as const, id, ok: !failed }, exit ? { exitCode: Number(exit[1]) } : {}),
          { output: cut(full) },
          rejected ? { rejected: true } : {},
        )
        continue
      }
      if (b.type !== 'text' || typeof b.text !== 'string' || b.text.trim() === '') continue
      const text = b.text
      if (text.trimStart().startsWith(INTERRUPT)) {
        yield event(v, line, { kind: 'interrupt' })
        continue
      }
      const skill = meta ? skillBody(text) : undefined
      if (skill) {
        yield event(v, line, { kind: 'skill-use', name: skill.name, how: 'injected', path: skill.path, body: skill.body })
        yield event(v, line, { kind: 'injected', text, why: 'skill-body' })
        continue
      }
      if (COMMAND_PREFIX.test(text)) {
        const name = COMMAND_NAME.exec(text)?.[1]
        if (name && !BUILT_IN_COMMANDS.has(name) && bareName(name)) {
          pendingSlash = { event: event(v, line, { kind: 'skill-use', name: bareName(name), how: 'slash' }), uuid }
        }
        yield event(v, line, { kind: 'injected', text, why: 'command' })
        continue
      }
      if (COMMAND_OUTPUT_PREFIX.test(text)) {
        yield event(v, line, { kind: 'injected', text, why: 'command' })
        continue
      }
      if (meta || INJECTED_PREFIX.test(text)) {
        yield event(v, line, { kind: 'injected', text, why: 'meta' })
        continue
      }
      if (sidechain) {
        // the prompt a parent agent gave its subagent (or the compaction agent its task)
        yield event(v, line, { kind: 'injected', text, why: 'subagent-prompt' })
        continue
      }
      yield event(v, line, { kind: 'human', text })
    }
  }
  if (pendingSlash) yield pendingSlash.event

  // Events are built with Object.assign, not `{ ...base, kind }`: V8 (Node 20) takes a slow path
  // for a spread followed by more properties, ~100x slower, and a log holds millions of events.
  // The keys come in the same order: the envelope's, then the event's.

  /** The envelope of every event from record `v` (optional fields only when the record has them). */
  function base(v: Obj, line: number): Envelope {
    const env: Envelope = { agent: 'claude-code', file, line, sessionId: str(v.sessionId) ?? currentSession }
    const timestamp = str(v.timestamp)
    if (timestamp !== undefined) env.timestamp = timestamp
    const cwd = str(v.cwd)
    if (cwd !== undefined) env.cwd = cwd
    if (fileIsSubagent || v.isSidechain === true) env.subagent = true
    return env
  }

  function event<T extends { kind: LogEvent['kind'] }>(v: Obj, line: number, fields: T): Envelope & T {
    return Object.assign(base(v, line), fields)
  }

  function session(v: Obj, line: number) {
    const version = str(v.version)
    return Object.assign(base(v, line), { kind: 'session' as const }, version ? { version } : {})
  }
}

/** The record right after a typed /name that holds what it expanded to (the command's or skill's body). */
function isSlashExpansion(v: Obj, msg: Obj | undefined, commandUuid: string | undefined): boolean {
  if (v.isMeta !== true || typeof v.sourceToolUseID === 'string' || !msg) return false
  const parent = str(v.parentUuid)
  if (commandUuid && parent && parent !== commandUuid) return false
  if (Array.isArray(msg.content) && msg.content.some((b) => isObj(b) && b.type === 'tool_result')) return false
  const text = contentText(msg.content)
  return text.trim() !== '' && !INJECTED_PREFIX.test(text) && !COMMAND_OUTPUT_PREFIX.test(text) && !COMMAND_PREFIX.test(text) && !text.trimStart().startsWith(INTERRUPT)
}

export const claudeCode: LogReader = {
  agent: 'claude-code',
  detect,
  locate,
  read,
}
