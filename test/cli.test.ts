// Loads every command the CLI registers and checks that each is described and usable.
import t from 'tap'
import { readdirSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { commands } from '../lib/commands/index.js'
import { buildParser } from '../lib/cli.js'
import { BIN, runCli, ROOT } from './helpers/run-cli.js'

t.test('every command file is registered, described and has usage', async (t) => {
  const files = readdirSync(new URL('../lib/commands/', import.meta.url))
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f))
    .map((f) => f.replace(/\.ts$/, ''))
  const names = commands.map((c) => c.command.split(' ')[0])
  t.same([...names].sort(), [...files].sort(), 'commands/index.ts lists every command file')
  for (const def of commands) {
    t.match(def.describe, /^[A-Z].{10,}[^.]$/, `${def.command}: one-line description`)
    t.ok(def.examples?.length, `${def.command}: has examples`)
    for (const [name, opt] of Object.entries(def.options ?? {})) {
      t.ok(opt.describe, `${def.command} --${name} is described`)
    }
  }
})

t.test('--help of every command shows its usage and options', async (t) => {
  for (const def of commands) {
    const name = def.command.split(' ')[0]
    const r = runCli([name, '--help'], { cwd: ROOT })
    t.equal(r.code, 0, `${name} --help exits 0`)
    t.match(r.stdout, `dotskills ${def.command}`, `${name} usage line`)
    t.match(r.stdout, def.describe)
    for (const opt of Object.keys(def.options ?? {})) t.match(r.stdout, `--${opt}`)
    t.match(r.stdout, '--config', 'global options shown')
  }
})

t.test('the parser knows every command', async (t) => {
  const parser = buildParser([])
  const registered = ((parser as any).getInternalMethods().getCommandInstance().getCommands() as string[])
  for (const def of commands) t.ok(registered.includes(def.command.split(' ')[0]))
})

t.test('--version prints the package version, with or without the fast path', async (t) => {
  const { version } = await import('../lib/version.js')
  t.equal(runCli(['--version'], { cwd: ROOT }).stdout, version + '\n')
  t.equal(runCli(['-V'], { cwd: ROOT }).stdout, version + '\n')
  t.equal(runCli(['lint', '--version'], { cwd: ROOT }).stdout.trim(), version)
})

t.test('usage errors exit 2 with one line and no stack trace', async (t) => {
  for (const args of [['frobnicate'], ['lint', '--bogus'], ['lint', '--profile', 'nope'], [], ['lint', '--max-warnings']]) {
    const r = runCli(args, { cwd: ROOT })
    t.equal(r.code, 2, `${args.join(' ')} exits 2`)
    t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
    t.match(r.stderr, /dotskills: /)
  }
})

t.test('a reader that goes away (`dotskills … | head`) ends the run quietly: no EPIPE crash', async (t) => {
  const home = t.testdir({})
  const child = spawn(process.execPath, [BIN, 'lint', join(ROOT, 'test', 'fixtures', 'real'), '--format', 'json'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.destroy() // the reader is gone before the first write
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  t.equal(stderr, '', 'nothing on stderr: no stack trace, no "Unhandled \'error\' event"')
  t.equal(code, 1, 'the exit code is still lint\'s (the fixtures have errors)')
})
