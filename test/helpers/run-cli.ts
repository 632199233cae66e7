// Runs the real binary (bin/dotskills.js → dist/) in a child process with a temp HOME, so
// end-to-end tests see exactly what a user sees and never touch the real home.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// Each run gets its own empty home (so its cache, and anything else it keeps, starts empty and
// never lands in the repository); all are removed when the test process exits.
const homes: string[] = []
process.on('exit', () => {
  for (const h of homes) rmSync(h, { recursive: true, force: true })
})
function tempHome(): string {
  const h = mkdtempSync(join(tmpdir(), 'dotskills-home-'))
  homes.push(h)
  return h
}

export const BIN = fileURLToPath(new URL('../../bin/dotskills.js', import.meta.url))
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

const GUARD = fileURLToPath(new URL('./fs-guard.mjs', import.meta.url))

/**
 * Where a CLI run may write: its home, and its working folder when that is a test fixture
 * (t.testdir). Never the repository itself or the real home.
 */
function writableRoots(cwd: string, home: string, extra: string[] = []): string {
  // tap records coverage of child processes under .tap/ (it patches spawn to preload itself)
  const roots = [home, join(ROOT, '.tap', 'processinfo'), join(ROOT, '.tap', 'coverage'), ...extra]
  if (cwd.includes(`${join('.tap', 'fixtures')}`) || cwd.startsWith(tmpdir())) roots.push(cwd)
  return roots.join('\n')
}

export interface CliOptions {
  cwd: string
  env?: Record<string, string>
  input?: string
  writable?: string[]
  /** the launcher to run instead of the repository's (e.g. one installed from the packed tarball) */
  bin?: string
}

function cliEnv(opts: CliOptions): Record<string, string> {
  const home = opts.env?.HOME ?? tempHome()
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    NODE_OPTIONS: `--import=${pathToFileURL(GUARD).href}`,
    DOTSKILLS_TEST_ROOTS: writableRoots(opts.cwd, home, [...(opts.writable ?? []), ...[opts.env?.XDG_CACHE_HOME, opts.env?.XDG_STATE_HOME].filter((x): x is string => !!x)]),
    ...opts.env,
  }
}

export function runCli(args: string[], opts: CliOptions): CliRun {
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], { cwd: opts.cwd, env: cliEnv(opts), encoding: 'utf8', input: opts.input ?? '' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/**
 * runCli without blocking the event loop, for tests whose server (e.g. the git test server)
 * lives in this process: spawnSync would wait on a child that waits on us. Rejects, after
 * killing the child, when it runs longer than `timeoutMs`.
 */
export function runCliAsync(args: string[], opts: CliOptions & { timeoutMs?: number }): Promise<CliRun> {
  const env = cliEnv(opts)
  return new Promise((resolve, reject) => {
    // its own process group: a timeout kills whatever it started too (tap's coverage wraps children)
    const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timeoutMs = opts.timeoutMs ?? 60_000
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      // and nothing of it may keep this process alive
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy()
      reject(new Error(`dotskills ${args.join(' ')} ran longer than ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, timeoutMs)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    // a child that exits without reading its input must not crash the test with EPIPE
    child.stdin.on('error', () => {})
    child.stdin.end(opts.input ?? '')
  })
}
