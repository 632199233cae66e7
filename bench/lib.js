// Helpers shared by the benchmarks (run.js: lint; sources.js: git sources): statistics,
// formatting, and a timer that runs one command with GNU time for its peak memory.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const GNU_TIME = '/usr/bin/time'

export const envInt = (name, dflt) => {
  const v = Number.parseInt(process.env[name] ?? '', 10)
  return Number.isFinite(v) && v > 0 ? v : dflt
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
export const stats = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x))
  if (v.length === 0) return null
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), runs: v.length }
}
export const round = (x, d = 0) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d)
export const fmtMs = (ms) => (ms == null ? 'n/a' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`)
export const fmtMB = (kb) => (kb == null ? 'n/a' : `${Math.round(kb / 1024)} MB`)
export const fmtRange = (s, f) => (s ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : 'n/a')
export const log = (...a) => process.stderr.write(a.join(' ') + '\n')

export function listSkillDirs(root) {
  const found = []
  const walk = (dir) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    if (entries.some((e) => e.isFile() && e.name === 'SKILL.md')) found.push(dir)
    for (const e of entries) {
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') walk(join(dir, e.name))
    }
  }
  walk(root)
  return found.sort()
}


export const haveGnuTime = (() => {
  const r = spawnSync(GNU_TIME, ['-f', '%e %M %U %S', 'true'], { stdio: 'ignore' })
  return r.status === 0
})()

/**
 * Run one command, stdout and stderr to files, wall time from hrtime around the spawn,
 * peak RSS (KB) from GNU time's %M (max RSS of the command and of the children it waited
 * for, i.e. of the biggest single process). Never throws.
 */
/** A tool's JSON report, or undefined when it crashed (signal, unexpected exit code, bad JSON). */
export function jsonReport(r, okStatuses) {
  if (r.spawnError || r.signal || !okStatuses.includes(r.status)) return undefined
  try {
    return JSON.parse(readText(r.stdoutFile))
  } catch {
    return undefined
  }
}

export function timed(name, cmd, args, { env, cwd = ROOT, timeoutMs = 600_000, mergeStderr = false, out } = {}) {
  mkdirSync(out, { recursive: true })
  const stdoutFile = join(out, `${name}.out`)
  const stderrFile = mergeStderr ? stdoutFile : join(out, `${name}.err`)
  const timeFile = join(out, `${name}.time`)
  rmSync(timeFile, { force: true })
  const outFd = openSync(stdoutFile, 'w')
  const errFd = mergeStderr ? outFd : openSync(stderrFile, 'w')
  const [file, argv] = haveGnuTime ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, args]
  const t0 = process.hrtime.bigint()
  const r = spawnSync(file, argv, {
    stdio: ['ignore', outFd, errFd],
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: timeoutMs,
  })
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
  closeSync(outFd)
  if (!mergeStderr) closeSync(errFd)
  let rssKB = null
  let cpuMs = null
  let signal = r.signal
  if (haveGnuTime && existsSync(timeFile)) {
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n')
    const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(lines.at(-1) ?? '')
    if (m) {
      rssKB = Number(m[2])
      cpuMs = (Number(m[3]) + Number(m[4])) * 1000
    }
    const sig = lines.map((l) => /terminated by signal (\d+)/.exec(l)).find(Boolean)
    if (sig) signal = `signal ${sig[1]}`
  }
  return {
    wallMs,
    rssKB,
    cpuMs,
    status: r.status,
    signal,
    spawnError: r.error ? String(r.error.message ?? r.error) : null,
    stdoutFile,
    stderrFile,
  }
}

export const readText = (f) => {
  try {
    return readFileSync(f, 'utf8')
  } catch {
    return ''
  }
}
export const tail = (text, n = 400) => text.trim().slice(-n)

export function machine() {
  const cpus = os.cpus()
  let gitCommit = null
  try {
    const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' })
    if (r.status === 0) gitCommit = r.stdout.trim()
  } catch {}
  return {
    date: new Date().toISOString(),
    nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    dotskillsCommit: gitCommit,
    rssMeasuredWith: haveGnuTime ? 'GNU time %M (max RSS, KB); CPU = %U + %S' : 'not measured (/usr/bin/time missing)',
  }
}
