#!/usr/bin/env node
// dotskills benchmark: `npm run bench` (= node bench/run.js).
//
// 1. Builds a 1,000-skill corpus under bench/.work/ by replicating the real corpus in
//    ../shared/data/skills (rep1/, rep2/, ... then trims the last replica to exactly 1,000
//    SKILL.md folders, so every folder name still equals its skill's name).
// 2. Times `dotskills lint <corpus>` and, side by side on the same corpus, the peers
//    skill-check (one process for the whole tree) and skills-ref (one process per skill,
//    as a CI shell loop would run it), median of 5 runs, wall time and peak RSS (GNU time).
// 3. Times `dotskills --version` against `node -e 0` (median of 20 runs each).
// 4. Counts what each tool reports (skills seen, errors, warnings).
// Prints a table and writes bench/results.json. `node bench/run.js --markdown` prints the
// results table of the last run (from results.json) as Markdown, for bench/README.md.
//
// Environment knobs (defaults in brackets): BENCH_RUNS [5], BENCH_VERSION_RUNS [20],
// BENCH_SKILLS [1000], BENCH_SKILLS_REF_SUBSET [100] (skills-ref CLI runs on an evenly
// spaced subset and is extrapolated linearly; set it to the corpus size to run it on all),
// BENCH_CORPUS_SRC [../shared/data/skills], BENCH_SKIP_PEERS=1.

import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { envInt, fmtMB, fmtMs, fmtRange, haveGnuTime, jsonReport, listSkillDirs, log, machine, median, readText, round, stats, tail, timed as timedIn } from './lib.js'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(BENCH, '..')
const WORK = join(BENCH, '.work')
const CORPUS = join(WORK, 'corpus')
const OUT = join(WORK, 'out')
const PEERS = join(BENCH, 'peers')
const RESULTS = join(BENCH, 'results.json')
const NODE = process.execPath
const DOTSKILLS_BIN = join(ROOT, 'bin', 'dotskills.js')
/** dotskills' cache goes under bench/.work, never into the real home */
const CACHE_ENV = { XDG_CACHE_HOME: join(ROOT, 'bench', '.work', 'cache') }

const RUNS = envInt('BENCH_RUNS', 5)
const VERSION_RUNS = envInt('BENCH_VERSION_RUNS', 20)
const N_SKILLS = envInt('BENCH_SKILLS', 1000)
const REF_SUBSET = envInt('BENCH_SKILLS_REF_SUBSET', 100)
const SRC = resolve(ROOT, process.env.BENCH_CORPUS_SRC ?? join('..', 'shared', 'data', 'skills'))
const SKIP_PEERS = process.env.BENCH_SKIP_PEERS === '1'
const TARGET_LINT_MS = 1000
const TARGET_VERSION_RATIO = 2

// ---------------------------------------------------------------- small helpers

const timed = (name, cmd, args, opts = {}) => timedIn(name, cmd, args, { ...opts, out: OUT })

// ---------------------------------------------------------------- corpus

function buildCorpus() {
  const srcSkills = listSkillDirs(SRC)
  if (srcSkills.length === 0) throw new Error(`no SKILL.md folders under ${SRC}`)
  const reps = Math.ceil(N_SKILLS / srcSkills.length)
  rmSync(CORPUS, { recursive: true, force: true })
  rmSync(CACHE_ENV.XDG_CACHE_HOME, { recursive: true, force: true })
  mkdirSync(CORPUS, { recursive: true })
  for (let i = 1; i <= reps; i++) cpSync(SRC, join(CORPUS, `rep${i}`), { recursive: true })
  // Trim the last replica: delete leaf skill folders (no SKILL.md below them), last in
  // sorted order first, so each deletion removes exactly one skill.
  let excess = reps * srcSkills.length - N_SKILLS
  const last = join(CORPUS, `rep${reps}`)
  while (excess > 0) {
    const dirs = listSkillDirs(last)
    const leaves = dirs.filter((d) => !dirs.some((o) => o.startsWith(d + sep)))
    const victim = leaves.at(-1)
    if (!victim) throw new Error('could not trim the corpus')
    rmSync(victim, { recursive: true, force: true })
    excess--
  }
  const skills = listSkillDirs(CORPUS)
  if (skills.length !== N_SKILLS) throw new Error(`corpus has ${skills.length} skills, wanted ${N_SKILLS}`)
  writeFileSync(join(WORK, 'skills.txt'), skills.join('\n') + '\n')
  return { skills, srcCount: srcSkills.length, replicas: reps }
}

