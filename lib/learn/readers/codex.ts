// Codex CLI rollouts (session-logs.md §2.2): `${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-*.jsonl`
// and `archived_sessions/`. Lines are `{timestamp, type, payload}`; ≈0.3x files start with a bare
// `{id, timestamp, cwd…}` header and hold bare response items and `{"record_type":"state"}` lines.
//
// The human's words are `event_msg user_message`. Codex also records the same words as a
// user-role `response_item message` (just before the event in 0.104, just after in other builds),
// next to the injected context (`<environment_context>`, `# AGENTS.md instructions…`, `<skill>`
// bodies, developer messages). So an untagged user-role item is held until the next user_message:
// the same text drops it (one human message, not two); otherwise it is the human only in files
// with no user_message at all (0.3x, and `history_mode: paginated`), and injected text elsewhere.
//
// One use, one event: a `$name` prompt and the `<skill>` body Codex injects for it (before or after
// the prompt) are one skill-use (how:'injected' with path and body when the body comes first,
// 'dollar' otherwise); `compacted` and the `context_compacted` written with it are one compaction.
// A result's ok is its exit code (a JSON `metadata.exit_code`, or an `Exit code: N` / `Process
// exited with code N` header line); without one, an explicit `success` field; else unknown.
// Unknown top-level types and response item types are counted; event_msg subtypes we do not use
// (agent_message, token_count, task_*…) are known: they repeat or annotate response items.
import { basename, join, resolve } from 'node:path'
import { jsonLines } from '../lines.js'
import type { Compaction, LogEvent, LogReader, ReadCounts } from '../types.js'
import {
  argvToCommand,
  clean,
  cut,
  dollarSkill,
  envDir,
  event,
  exitCodeFromText,
  filesRead,
  int,
  isObj,
  obj,
  parseJson,
  skillName,
  skillOfPath,
  skillRead,
  str,
  textOf,
  walk,
  type Obj,
} from './shell.js'

const TOP_TYPES = new Set(['session_meta', 'turn_context', 'response_item', 'event_msg', 'compacted'])
const ITEM_TYPES = new Set([
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'reasoning',
  'web_search_call',
  'ghost_snapshot',
  'compaction',
  'compaction_summary',
])
const SKIPPED_ITEMS = new Set(['reasoning', 'web_search_call', 'ghost_snapshot', 'compaction', 'compaction_summary'])

/** why a user-role text is not the human: Codex's context fragments start with a tag or the AGENTS.md header */
function injectedWhy(text: string): string | undefined {
  const t = text.trimStart()
  if (t.startsWith('<environment_context>')) return 'environment'
  if (t.startsWith('<skill>') || t.startsWith('<skill ')) return 'skill-body'
  if (t.startsWith('# AGENTS.md instructions') || t.startsWith('<user_instructions>')) return 'instructions'
  if (t.startsWith('<user_shell_command>')) return 'command'
  if (/^<[a-z][\w-]*>/i.test(t)) return 'meta'
  return undefined
}

/** `<skill>\n<name>N</name>\n<path>P</path>\nbody\n</skill>` */
function skillBlock(text: string): { name: string; path?: string; body?: string } | undefined {
  const m = /^\s*<skill>\s*<name>([^<]*)<\/name>\s*(?:<path>([^<]*)<\/path>\s*)?([\s\S]*?)(?:<\/skill>\s*)?$/.exec(text)
  if (!m || !m[1].trim()) return undefined
  return { name: skillName(m[1]), path: m[2]?.trim() || undefined, body: m[3] || undefined }
}

/** A function_call's command: `shell` argv, `exec_command` cmd, `shell_command` command string. */
function commandOf(args: unknown): string | undefined {
  if (!isObj(args)) return undefined
  if (typeof args.cmd === 'string') return args.cmd
  if (typeof args.command === 'string') return args.command
  return argvToCommand(args.command)
}

/** The text and exit code of a tool output: a JSON `{output, metadata:{exit_code}}` string, a text with an exit-code header, `{content, success}`, or content parts. */
function parseOutput(raw: unknown): { text: string; exitCode?: number; success?: boolean } {
  let success: boolean | undefined
  let value = raw
  if (isObj(value) && !Array.isArray(value)) {
    if (typeof value.success === 'boolean') success = value.success
    value = value.content ?? value.output ?? ''
  }
  if (Array.isArray(value)) value = textOf(value)
  if (typeof value !== 'string') return { text: '', success }
  const text = value
  if (text.trimStart().startsWith('{')) {
    const json = parseJson(text)
    if (isObj(json) && typeof json.output === 'string') {
      const exitCode = int(obj(json.metadata).exit_code)
      return { text: json.output, exitCode, success }
    }
  }
  // the exit code is in the header, before an "Output:" line; the command's own output may say anything
  const header = text.split(/^Output:[ \t]*$/m)[0]
  return { text, exitCode: exitCodeFromText(header), success }
}

