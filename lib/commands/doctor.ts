// `dotskills doctor`: a table of checks (config, lock, cache, agents, writable folders,
// credentials, git), one row each: ok, warn or fail. Exit 1 when a check fails. Reads only:
// it never fetches, writes, prompts, or shows a credential.
import type { CheckRow } from '../doctor/run.js'
import type { CommandDefinition } from './types.js'

const doctorCommand: CommandDefinition = {
  command: 'doctor',
  describe: 'Check the config, lock, cache, agents, folders, credentials and git, and say what to fix',
  options: {},
  examples: [
    ['$0 doctor', 'one row per check: ok, warn or fail, with a hint for each problem; exit 1 if any fails'],
    ['$0 doctor --quiet', 'only the failed checks'],
    ['$0 doctor --json', 'the checks as a JSON array of {check, status, detail, hint?}'],
  ],
  async run(_args, ctx) {
    const { runDoctor } = await import('../doctor/run.js')
    const rows = await runDoctor(ctx)
    const exitCode = rows.some((r) => r.status === 'fail') ? 1 : 0
    if (ctx.json) return { exitCode, stdout: JSON.stringify(rows, null, 2) + '\n' }
    if (ctx.quiet) {
      const failed = rows.filter((r) => r.status === 'fail')
      return { exitCode, stdout: failed.length ? table(failed, ctx.color) : '' }
    }
    return { exitCode, stdout: table(rows, ctx.color) + summary(rows) }
  },
}

const COLORS = { ok: 32, warn: 33, fail: 31 } as const

function table(rows: CheckRow[], color: boolean): string {
  const w = Math.max(...rows.map((r) => r.check.length))
  const status = (r: CheckRow) => {
    const s = r.status.padEnd(4)
    return color ? `\x1b[${COLORS[r.status]}m${s}\x1b[39m` : s
  }
  const lines: string[] = []
  for (const r of rows) {
    lines.push(`${status(r)}  ${r.check.padEnd(w)}  ${r.detail}`)
    if (r.hint) lines.push(`${' '.repeat(4 + 2 + w + 2)}hint: ${r.hint}`)
  }
  return lines.join('\n') + '\n'
}

function summary(rows: CheckRow[]): string {
  const n = (s: CheckRow['status']) => rows.filter((r) => r.status === s).length
  const fail = n('fail')
  const warn = n('warn')
  return `\n${rows.length} checks: ${n('ok')} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failed\n`
}

export default doctorCommand