// ---------------------------------------------------------------- peers

function readPkgVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  } catch {
    return null
  }
}

function ensurePeers() {
  const ok = () =>
    existsSync(join(PEERS, 'node_modules', 'skill-check', 'package.json')) &&
    existsSync(join(PEERS, 'node_modules', 'skills-ref', 'package.json'))
  if (ok()) return null
  log(`bench: installing peers: npm ci --prefix ${relative(ROOT, PEERS)} ...`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['ci', '--prefix', PEERS, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: ROOT,
    timeout: 300_000,
  })
  if (r.status !== 0 || !ok()) {
    return `npm ci --prefix bench/peers failed (${r.error ? r.error.message : `exit ${r.status}`})`
  }
  return null
}

// ---------------------------------------------------------------- tools

/** Each tool: run() -> timed result + parsed findings; crash detection on exit code/output. */
function makeTools(corpus, subset) {
  const skCli = join(PEERS, 'node_modules', 'skill-check', 'bin', 'skill-check.js')
  const refCli = join(PEERS, 'node_modules', 'skills-ref', 'dist', 'cli.js')
  const fullList = join(WORK, 'skills.txt')
  const subsetList = join(WORK, 'skills-ref-subset.txt')
  writeFileSync(subsetList, subset.join('\n') + '\n')
  const ruleTally = (ids) => {
    const t = {}
    for (const id of ids) t[id] = (t[id] ?? 0) + 1
    return Object.fromEntries(Object.entries(t).sort((a, b) => b[1] - a[1]))
  }

  const dotskills = {
    id: 'dotskills',
    label: 'dotskills',
    version: readPkgVersion(ROOT),
    invocation: `node bin/dotskills.js lint <corpus> --format json --no-cache  (one process, whole tree; cold, as on a fresh clone)`,
    skillsTimed: corpus.length,
    run: (target = CORPUS) =>
      timed('dotskills', NODE, [DOTSKILLS_BIN, 'lint', target, '--format', 'json', '--no-cache'], { cwd: WORK, env: CACHE_ENV }),
    parse(r) {
      const j = jsonReport(r, [0, 1])
      if (!j) return { crashed: true }
      const msgs = (j.files ?? []).flatMap((f) => f.messages ?? [])
      return {
        crashed: false,
        findings: {
          skills: j.skillCount ?? null,
          skillsWithErrors: (j.files ?? []).filter((f) => f.errorCount > 0).length,
          errors: j.errorCount ?? null,
          warnings: j.warningCount ?? null,
          // rules that fire because the corpus is replicated (same names/descriptions)
          duplicateFindings: msgs.filter((m) => /duplicate|overlap/i.test(m.ruleId ?? '')).length,
          byRule: ruleTally(msgs.map((m) => m.ruleId ?? '(none)')),
        },
      }
    },
  }

  // The same lint with its results cache (primed by the warm-up run): what a pre-commit hook or
  // a second local run pays when no skill changed. The cache lives in bench/.work, never in ~.
  const dotskillsCached = {
    ...dotskills,
    id: 'dotskills-cached',
    label: 'dotskills (cache warm)',
    invocation: `node bin/dotskills.js lint <corpus> --format json  (results cache in bench/.work/cache, primed by the warm-up run)`,
    run: (target = CORPUS) => timed('dotskills-cached', NODE, [DOTSKILLS_BIN, 'lint', target, '--format', 'json'], { cwd: WORK, env: CACHE_ENV }),
  }

  const skillCheck = {
    id: 'skill-check',
    label: 'skill-check',
    version: readPkgVersion(join(PEERS, 'node_modules', 'skill-check')),
    invocation:
      'skill-check check <corpus> --format json --no-security-scan --no-installs  (one process, whole tree)',
    skillsTimed: corpus.length,
    run: (target = CORPUS) =>
      timed(
        'skill-check',
        NODE,
        [skCli, 'check', target, '--format', 'json', '--no-security-scan', '--no-installs'],
        { cwd: WORK, env: { SKILL_CHECK_NO_BANNER: '1', CI: 'true' } },
      ),
    parse(r) {
      const j = jsonReport(r, [0, 1])
      if (!j) return { crashed: true }
      const diags = j.diagnostics ?? []
      return {
        crashed: false,
        findings: {
          skills: j.summary?.skillCount ?? null,
          skillsWithErrors: new Set(diags.filter((d) => d.severity === 'error').map((d) => d.file)).size,
          errors: j.summary?.errorCount ?? null,
          warnings: j.summary?.warningCount ?? null,
          duplicateFindings: diags.filter((d) => /^duplicates\./.test(d.ruleId ?? '')).length,
          byRule: ruleTally(diags.map((d) => d.ruleId ?? '(none)')),
        },
      }
    },
  }

  // One process per skill, like `for d in skills/*/; do skills-ref validate "$d"; done` in CI.
  // The marker line after each call lets us tell findings (exit 1 + "Validation failed")
  // from crashes (anything else).
  const loop = 'while IFS= read -r d; do "$1" "$2" validate "$d"; echo "##rc=$?"; done < "$3"'
  const skillsRef = {
    id: 'skills-ref',
    label: 'skills-ref (CLI)',
    version: readPkgVersion(join(PEERS, 'node_modules', 'skills-ref')),
    invocation: `sh loop: skills-ref validate <skill-dir>, one process per skill, sequential`,
    skillsTimed: subset.length,
    extrapolated: subset.length < corpus.length,
    run: () =>
      timed('skills-ref', '/bin/sh', ['-c', loop, 'sh', NODE, refCli, subsetList], { cwd: WORK, mergeStderr: true }),
    parse(r) {
      if (r.spawnError || r.signal || r.status !== 0) return { crashed: true }
      const f = { skills: 0, valid: 0, invalid: 0, errors: 0, crashed: 0, crashSamples: [] }
      let block = []
      for (const line of readText(r.stdoutFile).split('\n')) {
        const m = /^##rc=(\d+)$/.exec(line)
        if (!m) {
          block.push(line)
          continue
        }
        const rc = Number(m[1])
        f.skills++
        if (rc === 0 && block.some((l) => l.startsWith('Valid skill:'))) f.valid++
        else if (rc === 1 && block.some((l) => l.startsWith('Validation failed for'))) {
          f.invalid++
          f.errors += block.filter((l) => l.startsWith('  - ')).length
        } else {
          f.crashed++
          if (f.crashSamples.length < 3) f.crashSamples.push(`rc=${rc}: ${tail(block.join('\n'), 300)}`)
        }
        block = []
      }
      return {
        crashed: f.skills === 0 || f.crashed === f.skills,
        partialCrashes: f.crashed,
        crashSamples: f.crashSamples,
        findings: {
          skills: f.skills,
          skillsWithErrors: f.invalid,
          errors: f.errors,
          warnings: 0,
          duplicateFindings: 0,
          scope: `subset of ${subset.length}`,
        },
      }
    },
  }

  // Informational: skills-ref's validate() over all skills in ONE process (library API).
  const skillsRefApi = {
    id: 'skills-ref-api',
    label: 'skills-ref (API, 1 process)',
    version: skillsRef.version,
    invocation: 'node bench/skills-ref-api.js: validate() from the skills-ref library per skill, one process',
    informational: true,
    skillsTimed: corpus.length,
    run: (_target, list = fullList) =>
      timed('skills-ref-api', NODE, [join(BENCH, 'skills-ref-api.js'), PEERS, list], { cwd: WORK }),
    parse(r) {
      const j = jsonReport(r, [0])
      if (!j) return { crashed: true }
      return {
        crashed: false,
        partialCrashes: j.crashed,
        crashSamples: j.crashSamples,
        findings: {
          skills: j.skills,
          skillsWithErrors: j.invalid,
          errors: j.errors,
          warnings: 0,
          duplicateFindings: 0,
        },
      }
    },
  }
  return { dotskills, dotskillsCached, skillCheck, skillsRef, skillsRefApi }
}

