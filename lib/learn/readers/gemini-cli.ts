// Gemini CLI chats (session-logs.md §2.3): `~/.gemini/tmp/<project>/chats/session-*.jsonl`, child
// (subagent) sessions in `chats/<parentSessionId>/<sessionId>.jsonl`. The first line is the
// metadata `{sessionId, projectHash, startTime, kind}`; then message records `{id, type, content…}`
// that are UPSERTED by id (a later line with the same id replaces the message in place),
// `{"$rewindTo": id}` that drops that message and every one after it, and `{"$set": {…}}` metadata
// updates, where `$set.messages` replaces the whole history (Gemini's compression).
//
// What we emit is what survived, read in two streaming passes and never holding a message body:
//  1. a pass over ids and line numbers only plays the upserts, rewinds and `$set`s over a list of
//     live ids (each with the line of its last write) and ends with the set of lines to emit;
//  2. a second pass parses only those lines and turns each into events, in file order.
// A message is emitted once, at the line of its last write, so a message updated after a later one
// was written comes after it. Rewound messages are not emitted. A `$set.messages` that drops or adds
// messages is a compaction: the messages it drops still happened and are emitted (at their last
// line); the ones it adds (the `<state_snapshot>` summary) are its summary, never human messages;
// the ones it keeps are emitted from their own lines (the copy inside `$set` may be masked).
// A `$set.messages` that keeps exactly the same ids only rewrites content: no compaction.
// A `$rewindTo` an id we never saw drops nothing (Gemini writes a rewind only for an id it has).
// Records appended between the two passes are left for the next read.
import { basename, dirname, join, resolve } from 'node:path'
import { jsonLines } from '../lines.js'
import { emptyCounts, type LogEvent, type LogReader, type ReadCounts } from '../types.js'
import { cut, entries, event, exitCodeFromText, filesRead, int, isDir, isObj, obj, skillName, skillOfPath, skillRead, str, textOf, walk, type Obj } from './shell.js'

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning'])

const isMetadata = (v: Obj) => typeof v.sessionId === 'string' && typeof v.id !== 'string' && !('$set' in v) && !('$rewindTo' in v)

type Plan = { kind: 'session' } | { kind: 'message' } | { kind: 'compaction'; summary?: string; timestamp?: string }

/** Pass 1: which lines survive. Holds ids, line numbers and compaction summaries, never message bodies. */
async function plan(path: string, counts: ReadCounts): Promise<{ lines: Map<number, Plan>; subagent: boolean }> {
  const lines = new Map<number, Plan>()
  let live: string[] = []
  // id → line of its last write; 0 for a message only seen inside a `$set` (nothing to emit)
  const last = new Map<string, number>()
  let subagent = false
  let started = false
  for await (const { line, value } of jsonLines(path, counts)) {
    if (!isObj(value)) {
      counts.unknownType++
      continue
    }
    if (typeof value.$rewindTo === 'string') {
      const at = live.indexOf(value.$rewindTo)
      if (at !== -1) for (const id of live.splice(at)) last.delete(id)
    } else if (isObj(value.$set)) {
      const set = value.$set
      if (set.kind === 'subagent') subagent = true
      if (!Array.isArray(set.messages)) continue
      const kept: string[] = []
      const keptSet = new Set<string>()
      const added: Obj[] = []
      for (const m of set.messages) {
        if (!isObj(m) || typeof m.id !== 'string' || keptSet.has(m.id)) continue
        kept.push(m.id)
        keptSet.add(m.id)
        if (!last.has(m.id)) added.push(m)
      }
      const dropped = live.filter((id) => !keptSet.has(id))
      if (dropped.length === 0 && added.length === 0) continue // the same history, rewritten (masking): no compaction
      for (const id of dropped) {
        const at = last.get(id)
        if (at) lines.set(at, { kind: 'message' }) // happened before the compaction
        last.delete(id)
      }
      for (const m of added) last.set(m.id as string, 0)
      live = kept
      const summary = added.map((m) => textOf(m.content)).filter((s) => s.trim() !== '').join('\n')
      lines.set(line, { kind: 'compaction', summary: summary ? cut(summary) : undefined, timestamp: str(set.lastUpdated) })
    } else if (typeof value.id === 'string') {
      if (typeof value.type !== 'string' || !MESSAGE_TYPES.has(value.type)) {
        counts.unknownType++
        continue
      }
      if (!last.has(value.id)) live.push(value.id)
      last.set(value.id, line)
    } else if (isMetadata(value)) {
      if (value.kind === 'subagent') subagent = true
      if (!started) lines.set(line, { kind: 'session' })
      started = true
    } else {
      counts.unknownType++
    }
  }
  for (const id of live) {
    const at = last.get(id)
    if (at) lines.set(at, { kind: 'message' })
  }
  return { lines, subagent }
}

