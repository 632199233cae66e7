// `dotskills learn [logs..]`: read agent session logs, find where the repo's skills failed, and
// write proposals (unified diffs with evidence) to the inbox beside the config. Never edits a
// skill: `learn apply <id>` does that, on request. Subcommands review the inbox.
import type { CommandDefinition } from './types.js'
import apply from './learn/apply.js'
import compare from './learn/compare.js'
import discard from './learn/discard.js'
import list from './learn/list.js'
import show from './learn/show.js'

interface LearnArgs {
  logs?: string[]
  since?: string
  until?: string
  project?: string
  dryRun?: boolean
  exitCode?: boolean
  llm?: string
}

const learnCommand: CommandDefinition<LearnArgs> = {
  command: 'learn [logs..]',
  describe: 'Read agent session logs and propose skill edits, with evidence, to the inbox',
  positionals: {
    logs: { describe: 'log files or folders (default: every agent\'s logs under --home)', type: 'string', array: true },
  },
  options: {
    since: { describe: 'only sessions active since this date or duration back (2026-11-01, 7d, 12h)', type: 'string', requiresArg: true },
    until: { describe: 'only sessions that started before this date or duration back', type: 'string', requiresArg: true },
    'dry-run': { alias: 'n', describe: 'show the proposals; write nothing to the inbox', type: 'boolean' },
    'exit-code': { describe: 'exit 1 when there are proposals', type: 'boolean' },
    llm: { describe: 'command that rewrites each proposal: gets JSON (evidence, skill) on stdin, prints the new SKILL.md', type: 'string', requiresArg: true },
  },
  examples: [
    ['$0 learn', 'every agent\'s logs; proposals go to .dotskills/inbox/'],
    ['$0 learn --since 14d --agent claude-code', 'two weeks of Claude Code sessions'],
    ['$0 learn ~/.codex/sessions/2026/11 --dry-run', 'one folder of logs; show only'],
  ],
  subcommands: [list, show, apply, discard, compare],
  async run(args, ctx) {
    const { requireConfig } = await import('../config/load.js')
    const { learn } = await import('../learn/run.js')
    const { parseWhen, logAgents } = await import('../learn/scan.js')
    const { Inbox } = await import('../learn/inbox.js')
    const { proposalLine, evidenceLines } = await import('../learn/format.js')
    const { relative, resolve } = await import('node:path')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const now = Date.now()
    const filter = {
      agents: logAgents(ctx.agents),
      since: args.since ? parseWhen(args.since, now) : undefined,
      until: args.until ? parseWhen(args.until, now, '--until') : undefined,
      project: args.project ? resolve(ctx.cwd, args.project) : undefined,
    }
    const result = await learn(ctx, config, { paths: args.logs ?? [], filter, llm: args.llm })
    const inbox = new Inbox(config.dir)
    const closed = inbox.closed()
    const open = result.proposals.filter((p) => !closed.has(p.id))
    const written = args.dryRun ? undefined : inbox.write(result.proposals)
    const stderr: string[] = []
    const c = result.counts
    if (ctx.verbose) {
      if (result.unknownFiles) stderr.push(`learn: ${result.unknownFiles} file${result.unknownFiles === 1 ? '' : 's'} in no known log format, skipped`)
      stderr.push(`learn: ${c.lines} lines, ${c.records} records; skipped: ${c.blank} blank, ${c.nul} NUL, ${c.invalidJson} invalid JSON, ${c.oversized} oversized, ${c.pending} unfinished last line, ${c.unknownType} unknown record type`)
      for (const d of result.dropped) stderr.push(`learn: dropped "${d.summary}": ${d.why.split('\n')[0]}`)
    }
    const exitCode = args.exitCode && open.length ? 1 : 0
    if (ctx.json) {
      const report = { files: result.files, unknownFiles: result.unknownFiles, sessions: result.sessions, skills: result.skills, counts: c, proposals: open, dropped: result.dropped, inbox: written ?? null }
      return { exitCode, stdout: JSON.stringify(report, null, 2) + '\n', stderr }
    }
    const lines = [`learn: ${result.files} log file${result.files === 1 ? '' : 's'}, ${result.sessions} session${result.sessions === 1 ? '' : 's'}, ${result.skills} skill${result.skills === 1 ? '' : 's'} in the repo`]
    if (open.length === 0) lines.push('no proposals')
    else {
      const where = written ? `in ${relative(ctx.cwd, inbox.dir) || '.'}/ (${written.added.length} new, ${written.updated.length} updated)` : '(dry run: inbox not written)'
      lines.push(`${open.length} proposal${open.length === 1 ? '' : 's'} ${where}:`)
      for (const p of open) lines.push(proposalLine(p), ...evidenceLines(p, ctx.cwd, 2))
      lines.push(written ? 'review: dotskills learn show <id>; then learn apply <id> or learn discard <id>' : '')
    }
    const stdout = ctx.quiet ? '' : lines.filter((l, i) => l !== '' || i < lines.length - 1).join('\n') + '\n'
    return { exitCode, stdout, stderr }
  },
}

export default learnCommand