function benchTools(tools) {
  const res = new Map(tools.map((t) => [t.id, { tool: t, runs: [], crash: null, parsed: null }]))
  // Warm-up (not counted): one run of each whole-tree tool, so every tool sees a warm file
  // cache. The per-skill skills-ref loop warms itself within its first calls.
  for (const t of tools) {
    if (t.id === 'skills-ref') continue
    log(`bench: warm-up ${t.label}`)
    t.run()
  }
  // Interleaved runs: run i of every tool, then run i+1, so drift hits all tools alike.
  for (let i = 1; i <= RUNS; i++) {
    for (const t of tools) {
      const entry = res.get(t.id)
      if (entry.crash) continue
      const r = t.run()
      const parsed = t.parse(r)
      log(
        `bench: run ${i}/${RUNS} ${t.label.padEnd(28)} ${fmtMs(r.wallMs).padStart(8)} ${fmtMB(r.rssKB).padStart(7)}` +
          `  exit ${r.status ?? r.signal ?? r.spawnError}`,
      )
      if (parsed.crashed) {
        entry.crash = {
          status: r.status,
          signal: r.signal,
          spawnError: r.spawnError,
          stderrTail: tail(readText(r.stderrFile)),
          samples: parsed.crashSamples,
        }
        log(`bench: ${t.label} CRASHED or could not run; skipping its remaining runs`)
        log(entry.crash.stderrTail)
        continue
      }
      entry.runs.push({ wallMs: r.wallMs, cpuMs: r.cpuMs, rssKB: r.rssKB, status: r.status })
      entry.parsed = parsed
    }
  }
  return res
}

