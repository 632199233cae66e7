// GitHub Copilot CLI sessions (session-logs.md §2.5): `~/.copilot/session-state/<sessionId>/events.jsonl`,
// legacy flat `~/.copilot/session-state/<sessionId>.jsonl`. Lines are `{type, data, id, timestamp,
// parentId, ephemeral?, agentId?}`; an `agentId` marks a sub-agent's event.
//
// A skill used through the `skill` tool logs `tool.execution_start {toolName:"skill"}` and then
// `skill.invoked {name, path, content}`: one use, so the tool's skill-use waits one record for its
// `skill.invoked` and takes the path and body from it. A `skill.invoked` with no such call (a
// skill the user invoked) is a use of its own, how:'injected'.
// Compaction logs `session.compaction_start` and `_complete`: one compaction, at the complete line.
import { basename, dirname, join, resolve } from 'node:path'
import { jsonLines } from '../lines.js'
import type { LogEvent, LogReader, ReadCounts, SkillUse } from '../types.js'
import { clean, cut, entries, event, exitCodeFromText, filesRead, int, isDir, isFile, isObj, obj, skillName, skillOfPath, skillRead, str, wellFormed, type Obj } from './shell.js'

// Event types we know and have nothing to take from (the CLI's bookkeeping and UI state).
const SKIPPED = new Set([
  'session.resume',
  'session.idle',
  'session.error',
  'session.shutdown',
  'session.info',
  'session.warning',
  'session.model_change',
  'session.mode_changed',
  'session.plan_changed',
  'session.title_changed',
  'session.truncation',
  'session.snapshot_rewind',
  'session.usage_info',
  'session.context_changed',
  'session.workspace_file_changed',
  'session.handoff',
  'session.compaction_start',
  'assistant.turn_start',
  'assistant.turn_end',
  'assistant.intent',
  'assistant.reasoning',
  'assistant.reasoning_delta',
  'assistant.message_delta',
  'assistant.streaming_delta',
  'assistant.usage',
  'tool.user_requested',
  'tool.execution_partial_result',
  'tool.execution_progress',
  'subagent.started',
  'subagent.completed',
  'subagent.failed',
  'subagent.selected',
  'subagent.deselected',
  'hook.start',
  'hook.end',
  'system.message',
  'system.notification',
  'permission.requested',
  'permission.completed',
  'pending_messages.modified',
])

const SHELL_TOOLS = new Set(['bash', 'powershell', 'shell'])
const READ_TOOLS = new Set(['view', 'read', 'read_file'])
// user.message `source` values that are not a person typing
const INJECTED_SOURCE = /system|schedule|notification|hook|skill/i

