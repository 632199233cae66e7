// A log file's events grouped into sessions. Most files hold one session; some hold several
// (a resumed Claude Code file, a Copilot export), so events are grouped by session id, in the
// order sessions first appear. A file is read once, as a stream; only one file's events are
// held at a time.
import { detectReader } from './readers/index.js'
import type { Session } from './signals/types.js'
import type { LogEvent, LogReader, ReadCounts } from './types.js'

/** The sessions in one file, read with `reader` (detected from the file when not given); undefined when the file is in no known format. */
export async function readSessions(file: string, counts: ReadCounts, reader?: LogReader): Promise<Session[] | undefined> {
  const r = reader ?? (await detectReader(file))
  if (!r) return undefined
  const byId = new Map<string, Session>()
  for await (const e of r.read(file, counts)) add(byId, e)
  return [...byId.values()]
}

function add(byId: Map<string, Session>, e: LogEvent): void {
  let s = byId.get(e.sessionId)
  if (!s) {
    s = { agent: e.agent, file: e.file, id: e.sessionId, events: [], subagentOnly: true }
    byId.set(e.sessionId, s)
  }
  if (!s.cwd && e.cwd) s.cwd = e.cwd
  if (!e.subagent) s.subagentOnly = false
  s.events.push(e)
}