function benchVersion() {
  const run = (args) => {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(NODE, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT })
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r }
  }
  const versionArgs = [DOTSKILLS_BIN, '--version']
  const baseArgs = ['-e', '0']
  const check = run(versionArgs).r
  const printed = String(check.stdout).trim()
  for (let i = 0; i < 2; i++) (run(baseArgs), run(versionArgs))
  const base = []
  const ver = []
  for (let i = 0; i < VERSION_RUNS; i++) {
    base.push(run(baseArgs).ms)
    ver.push(run(versionArgs).ms)
  }
  const b = stats(base)
  const v = stats(ver)
  return {
    printed,
    exitCode: check.status,
    runs: VERSION_RUNS,
    nodeE0: b,
    dotskillsVersion: v,
    ratio: v.median / b.median,
    target: TARGET_VERSION_RATIO,
    pass: v.median / b.median <= TARGET_VERSION_RATIO,
  }
}

/**
 * Findings on the real corpus alone (replica rep1 = an exact copy of the 431 real skills,
 * so no replication artefacts such as duplicate names), one untimed run per tool.
 * skills-ref is counted through its library's validate(), the function its CLI calls.
 */
function realFindings(all, withPeers) {
  const rep1 = join(CORPUS, 'rep1')
  const list = join(WORK, 'skills-rep1.txt')
  const skills = listSkillDirs(rep1)
  writeFileSync(list, skills.join('\n') + '\n')
  const tools = withPeers ? [all.dotskills, all.skillCheck, all.skillsRefApi] : [all.dotskills]
  const rows = []
  for (const t of tools) {
    log(`bench: findings of ${t.label} on the real corpus (${skills.length} skills)`)
    const p = t.parse(t.run(rep1, list))
    rows.push({
      id: t.id,
      label: t.id === 'skills-ref-api' ? `skills-ref ${t.version} (its validate())` : `${t.label} ${t.version ?? ''}`.trim(),
      crashed: p.crashed,
      findings: p.findings ?? null,
    })
  }
  return { path: relative(ROOT, rep1), skills: skills.length, tools: rows }
}

