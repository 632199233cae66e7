#!/usr/bin/env node
// Git sources benchmark (part of `npm run bench`; alone: node bench/sources.js).
//
// A repository of 200 real skills (from ../shared/data/skills) is served over smart HTTP on
// 127.0.0.1 by the test suite's server (bench/serve-git.mjs, in its own process). Side by side,
// alternating, median of BENCH_RUNS [5]:
//   - native `git clone --depth 1 <url>` (the yardstick);
//   (the 200 are the first corpus skills without lint errors, one per name)
//   - cold `dotskills add <url>` into an empty folder with an empty cache: fetch, extract, lint,
//     write config and lock (and the same with --no-lint, to show what lint costs);
//   - `dotskills sync` when the lock matches the cache (no-op), BENCH_NOOP_RUNS [10] runs, with
//     the number of HTTP requests the server saw during them.
// Wall time from hrtime around each process, peak RSS and CPU from GNU time. Writes
// bench/results-sources.json; `--markdown` prints the results section for bench/README.md.
// Knobs: BENCH_RUNS, BENCH_NOOP_RUNS, BENCH_SOURCE_SKILLS [200], BENCH_CORPUS_SRC.

import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { envInt, fmtMB, fmtMs, fmtRange, listSkillDirs, log, machine, readText, round, stats, ROOT, timed } from './lib.js'

const WORK = join(ROOT, 'bench', '.work', 'sources')
const OUT = join(WORK, 'out')
const RESULTS = join(ROOT, 'bench', 'results-sources.json')
const NODE = process.execPath
const BIN = join(ROOT, 'bin', 'dotskills.js')
const RUNS = envInt('BENCH_RUNS', 5)
const NOOP_RUNS = envInt('BENCH_NOOP_RUNS', 10)
const N_SKILLS = envInt('BENCH_SOURCE_SKILLS', 200)
const SRC = resolve(ROOT, process.env.BENCH_CORPUS_SRC ?? join('..', 'shared', 'data', 'skills'))
const TARGET_RATIO = 2
const TARGET_NOOP_MS = 300

