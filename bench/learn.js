#!/usr/bin/env node
// `dotskills learn` benchmark (part of `npm run bench`; alone: node bench/learn.js).
//
// About 1 GiB of real session logs (../shared/data/sessions replicated by bench/learn-corpus.js
// into a folder laid out like a home) read by `dotskills learn --home <corpus>` against a
// dotfiles repo whose `commit` skill prescribes the command that fails in the real Claude Code
// session, so the run does all of its work: read, every detector, aggregation, drafting and the
// lint check of the one proposal (seen once per replica). Median of BENCH_LEARN_RUNS [3] runs,
// wall time from hrtime around the process, peak RSS from GNU time. Targets (issue 5): ≤ 10 s and
// ≤ 256 MB for 1 GB. Writes bench/results-learn.json; `--markdown` prints the results section
// for bench/README.md. Knobs: BENCH_LEARN_RUNS, BENCH_LEARN_MB (corpus size, see learn-corpus.js).

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildLearnCorpus } from './learn-corpus.js'
import { envInt, fmtMB, fmtMs, fmtRange, jsonReport, log, machine, readText, round, stats, tail, timed, ROOT } from './lib.js'

const WORK = join(ROOT, 'bench', '.work', 'learn')
const OUT = join(WORK, 'out')
const RESULTS = join(ROOT, 'bench', 'results-learn.json')
const BIN = join(ROOT, 'bin', 'dotskills.js')
const RUNS = envInt('BENCH_LEARN_RUNS', 3)
const TARGET_S = 10
const TARGET_RSS_MB = 256

const COMMIT_SKILL = `---
name: commit
description: Write a commit for the current changes. Use when the user asks to commit.
---

# Commit

## Context

- Recent commits: !\`git log --oneline main..HEAD\`
- Status: !\`git status --short\`

## Steps

1. Stage the files with \`git add <files>\`.
2. Commit with a message in the imperative mood.
`

/** The dotfiles repo the logs are compared with. */
function makeRepo() {
  const repo = join(WORK, 'repo')
  rmSync(repo, { recursive: true, force: true })
  mkdirSync(join(repo, 'skills', 'commit'), { recursive: true })
  writeFileSync(join(repo, 'dotskills.yaml'), 'skills: skills\n')
  writeFileSync(join(repo, 'skills', 'commit', 'SKILL.md'), COMMIT_SKILL)
  return repo
}

function run() {
  const corpus = buildLearnCorpus()
  if (!corpus) {
    log('bench learn: skipped (no real session logs)')
    return null
  }
  const repo = makeRepo()
  const MiB = corpus.bytes / 2 ** 20
  log(`bench learn: ${corpus.files.length} files, ${Math.round(MiB)} MiB, ${RUNS} runs`)
  const runs = []
  let report
  for (let i = 0; i < RUNS; i++) {
    const r = timed(`learn-${i}`, process.execPath, [BIN, 'learn', '--home', corpus.home, '--config', repo, '--dry-run', '--json'], {
      cwd: repo,
      env: { XDG_CACHE_HOME: join(WORK, 'cache'), XDG_STATE_HOME: join(WORK, 'state') },
      out: OUT,
      timeoutMs: 300_000,
    })
    report = jsonReport(r, [0])
    if (!report) throw new Error(`learn failed (status ${r.status}, ${r.signal ?? 'no signal'}): ${tail(readText(r.stderrFile))}`)
    runs.push(r)
    log(`  run ${i + 1}: ${fmtMs(r.wallMs)}, ${fmtMB(r.rssKB)}`)
  }
  const wall = stats(runs.map((r) => r.wallMs))
  const rss = stats(runs.map((r) => r.rssKB).filter((x) => x != null))
  const found = report.proposals.find((p) => p.skill === 'commit' && p.signal === 'failed-command')
  return {
    machine: machine(),
    corpus: { files: corpus.files.length, bytes: corpus.bytes, replicas: corpus.replicas, source: corpus.source },
    learn: { files: report.files, sessions: report.sessions, lines: report.counts.lines, proposals: report.proposals.length, commitProposal: found ? { recurrence: found.recurrence, summary: found.summary } : null },
    wallMs: wall,
    rssKB: rss,
    mibPerS: round(MiB / (wall.median / 1000), 1),
    targets: { seconds: TARGET_S, rssMB: TARGET_RSS_MB, metTime: wall.median / 1000 <= TARGET_S * (MiB / 1024), metRss: rss ? rss.median / 1024 <= TARGET_RSS_MB : null },
  }
}

function markdown(r) {
  if (!r) return '_Skipped: no real session logs (../shared/data/sessions)._'
  const time = r.targets.metTime ? 'met' : 'missed'
  const mem = r.targets.metRss ? 'met' : 'missed'
  return [
    `**Verdict: time target ${time}, memory target ${mem}.** \`dotskills learn\` reads ${Math.round(r.corpus.bytes / 2 ** 20)} MiB of real session logs`,
    `(${r.corpus.files} files, ${r.learn.sessions} sessions, ${r.learn.lines.toLocaleString('en')} lines) in ${fmtMs(r.wallMs.median)} (median of ${r.wallMs.runs} runs; ${r.mibPerS} MiB/s)`,
    `with a peak RSS of ${fmtMB(r.rssKB?.median)}; targets ≤ ${r.targets.seconds} s and ≤ ${r.targets.rssMB} MB for 1 GB.`,
    '',
    '| measure | median (min–max) |',
    '| --- | --- |',
    `| wall time | ${fmtRange(r.wallMs, fmtMs)} |`,
    `| peak RSS | ${fmtRange(r.rssKB, fmtMB)} |`,
    `| throughput | ${r.mibPerS} MiB/s |`,
    '',
    r.learn.commitProposal
      ? `${r.learn.proposals} proposals; the one the benchmark checks for is the real failure (${r.learn.commitProposal.summary}), seen in ${r.learn.commitProposal.recurrence} sessions (one per replica). The other is a new-skill draft of a command sequence the replicas repeat: replication makes one session look like many.`
      : 'No proposal was found for the commit skill: the benchmark did not do its work.',
    `Machine: ${r.machine.cpuModel}, ${r.machine.nproc} cores, Node ${r.machine.node}, commit ${r.machine.dotskillsCommit}, ${r.machine.date.slice(0, 10)}.`,
  ].join('\n')
}

if (process.argv.includes('--markdown')) {
  if (!existsSync(RESULTS)) {
    log('bench: no bench/results-learn.json yet; run node bench/learn.js first')
    process.exit(1)
  }
  process.stdout.write(markdown(JSON.parse(readFileSync(RESULTS, 'utf8'))) + '\n')
} else {
  const results = run()
  if (results) {
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n')
    process.stdout.write(markdown(results) + '\n')
  }
}