// ---------------------------------------------------------------- machine & output

function summarise(res, dotMedian) {
  const rows = []
  for (const { tool, runs, crash, parsed } of res.values()) {
    const wall = stats(runs.map((r) => r.wallMs))
    const rss = stats(runs.map((r) => r.rssKB))
    const cpu = stats(runs.map((r) => r.cpuMs))
    const factor = tool.skillsTimed && tool.skillsTimed !== N_SKILLS ? N_SKILLS / tool.skillsTimed : 1
    const wallFor1000 = wall && {
      median: wall.median * factor,
      min: wall.min * factor,
      max: wall.max * factor,
      runs: wall.runs,
    }
    rows.push({
      id: tool.id,
      label: tool.label,
      version: tool.version,
      invocation: tool.invocation,
      informational: Boolean(tool.informational),
      skillsTimed: tool.skillsTimed,
      extrapolated: factor !== 1,
      wallMsMeasured: wall && mapStats(wall, (x) => round(x, 1)),
      wallMs: wallFor1000 && mapStats(wallFor1000, (x) => round(x, 1)),
      cpuMs: cpu && mapStats(cpu, (x) => round(x * factor, 1)),
      cpuMsMeasured: cpu,
      peakRssKB: rss,
      ratioVsDotskills: wallFor1000 && dotMedian ? round(wallFor1000.median / dotMedian, 2) : null,
      crashed: Boolean(crash),
      crash,
      partialCrashes: parsed?.partialCrashes ?? 0,
      crashSamples: parsed?.crashSamples?.length ? parsed.crashSamples : undefined,
      exitCodes: [...new Set(runs.map((r) => r.status))],
      findings: parsed?.findings ?? null,
    })
  }
  return rows
}
const mapStats = (s, f) => ({ median: f(s.median), min: f(s.min), max: f(s.max), runs: s.runs })

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

function timeRows(results) {
  return results.tools.map((t) => [
    t.label + (t.version ? ` ${t.version}` : ''),
    t.crashed && !t.wallMs ? 'CRASHED / could not run' : fmtRange(t.wallMs, fmtMs) + (t.extrapolated ? ' *' : ''),
    t.ratioVsDotskills == null ? 'n/a' : t.id === 'dotskills' ? '1.00' : `${t.ratioVsDotskills.toFixed(2)}x`,
    fmtRange(t.cpuMs, fmtMs) + (t.cpuMs && t.extrapolated ? ' *' : ''),
    fmtRange(t.peakRssKB, fmtMB),
    t.findings?.skills ?? 'n/a',
    t.findings?.skillsWithErrors ?? 'n/a',
    t.findings?.errors ?? 'n/a',
    t.findings?.warnings ?? 'n/a',
  ])
}
const REAL_HEAD = ['tool', 'skills seen', 'skills w/ errors', 'errors', 'warnings', 'top rules (count)']
function realRows(results) {
  return (results.realCorpus?.tools ?? []).map((t) => [
    t.label,
    ...(t.crashed || !t.findings
      ? ['CRASHED', '', '', '', '']
      : [
          t.findings.skills,
          t.findings.skillsWithErrors,
          t.findings.errors,
          t.findings.warnings,
          Object.entries(t.findings.byRule ?? {})
            .slice(0, 4)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || '(no rule ids: messages only)',
        ]),
  ])
}
const TIME_HEAD = ['tool', 'wall, 1,000 skills: median (min–max)', 'wall vs dotskills', 'CPU user+sys: median (min–max)',
  'peak RSS: median (min–max)',
  'skills seen', 'skills w/ errors', 'errors', 'warnings']