/** A git that reads no user or system config, as the fixture server's own git does. */
function gitEnv(home) {
  return { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' }
}

/**
 * The real skills a repository worth adding would hold: those without lint errors under the
 * rules `add` applies (some corpus skills have errors, and `add` refuses those by design).
 */
function cleanSkills() {
  const r = timed('lint-corpus', NODE, [BIN, 'lint', SRC, '--format', 'json', '--no-cache', '--rule', 'frontmatter-unknown-field=off'], { cwd: ROOT, env: { XDG_CACHE_HOME: join(WORK, 'cache') }, out: OUT })
  const report = JSON.parse(readText(r.stdoutFile))
  const bad = new Set(report.files.filter((f) => f.errorCount > 0).map((f) => dirname(f.filePath)))
  const list = listSkillDirs(SRC).filter((d) => !bad.has(d))
  const file = join(WORK, 'skills.txt')
  writeFileSync(file, list.join('\n') + '\n')
  return file
}

/** Start bench/serve-git.mjs; resolves to {url, skills, files, bytes, count(), close()}. */
async function startServer(root, list) {
  const child = spawn(NODE, ['--import=@tapjs/typescript/import', join(ROOT, 'bench', 'serve-git.mjs'), root, list, String(N_SKILLS)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const next = () => new Promise((res, rej) => {
    lines.once('line', (l) => res(JSON.parse(l)))
    child.once('exit', (code) => rej(new Error(`serve-git exited (${code})`)))
  })
  const info = await next()
  return {
    ...info,
    async count() {
      child.stdin.write('count\n')
      return (await next()).requests
    },
    close: () => new Promise((res) => {
      child.once('exit', res)
      child.stdin.end()
    }),
  }
}

async function main() {
  if (process.argv.includes('--markdown')) {
    if (!existsSync(RESULTS)) {
      log('bench: no bench/results-sources.json yet; run node bench/sources.js first')
      process.exit(1)
    }
    process.stdout.write(markdown(JSON.parse(readFileSync(RESULTS, 'utf8'))) + '\n')
    return
  }
  if (listSkillDirs(SRC).length === 0) {
    process.stdout.write(`bench: sources skipped — the skills corpus was not found at ${SRC}\n`)
    return
  }
  const loadBefore = os.loadavg()[0]
  rmSync(WORK, { recursive: true, force: true })
  mkdirSync(WORK, { recursive: true })
  log(`bench: serving a ${N_SKILLS}-skill repository over http://127.0.0.1 ...`)
  const server = await startServer(join(WORK, 'served'), cleanSkills())
  log(`bench: ${server.skills} skills, ${server.files} files, ${(server.bytes / 2 ** 20).toFixed(1)} MiB at ${server.url}`)
  const runs = { git: [], add: [], addNoLint: [], noop: [] }
  let noopRequests = null
  let checked = null
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const warm = i === 0 // the first round warms the server's disk cache and is not counted
      const home = mkdtempSync(join(WORK, 'home-'))
      const env = { ...gitEnv(home), XDG_CACHE_HOME: join(home, 'cache'), XDG_STATE_HOME: join(home, 'state') }
      const g = timed('git-clone', 'git', ['clone', '-q', '--depth', '1', server.url, join(home, 'clone')], { cwd: home, env, out: OUT })
      const projA = join(home, 'a')
      mkdirSync(projA)
      const a = timed('add', NODE, [BIN, 'add', server.url, '--name', 'bench'], { cwd: projA, env, out: OUT })
      const projB = join(home, 'b')
      mkdirSync(projB)
      const b = timed('add-no-lint', NODE, [BIN, 'add', server.url, '--name', 'bench', '--no-lint'], {
        cwd: projB,
        env: { ...env, XDG_CACHE_HOME: join(home, 'cache-b') },
        out: OUT,
      })
      for (const [name, r] of [['git clone', g], ['add', a], ['add --no-lint', b]]) {
        if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}): ${readText(r.stderrFile).trim().slice(-400)}`)
      }
      if (!checked) {
        const lock = JSON.parse(readFileSync(join(projA, 'dotskills.lock'), 'utf8'))
        checked = { lockedSkills: Object.keys(lock.sources.bench.skills).length, commit: lock.sources.bench.commit }
      }
      if (!warm) {
        runs.git.push(g)
        runs.add.push(a)
        runs.addNoLint.push(b)
      }
      if (i === RUNS) {
        const before = await server.count()
        for (let k = 0; k < NOOP_RUNS; k++) {
          const r = timed('sync-noop', NODE, [BIN, 'sync'], { cwd: projA, env, out: OUT })
          if (r.status !== 0) throw new Error(`sync failed: ${readText(r.stderrFile)}`)
          runs.noop.push(r)
        }
        noopRequests = (await server.count()) - before
      }
      rmSync(home, { recursive: true, force: true })
      log(`bench: round ${i}${warm ? ' (warm-up)' : ''}: git clone ${fmtMs(g.wallMs)}, add ${fmtMs(a.wallMs)}, add --no-lint ${fmtMs(b.wallMs)}`)
    }
  } finally {
    await server.close()
  }
  const sum = (rs) => ({ wall: stats(rs.map((r) => r.wallMs)), cpu: stats(rs.map((r) => r.cpuMs)), rss: stats(rs.map((r) => r.rssKB)) })
  const git = sum(runs.git)
  const add = sum(runs.add)
  const addNoLint = sum(runs.addNoLint)
  const noop = sum(runs.noop)
  const results = {
    machine: { ...machine(), loadavg1mBeforeAfter: [round(loadBefore, 2), round(os.loadavg()[0], 2)] },
    repo: { skills: server.skills, files: server.files, bytes: server.bytes, source: relative(ROOT, SRC) },
    runs: RUNS,
    noopRuns: NOOP_RUNS,
    checked,
    git,
    add,
    addNoLint,
    noop,
    noopRequests,
    ratioAdd: add.wall.median / git.wall.median,
    ratioAddNoLint: addNoLint.wall.median / git.wall.median,
    targets: { addRatio: TARGET_RATIO, noopMs: TARGET_NOOP_MS },
  }
  results.addMet = results.ratioAdd <= TARGET_RATIO
  results.noopMet = noop.wall.median <= TARGET_NOOP_MS && noopRequests === 0
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n')
  process.stdout.write(markdown(results) + '\n')
}

function markdown(r) {
  const row = (name, s, ratio) => `| ${name} | ${fmtRange(s.wall, fmtMs)} | ${ratio ?? ''} | ${fmtRange(s.cpu, fmtMs)} | ${fmtRange(s.rss, fmtMB)} |`
  const x = (v) => `${v.toFixed(2)}×`
  const m = r.machine
  return [
    `Run of ${m.date.slice(0, 10)} on ${m.nproc} cores (${m.cpuModel}), Node ${m.node}, git ${gitVersion()}, dotskills at ${m.dotskillsCommit ?? 'n/a'}; ` +
      `repository of ${r.repo.skills} real skills (${r.repo.files} files, ${(r.repo.bytes / 2 ** 20).toFixed(1)} MiB) on 127.0.0.1; ` +
      `median of ${r.runs} alternating runs after a warm-up (no-op sync: ${r.noopRuns} runs); 1-min load ${r.machine.loadavg1mBeforeAfter.join(' → ')}.`,
    '',
    '| what | wall: median (min–max) | vs git clone | CPU user+sys | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('`git clone --depth 1` (native git)', r.git, '1.00×'),
    row('`dotskills add` cold (fetch, extract, lint, write config + lock)', r.add, x(r.ratioAdd)),
    row('`dotskills add --no-lint` cold', r.addNoLint, x(r.ratioAddNoLint)),
    row('`dotskills sync`, no-op (lock matches cache)', r.noop, ''),
    '',
    `Cold add: **${x(r.ratioAdd)}** native git clone (target ≤ ${r.targets.addRatio}×: ${r.addMet ? 'met' : 'missed'}). ` +
      `No-op sync: **${fmtMs(r.noop.wall.median)}**, ${r.noopRequests} HTTP requests in ${r.noopRuns} runs ` +
      `(target ≤ ${r.targets.noopMs} ms and none: ${r.noopMet ? 'met' : 'missed'}). ` +
      `Lock check: ${r.checked?.lockedSkills} skills pinned at ${r.checked?.commit?.slice(0, 12)}.`,
  ].join('\n')
}

function gitVersion() {
  try {
    return execFileSync('git', ['--version'], { encoding: 'utf8' }).replace(/^git version /, '').trim()
  } catch {
    return 'n/a'
  }
}

await main()
