// Shared by the session-log reader tests: read a whole file through a reader, and drop the
// fields every event shares so the rest can be compared exactly.
import { emptyCounts, type LogEvent, type LogReader, type ReadCounts } from '../../lib/learn/types.js'

export async function readAllWith(reader: LogReader, path: string): Promise<{ events: LogEvent[]; counts: ReadCounts }> {
  const counts = emptyCounts()
  const events: LogEvent[] = []
  for await (const e of reader.read(path, counts)) events.push(e)
  return { events, counts }
}

const SHARED = ['agent', 'file', 'sessionId', 'timestamp', 'cwd']

/** the events without the shared fields (`keep` names shared ones a test wants to compare) */
export const stripShared = (events: LogEvent[], keep: string[] = []): Record<string, unknown>[] =>
  events.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !SHARED.includes(k) || keep.includes(k))))
