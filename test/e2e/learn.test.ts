// End-to-end tests of `dotskills learn` and its inbox: the real binary over real and synthetic
// session logs, against a dotfiles repo in a temp folder. The headline case is the issue's: the
// real Claude Code session where the `handgemacht:commit` skill's `git log --oneline main..HEAD`
// fails and the agent goes on with `git log --oneline -5`.
import t, { type Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from '../helpers/run-cli.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
const REAL = join(FIXTURES, 'sessions/claude-code/real/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl')
const CLEAN = [join(FIXTURES, 'sessions/claude-code/real/short.jsonl'), join(FIXTURES, 'sessions/claude-code/real/tool_heavy.jsonl')]
const DETECTORS = join(FIXTURES, 'learn/detectors')

/** A dotfiles repo (git, so `git apply` can check the patches) with the fixture skills, and a home. */
function world(t: Test) {
  const dir = t.testdir({ repo: { 'dotskills.yaml': 'skills: skills\n' }, home: {} })
  const repo = join(dir, 'repo')
  cpSync(join(DETECTORS, 'skills'), join(repo, 'skills'), { recursive: true })
  execFileSync('git', ['init', '-q', repo])
  const home = join(dir, 'home')
  const cli = (...args: string[]) => runCli([...args, '--home', home], { cwd: repo, writable: [home] })
  const inbox = () => (existsSync(join(repo, '.dotskills/inbox')) ? readdirSync(join(repo, '.dotskills/inbox')).sort() : [])
  const skill = (name: string) => readFileSync(join(repo, 'skills', name, 'SKILL.md'), 'utf8')
  return { dir, repo, home, cli, inbox, skill }
}

const idOf = (stdout: string) => /^ {2}([0-9a-f]{8}) {2}/m.exec(stdout)?.[1]

t.test('the real failed command: a proposal that edits that line, citing that record', async (t) => {
  const w = world(t)
  const r = w.cli('learn', REAL)
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^learn: 1 log file, 1 session, 2 skills in the repo\n1 proposal in \.dotskills\/inbox\/ \(1 new, 0 updated\):\n/)
  t.match(r.stdout, 'commit: replace `git log --oneline main..HEAD`, which failed, with `git log --oneline -5`, which worked (line 10)')
  const id = idOf(r.stdout)!
  t.same(w.inbox(), [`${id}.json`, `${id}.patch`])
  const p = JSON.parse(readFileSync(join(w.repo, '.dotskills/inbox', `${id}.json`), 'utf8'))
  t.match(p, { id, signal: 'failed-command', skill: 'commit', target: 'skills/commit/SKILL.md', confidence: 0.8, recurrence: 1, validated: true })
  t.match(p.evidence[0], { agent: 'claude-code', file: REAL, line: 21, role: 'failed', sessionId: '8463c716-a2ea-4c14-9efa-87158ebd9f20' })
  t.match(p.evidence[0].quote, "git log --oneline main..HEAD: fatal: ambiguous argument 'main..HEAD'")
  const patch = readFileSync(join(w.repo, '.dotskills/inbox', `${id}.patch`), 'utf8')
  t.equal(patch, p.diff)
  t.match(patch, '-- Recent commits: !`git log --oneline main..HEAD`\n+- Recent commits: !`git log --oneline -5`\n')
  execFileSync('git', ['apply', '--check', `.dotskills/inbox/${id}.patch`], { cwd: w.repo }) // throws if it does not apply

  const again = w.cli('learn', REAL)
  t.match(again.stdout, '(0 new, 1 updated)', 'running again does not duplicate')
  t.same(w.inbox(), [`${id}.json`, `${id}.patch`])

  const show = w.cli('learn', 'show', id.slice(0, 4))
  t.equal(show.code, 0)
  t.match(show.stdout, `proposal ${id}: commit: replace`)
  t.match(show.stdout, `failed: ${REAL}:21 (claude-code, 2026-02-11)`)
  t.match(show.stdout, '--- a/skills/commit/SKILL.md\n+++ b/skills/commit/SKILL.md\n@@ -7,7 +7,7 @@')
  t.same(JSON.parse(w.cli('learn', 'show', id, '--json').stdout), p)
  t.match(w.cli('learn', 'list').stdout, new RegExp(`^  ${id}  0\\.80  commit: replace`))

  const before = w.skill('commit')
  const applied = w.cli('learn', 'apply', id)
  t.equal(applied.code, 0, applied.stderr)
  t.match(applied.stdout, `applied ${id} to skills/commit/SKILL.md (lint clean)`)
  t.equal(w.skill('commit'), before.replace('!`git log --oneline main..HEAD`', '!`git log --oneline -5`'))
  t.same(w.inbox(), [], 'an applied proposal leaves the inbox')
  t.match(w.cli('learn', REAL).stdout, 'no proposals', 'and does not come back')
})

