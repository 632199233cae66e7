// yargs wiring: registers the command list and global options, runs one command, prints its
// result, and maps errors to exit codes. The only module that writes to stdout/stderr or sets
// the exit code.
import yargs from 'yargs'
import { commands } from './commands/index.js'
import type { CommandDefinition, CommandResult } from './commands/types.js'
import { createContext, type GlobalOptions } from './context.js'
import { DotskillsError, EXIT, usageError } from './errors.js'
import { version } from './version.js'

const REPORT_URL = 'https://github.com/dotskills/dotskills/issues'

export const globalOptions = {
  config: { describe: 'config file, or folder to look for one in', type: 'string', requiresArg: true, global: true },
  home: { describe: 'target home folder (default: your home)', type: 'string', requiresArg: true, global: true },
  project: { describe: 'project folder for project-scoped skills', type: 'string', requiresArg: true, global: true },
  agent: { describe: 'limit to these agent ids', type: 'string', array: true, requiresArg: true, global: true },
  json: { describe: 'machine-readable output on stdout', type: 'boolean', global: true },
  quiet: { alias: 'q', describe: 'print only errors', type: 'boolean', global: true },
  verbose: { describe: 'print more detail on stderr', type: 'boolean', global: true },
  color: { describe: 'colors (default: on a TTY without NO_COLOR); --no-color turns them off', type: 'boolean', global: true },
} as const

export interface Io {
  stdout(text: string): void
  stderr(text: string): void
  stdoutIsTTY: boolean
  /** stderr is a terminal: progress may be drawn there */
  stderrIsTTY?: boolean
  /** ask the user a question on the terminal (only when stdin and stderr are terminals) */
  ask?: (question: string) => Promise<string>
  env: NodeJS.ProcessEnv
  cwd: string
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** yargs' "Invalid values:\n  Argument: x, Given: "y", Choices: "a", "b"" as one line, like every other error. */
const oneLine = (msg: string) =>
  msg.replace(/^invalid values:\s*\n\s*Argument: ([^,]+), Given: ("[^"]*"|\S+), Choices: (.*)$/s, (_m, arg: string, given: string, choices: string) => `invalid value ${given} for ${arg}: choose ${choices.trim()}`).replace(/\s*\n\s*/g, '; ')

/**
 * Build the yargs parser. `chosen.def` is set to the command to run: yargs calls the builders
 * from the outermost command in, so the last one called is the command asked for. Commands have
 * no yargs handler on purpose: with one, yargs renders the command's whole help text after every
 * run (for error messages we print our own way), ~20 ms of every command's start-up.
 * Exported so tests can inspect every command's definition.
 */
export function buildParser(argv: string[], chosen: { def?: CommandDefinition } = {}) {
  const parser = yargs(argv)
    .scriptName('dotskills')
    .usage('$0 <command> [options]\n\nDotfiles for AI-agent skills: lint, install and improve Agent Skills.')
    .version(version)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .options(globalOptions)
    .group(Object.keys(globalOptions), 'Global options:')
    .strict()
    .demandCommand(1, 'a command is required: see `dotskills --help`')
    .recommendCommands()
    .wrap(process.stdout.columns ? Math.min(100, process.stdout.columns) : null) // no wrapping when piped
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs reports its own validation failures as YError: those are usage errors
      if (err && err.name !== 'YError') throw err
      throw usageError(oneLine(lowerFirst(msg ?? err?.message ?? 'invalid usage')), { hint: 'see `dotskills --help`' })
    })
  for (const def of commands) register(parser, def, chosen)
  return parser
}

function register(parser: ReturnType<typeof yargs>, def: CommandDefinition, chosen: { def?: CommandDefinition }) {
  parser.command([def.command, ...(def.aliases ?? [])], def.describe, (y) => {
    chosen.def = def
    for (const [name, opt] of Object.entries(def.positionals ?? {})) y.positional(name, opt)
    y.options(def.options ?? {})
    for (const [cmd, text] of def.examples ?? []) y.example(cmd, text)
    for (const sub of def.subcommands ?? []) register(y, sub, chosen)
    return y
  })
}

/** Run the CLI with `argv` (no node/script prefix) and return the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let result: CommandResult
  try {
    const chosen: { def?: CommandDefinition } = {}
    const args = await buildParser(argv, chosen).parseAsync()
    if (!chosen.def || args.help || args.version) return EXIT.ok // --help / --version: yargs printed them
    const ctx = createContext({
      options: args as GlobalOptions,
      cwd: io.cwd,
      env: io.env,
      stdoutIsTTY: io.stdoutIsTTY,
      stderrIsTTY: io.stderrIsTTY,
      ask: io.ask,
      stderr: io.stderr,
    })
    result = await chosen.def.run(args, ctx)
  } catch (err) {
    return reportError(err, io)
  }
  if (result.stdout) io.stdout(result.stdout)
  for (const line of result.stderr ?? []) io.stderr(line + '\n')
  return result.exitCode
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof DotskillsError) {
    io.stderr(`dotskills: ${err.toLine()}\n`)
    if (err.details.hint) io.stderr(`  hint: ${err.details.hint}\n`)
    return err.exitCode
  }
  // Not one of ours: a bug. The stack trace is for the report.
  io.stderr(`dotskills: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  io.stderr(`This is a bug in dotskills ${version}. Please report it with the command you ran: ${REPORT_URL}\n`)
  return EXIT.bug
}

export async function main(argv: string[]): Promise<void> {
  // `dotskills lint --format json | head`: the reader is gone. Stop quietly, as a C tool killed
  // by SIGPIPE does, instead of crashing on the unhandled 'error' event with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
    process.exit(process.exitCode ?? EXIT.ok)
  })
  process.exitCode = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    ask: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined,
    env: process.env,
    cwd: process.cwd(),
  })
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await rl.question(question)
  } finally {
    rl.close()
  }
}