async function* read(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const file = resolve(path)
  let sessionId = basename(file) === 'events.jsonl' ? basename(dirname(file)) : basename(file, '.jsonl')
  let cwd: string | undefined
  let started = false
  // the skill tool's use, waiting for its skill.invoked
  let pending: SkillUse | undefined

  const base = (line: number, v: Obj) => ({
    agent: 'copilot' as const,
    file,
    line,
    sessionId,
    timestamp: str(v.timestamp),
    cwd,
    subagent: typeof v.agentId === 'string' || typeof obj(v.data).parentToolCallId === 'string' || undefined,
  })

  for await (const { line, value } of jsonLines(path, counts)) {
    if (!isObj(value) || typeof value.type !== 'string') {
      counts.unknownType++
      continue
    }
    const type = value.type
    const data = obj(value.data)
    const b = base(line, value)

    if (type === 'skill.invoked') {
      const name = str(data.name)
      if (!name) continue
      const body = str(data.content) === undefined ? undefined : wellFormed(data.content as string)
      if (pending && pending.name === skillName(name)) {
        pending.path = str(data.path)
        pending.body = body
        yield clean(pending)
        pending = undefined
        continue
      }
      if (pending) yield clean(pending)
      pending = undefined
      yield event(b, { kind: 'skill-use', name: skillName(name), how: 'injected', path: str(data.path), body })
      continue
    }
    if (pending) {
      yield clean(pending)
      pending = undefined
    }

    switch (type) {
      case 'session.start': {
        if (started) break
        started = true
        sessionId = str(data.sessionId) ?? sessionId
        cwd = str(obj(data.context).cwd) ?? cwd
        yield event(base(line, value), { kind: 'session', version: str(data.copilotVersion) })
        break
      }
      case 'user.message': {
        const text = wellFormed(str(data.content) ?? '')
        if (!text.trim()) break
        const source = str(data.source)
        if (source && INJECTED_SOURCE.test(source)) yield event(b, { kind: 'injected', text, why: source })
        else yield event(b, { kind: 'human', text })
        break
      }
      case 'assistant.message': {
        const text = wellFormed(str(data.content) ?? '')
        if (text.trim()) yield event(b, { kind: 'assistant', text })
        break
      }
      case 'tool.execution_start': {
        const id = str(data.toolCallId)
        const name = str(data.toolName)
        if (!id || !name) break
        const args = obj(data.arguments)
        const command = SHELL_TOOLS.has(name) ? str(args.command) : undefined
        const readPath = READ_TOOLS.has(name) ? (str(args.path) ?? str(args.file_path)) : command ? filesRead(command)[0] : undefined
        yield event(b, { kind: 'tool-call', id, name, input: data.arguments, command, readPath })
        if (name === 'skill') {
          const skill = str(args.skill) ?? str(args.name)
          // counted even when no skill.invoked follows
          if (skill) pending = event(b, { kind: 'skill-use', name: skillName(skill), how: 'tool' })
        } else {
          const read = command ? skillRead(command) : readPath && skillOfPath(readPath) ? { name: skillOfPath(readPath) as string, path: readPath } : undefined
          if (read) yield event(b, { kind: 'skill-use', name: read.name, how: 'read', path: read.path })
        }
        break
      }
      case 'tool.execution_complete': {
        const id = str(data.toolCallId)
        if (!id) break
        const result = obj(data.result)
        const error = obj(data.error)
        const output = wellFormed(str(result.content) ?? str(error.message) ?? (typeof data.error === 'string' ? data.error : ''))
        const exitCode = exitCodeFromText(output, 'last') ?? int(data.exitCode)
        const ok = data.success === false ? false : exitCode !== undefined ? exitCode === 0 : data.success === true ? true : undefined
        yield event(b, { kind: 'tool-result', id, ok, exitCode, output: cut(output) })
        break
      }
      case 'abort':
        yield event(b, { kind: 'interrupt' })
        break
      case 'session.compaction_complete': {
        if (data.success === false) break // a failed compaction left the history as it was
        const summary = str(data.summaryContent) ?? str(data.summary)
        yield event(b, { kind: 'compaction', summary: summary === undefined ? undefined : wellFormed(summary) })
        break
      }
      default:
        if (!SKIPPED.has(type)) counts.unknownType++
    }
  }
  if (pending) yield clean(pending)
}

function locate(home: string): string[] {
  const root = join(home, '.copilot', 'session-state')
  const out: string[] = []
  for (const name of entries(root)) {
    const path = join(root, name)
    if (isDir(path)) {
      if (isFile(join(path, 'events.jsonl'))) out.push(join(path, 'events.jsonl'))
    } else if (name.endsWith('.jsonl') && isFile(path)) out.push(path) // legacy flat file
  }
  return out
}

function detect(first: unknown, path: string): boolean {
  if (!isObj(first) || typeof first.type !== 'string') return false
  if (first.type === 'session.start' && isObj(first.data)) return true
  return path.replace(/\\/g, '/').includes('/.copilot/session-state/') && isObj(first.data) && first.type.includes('.')
}

export const copilot: LogReader = { agent: 'copilot', detect, locate, read }
