// The shape of a command module: its options as data and a handler that returns a result.
// Only lib/cli.ts turns results into output and exit codes.
import type { Options, PositionalOptions } from 'yargs'
import type { Context } from '../context.js'

export interface CommandResult {
  exitCode: number
  /** the command's report, printed to stdout as is */
  stdout?: string
  /** diagnostics printed to stderr (one line each), even with --quiet when they explain a failure */
  stderr?: string[]
}

export interface CommandDefinition<A = any> {
  /** yargs command string, e.g. `lint [paths..]` */
  command: string
  aliases?: string[]
  /** one line for `dotskills --help` */
  describe: string
  positionals?: Record<string, PositionalOptions>
  options?: Record<string, Options>
  examples?: [string, string][]
  /** commands under this one (`learn list`), each its own module */
  subcommands?: CommandDefinition[]
  run(args: A, ctx: Context): Promise<CommandResult>
}