function locate(home: string, env: NodeJS.ProcessEnv): string[] {
  const root = envDir(env.CODEX_HOME, home, '.codex')
  const keep = (name: string) => name.startsWith('rollout-') && name.endsWith('.jsonl')
  const active = walk(join(root, 'sessions'), keep)
  const seen = new Set(active.map((p) => basename(p)))
  // an archived copy of a session that is still active is the same session: the active copy wins
  const archived = walk(join(root, 'archived_sessions'), keep).filter((p) => !seen.has(basename(p)))
  return [...active, ...archived]
}

function detect(first: unknown, path: string): boolean {
  if (!isObj(first)) return false
  if (first.type === 'session_meta' && isObj(first.payload)) return true
  // ≈0.3x: a bare header line
  if (first.type === undefined && typeof first.id === 'string' && typeof first.timestamp === 'string' && !('sessionId' in first))
    return 'cwd' in first || 'instructions' in first || 'originator' in first || 'cli_version' in first || basename(path).startsWith('rollout-')
  return basename(path).startsWith('rollout-') && typeof first.type === 'string' && isObj(first.payload) && TOP_TYPES.has(first.type)
}

async function* read(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const file = resolve(path)
  const fromName = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i.exec(basename(file))
  let sessionId = fromName ? fromName[1] : basename(file, '.jsonl')
  let cwd: string | undefined
  let subagent = false
  let started = false
  let sawUserMessage = false
  // the last human message, for dropping its echo as a user-role item written after it
  let echo: string | undefined
  // skills injected as `<skill>` bodies since the last human message: a `$name` prompt naming one is the same use
  let injectedSkills = new Set<string>()
  // the skill the last `$name` prompt used, until its `<skill>` body arrives
  let dollar: string | undefined

  // events held back while an untagged user-role item waits for its user_message
  const queue: LogEvent[] = []
  let held: { index: number; text: string } | undefined
  let compaction: Compaction | undefined

  const base = (line: number, timestamp: unknown) => ({
    agent: 'codex' as const,
    file,
    line,
    sessionId,
    timestamp: str(timestamp),
    cwd,
    subagent: subagent || undefined,
  })

  const resolveHeld = () => {
    if (!held) return
    const ev = queue[held.index]
    if (sawUserMessage && ev.kind === 'human') queue[held.index] = event(ev, { kind: 'injected', why: 'meta' }) as LogEvent
    held = undefined
  }
  function* flush(): Generator<LogEvent> {
    resolveHeld()
    while (queue.length) yield queue.shift() as LogEvent
    if (compaction) yield compaction
    compaction = undefined
  }
  // an event that is not the user's turn input: everything held is settled first
  function* out(ev: LogEvent): Generator<LogEvent> {
    yield* flush()
    yield clean(ev)
  }
  // injected context keeps its place behind a held item
  function* outInjected(ev: LogEvent): Generator<LogEvent> {
    if (compaction) {
      yield compaction
      compaction = undefined
    }
    if (held) queue.push(clean(ev))
    else yield clean(ev)
  }

  for await (const { line, value } of jsonLines(path, counts)) {
    if (!isObj(value)) {
      counts.unknownType++
      continue
    }
    let type = value.type
    let payload: Obj
    let timestamp = value.timestamp
    if (isObj(value.payload) && typeof type === 'string') payload = value.payload
    else if (value.record_type === 'state') continue
    else if (type === undefined && typeof value.id === 'string' && line <= 1) {
      // ≈0.3x bare header
      type = 'session_meta'
      payload = value
    } else if (typeof type === 'string' && ITEM_TYPES.has(type)) {
      // ≈0.3x bare response item
      payload = value
      type = 'response_item'
      timestamp = value.timestamp
    } else {
      counts.unknownType++
      continue
    }

    if (type === 'session_meta') {
      if (started) continue // a resumed or forked rollout repeats its origin's meta
      started = true
      if (typeof payload.id === 'string') sessionId = payload.id
      cwd = str(payload.cwd) ?? cwd
      subagent = isObj(payload.source) && 'subagent' in payload.source
      yield* out(event(base(line, timestamp ?? payload.timestamp), { kind: 'session', version: str(payload.cli_version) }))
    } else if (type === 'turn_context') {
      cwd = str(payload.cwd) ?? cwd
    } else if (type === 'compacted') {
      const summary = str(payload.message)
      yield* compact(line, timestamp, summary)
    } else if (type === 'event_msg') {
      const sub = payload.type
      if (sub === 'user_message') {
        const text = str(payload.message)
        if (text === undefined) continue
        sawUserMessage = true
        if (held && held.text.trim() === text.trim()) {
          queue.splice(held.index, 1)
          held = undefined
          echo = undefined
        } else echo = text
        yield* flush()
        yield event(base(line, timestamp), { kind: 'human', text })
        const name = dollarSkill(text)
        dollar = undefined
        if (name && !injectedSkills.has(name)) {
          yield event(base(line, timestamp), { kind: 'skill-use', name, how: 'dollar' })
          dollar = name
        }
        injectedSkills = new Set()
      } else if (sub === 'turn_aborted') {
        yield* out(event(base(line, timestamp), { kind: 'interrupt' }))
      } else if (sub === 'context_compacted') {
        yield* compact(line, timestamp, undefined)
      }
      // every other event_msg (agent_message, token_count, task_*, turn_*…) repeats or annotates response items
    } else if (type === 'response_item') {
      yield* item(line, timestamp, payload)
    } else {
      counts.unknownType++
    }
  }
  yield* flush()

  // `compacted` (with the summary) and `context_compacted` are written together: one compaction
  function* compact(line: number, timestamp: unknown, summary: string | undefined): Generator<LogEvent> {
    if (compaction) {
      if (summary && !compaction.summary) compaction.summary = summary
      return
    }
    yield* flush()
    compaction = event(base(line, timestamp), { kind: 'compaction', summary })
  }

  function* item(line: number, timestamp: unknown, p: Obj): Generator<LogEvent> {
    const t = p.type
    if (t === 'message') {
      const text = textOf(p.content)
      if (p.role === 'assistant') {
        if (text.trim()) yield* out(event(base(line, timestamp), { kind: 'assistant', text }))
      } else if (p.role === 'developer' || p.role === 'system') {
        if (text.trim()) yield* outInjected(event(base(line, timestamp), { kind: 'injected', text, why: 'instructions' }))
      } else if (p.role === 'user') {
        if (!text.trim()) return
        const why = injectedWhy(text)
        if (why) {
          yield* outInjected(event(base(line, timestamp), { kind: 'injected', text, why }))
          const skill = why === 'skill-body' ? skillBlock(text) : undefined
          if (skill) {
            if (dollar === skill.name) dollar = undefined // the body of the `$name` just typed: one use
            else {
              injectedSkills.add(skill.name)
              yield* outInjected(event(base(line, timestamp), { kind: 'skill-use', name: skill.name, how: 'injected', path: skill.path, body: skill.body }))
            }
          }
        } else if (echo !== undefined && echo.trim() === text.trim()) {
          echo = undefined // the human message again, written after its user_message
        } else {
          resolveHeld()
          if (compaction) yield* flush()
          held = { index: queue.length, text }
          queue.push(event(base(line, timestamp), { kind: 'human', text }))
        }
      }
    } else if (t === 'function_call' || t === 'custom_tool_call' || t === 'local_shell_call') {
      const name = str(p.name) ?? (t === 'local_shell_call' ? 'local_shell' : undefined)
      const id = str(p.call_id) ?? str(p.id)
      if (!name || !id) return
      let input: unknown
      let command: string | undefined
      if (t === 'function_call') {
        input = typeof p.arguments === 'string' ? (parseJson(p.arguments) ?? p.arguments) : p.arguments
        command = commandOf(input)
      } else if (t === 'custom_tool_call') {
        input = p.input
      } else {
        input = p.action
        command = argvToCommand(obj(p.action).command)
      }
      const args = obj(input)
      const readPath = command ? filesRead(command)[0] : (str(args.file_path) ?? (name === 'read_file' ? str(args.path) : undefined))
      yield* out(event(base(line, timestamp), { kind: 'tool-call', id, name, input, command, readPath }))
      const skill = command ? skillRead(command) : readPath && skillOfPath(readPath) ? { name: skillOfPath(readPath) as string, path: readPath } : undefined
      if (skill) yield* out(event(base(line, timestamp), { kind: 'skill-use', name: skill.name, how: 'read', path: skill.path }))
    } else if (t === 'function_call_output' || t === 'custom_tool_call_output') {
      const id = str(p.call_id)
      if (!id) return
      const { text, exitCode, success } = parseOutput(p.output)
      const ok = exitCode !== undefined ? exitCode === 0 : success
      yield* out(event(base(line, timestamp), { kind: 'tool-result', id, ok, exitCode, output: cut(text) }))
    } else if (typeof t === 'string' && SKIPPED_ITEMS.has(t)) {
      // reasoning, web searches, snapshots: nothing a skill edit learns from
    } else {
      counts.unknownType++
    }
  }
}

export const codex: LogReader = { agent: 'codex', detect, locate, read }