t.test('discard: gone, and not proposed again; ids must name one proposal', async (t) => {
  const w = world(t)
  const id = idOf(w.cli('learn', REAL).stdout)!
  t.equal(w.cli('learn', 'discard', 'zz').code, 2, 'not an id')
  const unknown = w.cli('learn', 'discard', 'ffff')
  t.equal(unknown.code, 2)
  t.match(unknown.stderr, /no proposal ffff in the inbox/)
  const d = w.cli('learn', 'discard', id)
  t.equal(d.code, 0)
  t.equal(d.stdout, `discarded ${id}\n`)
  t.same(w.inbox(), [])
  const json = JSON.parse(w.cli('learn', REAL, '--json').stdout)
  t.same(json.proposals, [])
  t.same(json.inbox, { added: [], updated: [], skipped: [id] })
  t.same(JSON.parse(readFileSync(join(w.repo, '.dotskills/learn-state.json'), 'utf8')), { format: 1, discarded: [id], applied: [] })
})

t.test('apply refuses a proposal the skill moved away from, and undoes one that breaks lint', async (t) => {
  const w = world(t)
  const id = idOf(w.cli('learn', REAL).stdout)!
  const file = join(w.repo, 'skills/commit/SKILL.md')
  const edited = w.skill('commit').replace('- Recent commits: !`git log --oneline main..HEAD`', '- Recent: !`git log --oneline main..HEAD`')
  writeFileSync(file, edited)
  t.match(w.cli('learn', 'list').stdout, '(stale: the skill changed since)')
  const r = w.cli('learn', 'apply', id)
  t.equal(r.code, 3)
  t.equal(r.stderr, `dotskills: skills/commit/SKILL.md: proposal ${id} does not apply: the skill changed since it was proposed\n  hint: run \`dotskills learn\` again, or \`dotskills learn discard ${id}\`\n`)
  t.equal(w.skill('commit'), edited, 'the file is untouched')

  // a proposal (tampered with, or made by --llm) whose result does not lint
  const jsonPath = join(w.repo, '.dotskills/inbox', `${id}.json`)
  const p = JSON.parse(readFileSync(jsonPath, 'utf8'))
  p.diff = '--- a/skills/commit/SKILL.md\n+++ b/skills/commit/SKILL.md\n@@ -1,4 +1,4 @@\n ---\n-name: commit\n+name: Commit_Skill\n description: Write a commit for the current changes. Use when the user asks to commit.\n ---\n'
  writeFileSync(jsonPath, JSON.stringify(p))
  const bad = w.cli('learn', 'apply', id)
  t.equal(bad.code, 1)
  t.match(bad.stderr, `proposal ${id} not applied: it would leave skills/commit/SKILL.md with lint errors (the file is unchanged)`)
  t.match(bad.stdout, 'name-format')
  t.equal(w.skill('commit'), edited)
  t.same(w.inbox(), [`${id}.json`, `${id}.patch`], 'still in the inbox')

  p.target = '../outside/SKILL.md'
  writeFileSync(jsonPath, JSON.stringify(p))
  const escape = w.cli('learn', 'apply', id)
  t.equal(escape.code, 2)
  t.match(escape.stderr, 'proposal target "../outside/SKILL.md" is not a path inside the config folder')
  t.notOk(existsSync(join(w.dir, 'outside')))
})

