// Every session-log reader, one per agent, and format detection: a file's format is decided by
// its first record (a path says little: logs are copied around), so any reader's file can be
// given to `learn` by path.
import { jsonLines } from '../lines.js'
import { emptyCounts, type LogReader } from '../types.js'
import { claudeCode } from './claude-code.js'
import { codex } from './codex.js'
import { copilot } from './copilot.js'
import { geminiCli } from './gemini-cli.js'
import { openclaw } from './openclaw.js'

export const readers: readonly LogReader[] = [claudeCode, codex, geminiCli, openclaw, copilot]

/**
 * The reader for a file, from its first few object records (Claude Code files may open with
 * records that carry no session, like file-history-snapshot; a damaged file with garbage lines
 * first); undefined when none recognises it.
 */
export async function detectReader(path: string, probe = 20): Promise<LogReader | undefined> {
  let seen = 0
  for await (const { value } of jsonLines(path, emptyCounts())) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    const reader = readers.find((r) => r.detect(value, path))
    if (reader) return reader
    if (++seen >= probe) break
  }
  return undefined
}