function footnotes(results) {
  const notes = []
  const ref = results.tools.find((t) => t.id === 'skills-ref')
  if (ref?.extrapolated && ref.wallMsMeasured) {
    notes.push(
      `* skills-ref CLI: EXTRAPOLATED linearly from ${ref.skillsTimed} evenly spaced skills ` +
        `(measured median ${fmtMs(ref.wallMsMeasured.median)} for ${ref.skillsTimed} skills; ` +
        `×${N_SKILLS / ref.skillsTimed}); its finding counts are for that subset.`,
    )
  }
  for (const t of results.tools) {
    if (t.crashed) notes.push(`! ${t.label} crashed or could not run: ${JSON.stringify(t.crash).slice(0, 400)}`)
    else if (t.partialCrashes) notes.push(`! ${t.label}: ${t.partialCrashes} skill(s) crashed: ${(t.crashSamples ?? []).join(' | ')}`)
    if (t.findings && t.findings.duplicateFindings)
      notes.push(`  ${t.label}: ${t.findings.duplicateFindings} of its findings are duplicate name/description ` +
        'findings, an artefact of the replicated corpus.')
  }
  if (results.peersError) notes.push(`! peers not run: ${results.peersError}`)
  return notes
}

function printReport(results) {
  const m = results.machine
  const d = results.tools.find((t) => t.id === 'dotskills')
  const v = results.version
  const out = []
  out.push('')
  out.push(`dotskills benchmark — ${m.date}, ${m.nproc} cores (${m.cpuModel}), Node ${m.node}, ${m.os}`)
  out.push(`1-min load average before/after: ${m.loadavg1mBeforeAfter.join(' / ')} (other work on the machine adds noise)`)
  out.push(`corpus: ${results.corpus.skills} skills = ${results.corpus.sourceSkills} real skills × ` +
    `${results.corpus.replicas} replicas, trimmed; ${results.runs} runs per tool (interleaved, after 1 warm-up)`)
  out.push('')
  out.push(table([TIME_HEAD, ...timeRows(results)]))
  for (const n of footnotes(results)) out.push(n)
  if (results.realCorpus) {
    out.push('')
    out.push(`findings on the real corpus alone (${results.realCorpus.skills} skills, no replicas; untimed):`)
    out.push(table([REAL_HEAD, ...realRows(results)]))
  }
  out.push('')
  out.push(`dotskills lint, 1,000 skills: median ${fmtMs(d?.wallMs?.median)} — target ≤ ${fmtMs(TARGET_LINT_MS)}: ` +
    (d?.wallMs ? (d.wallMs.median <= TARGET_LINT_MS ? 'PASS' : 'MISSED') : 'n/a'))
  out.push(`dotskills --version: median ${fmtMs(v.dotskillsVersion.median)} vs node -e 0 ${fmtMs(v.nodeE0.median)} ` +
    `(${v.runs} runs each) = ${v.ratio.toFixed(2)}x — target ≤ ${v.target}x: ${v.pass ? 'PASS' : 'MISSED'}`)
  out.push('')
  out.push('how each tool was invoked:')
  for (const t of results.tools) out.push(`  ${t.label}: ${t.invocation}`)
  out.push(`results written to ${relative(ROOT, RESULTS)}`)
  process.stdout.write(out.join('\n') + '\n')
}

function markdown(results) {
  const m = results.machine
  const v = results.version
  const esc = (s) => String(s).replaceAll('|', '\\|')
  const rows = timeRows(results)
  const lines = [
    `Run of ${m.date.slice(0, 10)} on ${m.nproc} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}` +
      (m.dotskillsCommit ? `, dotskills at commit ${m.dotskillsCommit} (working tree as built)` : '') +
      `; 1-min load average ${m.loadavg1mBeforeAfter?.join(' before / ')} after.`,
    '',
    `| ${TIME_HEAD.join(' | ')} |`,
    `| ${TIME_HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
    `| node -e 0 (start-up floor, 1 process) | ${fmtRange(v.nodeE0, fmtMs)} | | | | | | | |`,
    '',
    ...footnotes(results).map((n) => `${n.trim()}  `),
    '',
    ...(results.realCorpus
      ? [
          `Findings on the real corpus alone (${results.realCorpus.skills} skills, no replicas, untimed):`,
          '',
          `| ${REAL_HEAD.join(' | ')} |`,
          `| ${REAL_HEAD.map((_, i) => (i === 0 || i === 5 ? '---' : '---:')).join(' | ')} |`,
          ...realRows(results).map((r) => `| ${r.map(esc).join(' | ')} |`),
          '',
        ]
      : []),
    `\`dotskills --version\`: median ${fmtMs(v.dotskillsVersion.median)} (${fmtMs(v.dotskillsVersion.min)}–` +
      `${fmtMs(v.dotskillsVersion.max)}) vs \`node -e 0\` ${fmtMs(v.nodeE0.median)} (${fmtMs(v.nodeE0.min)}–` +
      `${fmtMs(v.nodeE0.max)}), ${v.runs} runs each: **${v.ratio.toFixed(2)}×** (target ≤ ${v.target}×: ` +
      `${v.pass ? 'met' : 'missed'}).`,
  ]
  return lines.join('\n')
}