t.test('default locations under --home, and the filters', async (t) => {
  const w = world(t)
  const project = join(w.home, '.claude/projects/-home-USER-projects-spotter')
  mkdirSync(project, { recursive: true })
  cpSync(REAL, join(project, '8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl'))
  const all = w.cli('learn', '--dry-run')
  t.equal(all.code, 0)
  t.match(all.stdout, /^learn: 1 log file, 1 session, 2 skills in the repo\n1 proposal \(dry run: inbox not written\):/)
  t.same(w.inbox(), [], 'a dry run writes nothing')
  t.match(w.cli('learn', '--dry-run', '--agent', 'codex').stdout, /^learn: 0 log files, 0 sessions.*\nno proposals\n$/)
  t.match(w.cli('learn', '--dry-run', '--since', '2026-03-01').stdout, '1 log file, 0 sessions', 'the session ended in February')
  t.match(w.cli('learn', '--dry-run', '--since', '2026-02-01').stdout, '1 log file, 1 session,')
  t.match(w.cli('learn', '--dry-run', '--until', '2026-02-01').stdout, '0 sessions')
  t.match(w.cli('learn', '--dry-run', '--project', '/home/USER/projects/spotter-worktrees').stdout, '1 session,')
  t.match(w.cli('learn', '--dry-run', '--project', '/elsewhere').stdout, '0 sessions')
  const old = new Date('2026-01-01T00:00:00Z')
  utimesSync(join(project, '8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl'), old, old)
  t.match(w.cli('learn', '--dry-run', '--since', '2026-02-01').stdout, '0 log files', 'a file not written since is not read')
  const bad = w.cli('learn', '--since', 'last week')
  t.equal(bad.code, 2)
  t.equal(bad.stderr, 'dotskills: --since "last week" is not a date or a duration\n  hint: give an ISO date (2026-11-01) or a duration back from now (7d, 12h, 2w, 3mo)\n')
  t.equal(w.cli('learn', '--agent', 'cursor').code, 2)
})

t.test('--exit-code, --json, --verbose and malformed logs', async (t) => {
  const w = world(t)
  t.equal(w.cli('learn', REAL, '--exit-code', '--dry-run').code, 1, 'proposals: 1')
  t.equal(w.cli('learn', ...CLEAN, '--exit-code').code, 0, 'none: 0')
  const json = JSON.parse(w.cli('learn', REAL, '--json', '--dry-run').stdout)
  t.match(json, { files: 1, sessions: 1, skills: 2, counts: { lines: 70, records: 70 }, inbox: null })
  t.equal(json.proposals.length, 1)
  const robust = join(FIXTURES, 'sessions/claude-code/synthetic/robustness.jsonl')
  const v = w.cli('learn', robust, '--verbose')
  t.equal(v.code, 0, 'malformed lines are counted, never fatal')
  t.match(v.stderr, /^learn: \d+ lines, \d+ records; skipped: \d+ blank, [1-9]\d* NUL, [1-9]\d* invalid JSON, /)
  t.equal(w.cli('learn', robust).stderr, '', 'counts only with --verbose')
  const notALog = join(w.dir, 'notes.jsonl')
  writeFileSync(notALog, '{"hello":"world"}\n')
  const unknown = w.cli('learn', notALog, '--verbose')
  t.equal(unknown.code, 0)
  t.match(unknown.stderr, 'learn: 1 file in no known log format, skipped\n')
})

t.test('clean sessions yield no proposal; unvalidated findings need recurrence', async (t) => {
  const w = world(t)
  const clean = w.cli('learn', ...CLEAN, join(DETECTORS, 'sessions/codex/rollout-2026-11-04T10-00-00-019d0000-0000-7000-8000-00000000c002.jsonl'))
  t.match(clean.stdout, /3 sessions, .*\nno proposals\n$/)
  const once = join(DETECTORS, 'sessions/claude-code/failed-no-fix.jsonl')
  t.match(w.cli('learn', once).stdout, 'no proposals', 'a failure without a fix, once: nothing')
  const logs = join(w.dir, 'logs')
  mkdirSync(logs)
  cpSync(once, join(logs, 'a.jsonl'))
  cpSync(once, join(logs, 'b.jsonl'))
  const twice = w.cli('learn', logs)
  t.match(twice.stdout, 'release: add 1 Gotchas bullet (failed-command, 2 sessions)')
  const id = idOf(twice.stdout)!
  const patch = readFileSync(join(w.repo, '.dotskills/inbox', `${id}.patch`), 'utf8')
  t.match(patch, '+## Gotchas\n+\n+- `npm run build` can fail:')
  execFileSync('git', ['apply', '--check', `.dotskills/inbox/${id}.patch`], { cwd: w.repo })
})

