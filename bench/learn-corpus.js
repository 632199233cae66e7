#!/usr/bin/env node
// The session-log corpus for the `dotskills learn` benchmark: about N MB (default 1024) of agent
// logs, made by copying the real logs in ../shared/data/sessions (Claude Code files with their
// subagents, Codex rollouts) over and over into a folder laid out like a home, so `learn --home`
// finds them where the agents write them:
//
//   <dir>/.claude/projects/-home-u-proj<i>/<uuid>.jsonl
//   <dir>/.claude/projects/-home-u-proj<i>/<uuid>/subagents/agent-*.jsonl
//   <dir>/.codex/sessions/2026/01/02/rollout-2026-01-02T03-04-05-<uuid>.jsonl
//
// Replica i gets project folder proj<i> and, for every file, a new uuid derived from i and the
// file's name, so every path is unique; the bytes are the real ones, unchanged (so each replica
// holds the same session ids: `learn` groups sessions per file). Replicas are added whole until
// the corpus reaches N MiB. A marker file holds the size and the file list; a corpus with the
// same size and source is reused, any other is rebuilt.
//
//   node bench/learn-corpus.js [MB] [--force]   build (or reuse) it and print where it is
//   import { buildLearnCorpus } from './learn-corpus.js'
//
// Environment knobs (defaults in brackets): BENCH_LEARN_MB [1024],
// BENCH_SESSIONS_SRC [../shared/data/sessions], BENCH_LEARN_CORPUS [bench/.work/learn-corpus].
// Without the real logs it prints why and gives null (the benchmark is skipped, not failed).

import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, envInt, log } from './lib.js'

export const SESSIONS_SRC = resolve(ROOT, process.env.BENCH_SESSIONS_SRC ?? join('..', 'shared', 'data', 'sessions'))
export const LEARN_CORPUS = resolve(ROOT, process.env.BENCH_LEARN_CORPUS ?? join('bench', '.work', 'learn-corpus'))
const MARKER = 'learn-corpus.json'
const MiB = 2 ** 20

const jsonlIn = (dir) => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
      .map((e) => e.name)
      .sort()
  } catch {
    return []
  }
}

/** The real logs: each Claude Code file with its `<name>/subagents/*.jsonl`, and each Codex rollout. */
function realLogs(src) {
  const claudeDir = join(src, 'claude-code')
  const claude = jsonlIn(claudeDir).map((name) => {
    const subDir = join(claudeDir, name.replace(/\.jsonl$/, ''), 'subagents')
    return { path: join(claudeDir, name), name, subagents: jsonlIn(subDir).map((s) => join(subDir, s)) }
  })
  const codexDir = join(src, 'codex')
  const codex = jsonlIn(codexDir).map((name) => ({ path: join(codexDir, name), name }))
  const bytes = [...claude.flatMap((c) => [c.path, ...c.subagents]), ...codex.map((c) => c.path)].reduce((n, p) => n + statSync(p).size, 0)
  return { claude, codex, bytes }
}

/** A uuid (v4 layout) that depends only on its seed. */
function uuidFor(seed) {
  const h = createHash('sha1').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * Build (or reuse) the corpus. Gives { home, files (absolute, sorted), bytes, replicas, source,
 * reused }, or null when the real logs are not there.
 */
export function buildLearnCorpus({ mb = envInt('BENCH_LEARN_MB', 1024), dir = LEARN_CORPUS, src = SESSIONS_SRC, force = false } = {}) {
  const logs = existsSync(src) ? realLogs(src) : { claude: [], codex: [], bytes: 0 }
  if (logs.bytes === 0) {
    log(
      `bench: learn corpus skipped — no session logs at ${src}\n` +
        '(they live in ../shared/data/sessions next to the repository; set BENCH_SESSIONS_SRC to point elsewhere).',
    )
    return null
  }
  const source = relative(ROOT, src) || '.'
  const marker = readMarker(dir)
  if (!force && marker && marker.mb === mb && marker.source === source && marker.sourceBytes === logs.bytes) {
    const files = marker.files.map((f) => join(dir, f))
    if (files.every((f) => existsSync(f))) return { home: dir, files, bytes: marker.bytes, replicas: marker.replicas, source, reused: true }
  }

  const started = Date.now()
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const codexDir = join(dir, '.codex', 'sessions', '2026', '01', '02')
  if (logs.codex.length) mkdirSync(codexDir, { recursive: true })
  const files = []
  let bytes = 0
  const copy = (from, to) => {
    copyFileSync(from, to)
    files.push(to)
    bytes += statSync(to).size
  }
  let replicas = 0
  while (bytes < mb * MiB) {
    replicas++
    const project = join(dir, '.claude', 'projects', `-home-u-proj${replicas}`)
    if (logs.claude.length) mkdirSync(project, { recursive: true })
    for (const c of logs.claude) {
      const id = uuidFor(`${replicas}/claude-code/${c.name}`)
      copy(c.path, join(project, `${id}.jsonl`))
      if (c.subagents.length) {
        const subDir = join(project, id, 'subagents')
        mkdirSync(subDir, { recursive: true })
        for (const s of c.subagents) copy(s, join(subDir, basename(s)))
      }
    }
    for (const c of logs.codex) copy(c.path, join(codexDir, `rollout-2026-01-02T03-04-05-${uuidFor(`${replicas}/codex/${c.name}`)}.jsonl`))
  }
  files.sort()
  const rel = files.map((f) => relative(dir, f))
  writeFileSync(join(dir, MARKER), JSON.stringify({ mb, bytes, replicas, source, sourceBytes: logs.bytes, files: rel }) + '\n')
  log(`bench: learn corpus: ${files.length} files, ${(bytes / MiB).toFixed(0)} MiB (${replicas} replicas of ${source}) in ${relative(ROOT, dir)}, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { home: dir, files, bytes, replicas, source, reused: false }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv.slice(2).find((a) => /^\d+$/.test(a))
  const corpus = buildLearnCorpus({ ...(arg ? { mb: Number(arg) } : {}), force: process.argv.includes('--force') })
  if (corpus) {
    process.stdout.write(
      `${corpus.home}\n${corpus.files.length} files, ${(corpus.bytes / MiB).toFixed(0)} MiB, ${corpus.replicas} replicas of ${corpus.source}` +
        `${corpus.reused ? ' (reused)' : ''}\n`,
    )
  }
}