/** Injected user-role text: Gemini's context fragments (`<session_context>`, `<state_snapshot>`…) and its setup preamble. */
const looksInjected = (text: string) => /^\s*<[a-z][\w-]*>/i.test(text) || /^\s*This is the Gemini CLI\. We are setting up the context/.test(text)

const SHELL_TOOLS = new Set(['run_shell_command', 'shell'])

async function* read(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const file = resolve(path)
  const { lines, subagent: markedSubagent } = await plan(path, counts)
  // a child session lives in chats/<parentSessionId>/, a main one in chats/
  const subagent = markedSubagent || basename(dirname(dirname(file))) === 'chats' || undefined
  let sessionId = basename(file, '.jsonl')
  const base = (line: number, timestamp: unknown) => ({ agent: 'gemini-cli' as const, file, line, sessionId, timestamp: str(timestamp), subagent })

  for await (const { line, value } of jsonLines(path, emptyCounts())) {
    const what = lines.get(line)
    if (!what || !isObj(value)) continue
    if (what.kind === 'session') {
      sessionId = str(value.sessionId) ?? sessionId
      yield event(base(line, value.startTime), { kind: 'session' })
    } else if (what.kind === 'compaction') {
      yield event(base(line, what.timestamp), { kind: 'compaction', summary: what.summary })
    } else {
      yield* message(line, value)
    }
  }

  function* message(line: number, m: Obj): Generator<LogEvent> {
    const b = base(line, m.timestamp)
    if (m.type === 'user') {
      // displayContent is what the human typed; content may carry expanded @file text
      const shown = textOf(m.displayContent)
      const text = shown.trim() ? shown : textOf(m.content)
      if (!text.trim()) return // a tool response or an image, not words
      if (looksInjected(text)) yield event(b, { kind: 'injected', text, why: 'meta' })
      else yield event(b, { kind: 'human', text })
    } else if (m.type === 'gemini') {
      const text = textOf(m.content)
      if (text.trim()) yield event(b, { kind: 'assistant', text })
      if (!Array.isArray(m.toolCalls)) return
      for (const tc of m.toolCalls) {
        if (!isObj(tc) || typeof tc.id !== 'string' || typeof tc.name !== 'string') continue
        yield* toolCall(b, tc)
      }
    }
    // info, error, warning: the CLI's own notices
  }

  function* toolCall(b: ReturnType<typeof base>, tc: Obj): Generator<LogEvent> {
    const id = tc.id as string
    const name = tc.name as string
    const args = obj(tc.args)
    const command = SHELL_TOOLS.has(name) ? str(args.command) : undefined
    const readPath = command ? filesRead(command)[0] : name === 'read_file' ? (str(args.file_path) ?? str(args.absolute_path) ?? str(args.path)) : undefined
    yield event(b, { kind: 'tool-call', id, name, input: tc.args, command, readPath })
    if (name === 'activate_skill' && typeof args.name === 'string' && args.name.trim()) {
      yield event(b, { kind: 'skill-use', name: skillName(args.name), how: 'tool' })
    } else {
      const skill = command ? skillRead(command) : readPath && skillOfPath(readPath) ? { name: skillOfPath(readPath) as string, path: readPath } : undefined
      if (skill) yield event(b, { kind: 'skill-use', name: skill.name, how: 'read', path: skill.path })
    }
    const status = tc.status
    const finished = status === 'success' || status === 'error' || status === 'cancelled'
    if (!finished && tc.result === undefined) return // still running or awaiting approval
    const response = obj(obj(Array.isArray(tc.result) ? tc.result[0] : undefined).functionResponse).response
    const r = obj(response)
    const output = str(r.output) ?? str(r.error) ?? str(tc.resultDisplay) ?? (isObj(response) ? JSON.stringify(response) : '')
    // status "success" only means the tool ran: a shell command's exit code is in its output;
    // with no exit code in it, success is success
    const exitCode = exitCodeFromText(output, 'last') ?? int(r.exitCode)
    const ok = status === 'error' || status === 'cancelled' ? false : exitCode !== undefined ? exitCode === 0 : status === 'success' ? true : undefined
    yield event(b, { kind: 'tool-result', id, ok, exitCode, output: cut(output) })
  }
}

function locate(home: string): string[] {
  const tmp = join(home, '.gemini', 'tmp')
  const out: string[] = []
  for (const project of entries(tmp)) {
    const chats = join(tmp, project, 'chats')
    if (!isDir(chats)) continue
    // main sessions (chats/*.jsonl) and child sessions (chats/<parent>/*.jsonl), sorted by name
    out.push(...walk(chats, (name) => name.endsWith('.jsonl'), 1))
  }
  return out
}

function detect(first: unknown, path: string): boolean {
  if (!isObj(first)) return false
  if (typeof first.sessionId === 'string' && typeof first.projectHash === 'string') return true
  return path.replace(/\\/g, '/').includes('/.gemini/tmp/') && isMetadata(first)
}

export const geminiCli: LogReader = { agent: 'gemini-cli', detect, locate, read }
