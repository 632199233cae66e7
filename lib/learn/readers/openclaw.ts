// OpenClaw sessions, pi-agent format v3 (session-logs.md §2.4):
// `${OPENCLAW_STATE_DIR:-~/.openclaw}/agents/<agentId>/sessions/<sessionId>.jsonl` (legacy `~/.clawdbot`);
// `*.jsonl.reset.<ts>` / `.deleted.<ts>` are archives of a reset or deleted session and are skipped.
// Line 1 `{type:"session", version, id, timestamp, cwd}`; entries carry `id`/`parentId` (a tree).
// Events come in file order: an abandoned branch is kept (it is evidence of a correction).
import { join, resolve, basename } from 'node:path'
import { jsonLines } from '../lines.js'
import type { LogEvent, LogReader, ReadCounts } from '../types.js'
import { cut, entries, envDir, event, exitCodeFromText, filesRead, int, isDir, isFile, isObj, obj, skillOfPath, skillRead, str, textOf, type Obj } from './shell.js'

const SKIPPED = new Set(['model_change', 'thinking_level_change', 'custom', 'branch_summary', 'session_info', 'label', 'context_transform', 'ephemeral'])

async function* read(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const file = resolve(path)
  let sessionId = basename(file).replace(/\.jsonl.*$/, '')
  let cwd: string | undefined
  let started = false
  const base = (line: number, timestamp: unknown) => ({ agent: 'openclaw' as const, file, line, sessionId, timestamp: str(timestamp), cwd })

  for await (const { line, value } of jsonLines(path, counts)) {
    if (!isObj(value) || typeof value.type !== 'string') {
      counts.unknownType++
      continue
    }
    const b = base(line, value.timestamp)
    switch (value.type) {
      case 'session':
        if (started) break
        started = true
        sessionId = str(value.id) ?? sessionId
        cwd = str(value.cwd)
        yield event(base(line, value.timestamp), { kind: 'session' })
        break
      case 'message':
        if (isObj(value.message)) yield* message(b, value.message, str(value.id))
        break
      case 'custom_message': {
        // sent to the model, not typed by the human
        const text = textOf(value.content)
        if (text.trim()) yield event(b, { kind: 'injected', text, why: str(value.customType) ?? 'meta' })
        break
      }
      case 'compaction':
        yield event(b, { kind: 'compaction', summary: str(value.summary) })
        break
      default:
        if (!SKIPPED.has(value.type)) counts.unknownType++
    }
  }

  function* message(b: ReturnType<typeof base>, m: Obj, entryId: string | undefined): Generator<LogEvent> {
    switch (m.role) {
      case 'user': {
        const text = textOf(m.content)
        if (text.trim()) yield event(b, { kind: 'human', text })
        break
      }
      case 'assistant': {
        const blocks = Array.isArray(m.content) ? m.content : typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : []
        const text = blocks
          .filter((c) => isObj(c) && c.type === 'text' && typeof c.text === 'string')
          .map((c) => (c as Obj).text as string)
          .join('\n')
        if (text.trim()) yield event(b, { kind: 'assistant', text })
        for (const c of blocks) {
          if (!isObj(c) || c.type !== 'toolCall' || typeof c.id !== 'string' || typeof c.name !== 'string') continue
          const args = obj(c.arguments)
          const command = str(args.command)
          const readPath = c.name === 'read' ? (str(args.path) ?? str(args.file_path)) : command ? filesRead(command)[0] : undefined
          yield event(b, { kind: 'tool-call', id: c.id, name: c.name, input: c.arguments, command, readPath })
          // OpenClaw has no skill tool: the agent reads the SKILL.md it picked
          const skill =
            c.name === 'read' && readPath && skillOfPath(readPath, false)
              ? { name: skillOfPath(readPath, false) as string, path: readPath }
              : command
                ? skillRead(command)
                : undefined
          if (skill) yield event(b, { kind: 'skill-use', name: skill.name, how: 'read', path: skill.path })
        }
        // the user stopped the turn (Esc): pi saves the partial message with stopReason "aborted"
        if (m.stopReason === 'aborted') yield event(b, { kind: 'interrupt' })
        break
      }
      case 'toolResult': {
        const id = str(m.toolCallId)
        if (!id) break
        const output = textOf(m.content)
        const details = obj(m.details)
        const exitCode = int(details.exitCode) ?? exitCodeFromText(output, 'last')
        const failed = m.isError === true || details.status === 'failed'
        const ok = failed ? false : exitCode !== undefined ? exitCode === 0 : m.isError === false ? true : undefined
        yield event(b, { kind: 'tool-result', id, ok, exitCode, output: cut(output) })
        break
      }
      case 'bashExecution': {
        // a command the user ran with `!`: a call and its result on one line
        const command = str(m.command)
        if (command === undefined) break
        const id = entryId ?? `bash:${b.line}`
        yield event(b, { kind: 'tool-call', id, name: 'bash', input: { command }, command, readPath: filesRead(command)[0] })
        const exitCode = int(m.exitCode)
        const ok = m.cancelled === true ? false : exitCode !== undefined ? exitCode === 0 : undefined
        yield event(b, { kind: 'tool-result', id, ok, exitCode, output: cut(str(m.output) ?? '') })
        break
      }
      default:
        // a message role we do not know: counted, like an unknown record type
        counts.unknownType++
    }
  }
}

function locate(home: string, env: NodeJS.ProcessEnv): string[] {
  const roots = env.OPENCLAW_STATE_DIR?.trim() ? [envDir(env.OPENCLAW_STATE_DIR, home, '.openclaw')] : [join(home, '.openclaw'), join(home, '.clawdbot')]
  const out: string[] = []
  for (const root of roots) {
    const agents = join(root, 'agents')
    for (const agent of entries(agents)) {
      const sessions = join(agents, agent, 'sessions')
      if (!isDir(sessions)) continue
      for (const name of entries(sessions)) {
        if (!name.endsWith('.jsonl') || name.includes('.reset.') || name.includes('.deleted.')) continue
        if (isFile(join(sessions, name))) out.push(join(sessions, name))
      }
    }
  }
  return out
}

function detect(first: unknown): boolean {
  return isObj(first) && first.type === 'session' && typeof first.id === 'string' && (typeof first.version === 'number' || typeof first.cwd === 'string')
}

export const openclaw: LogReader = { agent: 'openclaw', detect, locate, read }