// ---------------------------------------------------------------- main

async function main() {
  if (process.argv.includes('--markdown')) {
    if (!existsSync(RESULTS)) {
      log(`bench: no ${relative(ROOT, RESULTS)} yet; run npm run bench first`)
      process.exit(1)
    }
    process.stdout.write(markdown(JSON.parse(readFileSync(RESULTS, 'utf8'))) + '\n')
    return
  }
  if (!existsSync(SRC) || listSkillDirs(SRC).length === 0) {
    process.stdout.write(
      `bench: skipped — the skills corpus was not found at ${SRC}\n` +
        '(it lives in ../shared/data/skills next to the repository; set BENCH_CORPUS_SRC to point elsewhere).\n',
    )
    return
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    log('bench: dist/cli.js is missing: run `npm run build` first')
    process.exit(1)
  }
  if (!haveGnuTime) log(`bench: ${GNU_TIME} not found: peak memory will not be measured`)

  const started = Date.now()
  const loadBefore = os.loadavg().map((x) => round(x, 2))
  mkdirSync(WORK, { recursive: true })
  log(`bench: building a ${N_SKILLS}-skill corpus from ${SRC} ...`)
  const corpus = buildCorpus()
  log(`bench: ${corpus.skills.length} skills (${corpus.srcCount} real × ${corpus.replicas} replicas, trimmed) in ${relative(ROOT, CORPUS)}`)

  const peersError = SKIP_PEERS ? 'skipped (BENCH_SKIP_PEERS=1)' : ensurePeers()
  const k = Math.min(REF_SUBSET, corpus.skills.length)
  const subset = Array.from({ length: k }, (_, i) => corpus.skills[Math.floor((i * corpus.skills.length) / k)])
  const all = makeTools(corpus.skills, subset)
  const tools = [all.dotskills, all.dotskillsCached]
  if (!peersError) tools.push(all.skillCheck, all.skillsRef, all.skillsRefApi)

  const res = benchTools(tools)
  log(`bench: dotskills --version vs node -e 0, ${VERSION_RUNS} runs each ...`)
  const version = benchVersion()
  const realCorpus = realFindings(all, !peersError)

  const dotRuns = res.get('dotskills').runs
  const dotMedian = dotRuns.length ? median(dotRuns.map((r) => r.wallMs)) : null
  const results = {
    machine: { ...machine(), loadavg1mBeforeAfter: [loadBefore[0], round(os.loadavg()[0], 2)] },
    runs: RUNS,
    corpus: {
      source: relative(ROOT, SRC),
      sourceSkills: corpus.srcCount,
      replicas: corpus.replicas,
      skills: corpus.skills.length,
      path: relative(ROOT, CORPUS),
    },
    targets: { lintMs: TARGET_LINT_MS, versionRatio: TARGET_VERSION_RATIO },
    lintTargetMet: dotMedian != null && dotMedian <= TARGET_LINT_MS,
    tools: summarise(res, dotMedian),
    version,
    realCorpus,
    peersError,
    benchSeconds: null,
  }
  results.benchSeconds = round((Date.now() - started) / 1000, 1)
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n')
  printReport(results)
  log(`bench: done in ${results.benchSeconds} s`)
}

await main()