t.test('--llm: the command\'s text replaces the deterministic one; a failing command leaves it', async (t) => {
  const w = world(t)
  const script = join(w.dir, 'fake-llm.mjs')
  writeFileSync(
    script,
    `let s = ''
process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const input = JSON.parse(s)
  if (!input.proposal.evidence.length || !input.skill.current) process.exit(5)
  process.stdout.write(input.skill.proposed.replace('## Steps', '## Steps\\n\\nCheck the branch with \`git branch --show-current\` first.'))
})
`,
  )
  const r = w.cli('learn', REAL, '--llm', `node ${script}`)
  t.equal(r.code, 0, r.stderr)
  const id = idOf(r.stdout)!
  const p = JSON.parse(readFileSync(join(w.repo, '.dotskills/inbox', `${id}.json`), 'utf8'))
  t.equal(p.llm, true)
  t.match(p.diff, '+Check the branch with `git branch --show-current` first.')
  t.match(p.diff, '+- Recent commits: !`git log --oneline -5`')
  execFileSync('git', ['apply', '--check', `.dotskills/inbox/${id}.patch`], { cwd: w.repo })

  const failing = w.cli('learn', REAL, '--llm', 'echo oops >&2; exit 3', '--dry-run', '--json')
  t.equal(failing.code, 0)
  t.match(failing.stderr, /--llm for [0-9a-f]{8} not used: it exited with 3: oops/)
  t.notOk(JSON.parse(failing.stdout).proposals[0].llm)
  const garbage = w.cli('learn', REAL, '--llm', 'echo not a skill', '--dry-run')
  t.match(garbage.stderr, 'not used: it did not print a SKILL.md (frontmatter first)')
  const broken = w.cli('learn', REAL, '--llm', `printf -- '---\\nname: Bad Name\\ndescription: x\\n---\\n'`, '--dry-run')
  t.match(broken.stderr, 'not used: the edit would add lint errors')
  const slow = runCli(['learn', REAL, '--llm', 'sleep 30; echo late', '--dry-run', '--home', w.home], { cwd: w.repo, writable: [w.home], env: { DOTSKILLS_LLM_TIMEOUT_MS: '300' } })
  t.equal(slow.code, 0)
  t.match(slow.stderr, 'not used: it was stopped (SIGKILL, over 0.3 s)', 'a command that hangs is stopped, with its children')
})

t.test('compare: per skill, two log sets side by side', async (t) => {
  const w = world(t)
  const r = w.cli('learn', 'compare', REAL, CLEAN[0]!)
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^A: .*8463c716.*\(1 sessions in 1 files\)\nB: .*short\.jsonl \(1 sessions in 1 files\)\n\nskill +uses A +uses B +fail A +fail B +corr\/use A +corr\/use B\ncommit +1 +0 +100% +- +0\.00 +-\n$/)
  const json = JSON.parse(w.cli('learn', 'compare', REAL, CLEAN[0]!, '--json').stdout)
  t.match(json.a.skills[0], { skill: 'commit', sessions: 1, uses: 1, failures: 1, failureRate: 1, corrections: 0 })
  t.same(json.b.skills, [])
  t.equal(w.cli('learn', 'compare', '7d..30d', '1d..').code, 2, 'a window that ends before it starts')
})

t.test('without a config: exit 2', async (t) => {
  const dir = t.testdir({})
  const r = runCli(['learn', REAL, '--home', dir], { cwd: dir })
  t.equal(r.code, 2)
  t.equal(r.stderr.split('\n').length, 3, 'one line and a hint')
})

t.test('several proposals for one skill apply one after another into one Gotchas section', async (t) => {
  const dir = t.testdir({ repo: { 'dotskills.yaml': 'skills: skills\n' }, home: {} })
  const repo = join(dir, 'repo')
  cpSync(join(FIXTURES, 'learn/remember/skills'), join(repo, 'skills'), { recursive: true })
  const cli = (...args: string[]) => runCli([...args, '--home', join(dir, 'home')], { cwd: repo, writable: [join(dir, 'home')] })
  const r = cli('learn', join(FIXTURES, 'learn/remember/sessions'), '--json')
  const release = JSON.parse(r.stdout).proposals.filter((p: { skill: string }) => p.skill === 'release')
  t.ok(release.length >= 2, 'several remember proposals for release')
  for (const p of release) {
    const a = cli('learn', 'apply', p.id)
    t.equal(a.code, 0, a.stderr)
  }
  const text = readFileSync(join(repo, 'skills/release/SKILL.md'), 'utf8')
  t.equal(text.match(/^## Gotchas$/gm)?.length, 1, 'one section')
  for (const p of release) t.match(text, `- ${p.edit.bullets[0]}`)
  t.equal(cli('lint', 'skills/release').code, 0, 'still lint-clean')
  t.same(JSON.parse(cli('learn', join(FIXTURES, 'learn/remember/sessions'), '--json').stdout).proposals.filter((p: { skill: string }) => p.skill === 'release'), [], 'applied ones do not come back')
})
