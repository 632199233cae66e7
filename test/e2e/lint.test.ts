// End-to-end tests of `dotskills lint`: the real binary (bin/dotskills.js → dist/, so build first)
// in a child process, in temp projects, as a user or CI runs it. Report formats: formats.test.ts;
// config files: config*.test.ts; severities: severities.test.ts. (Split so that each file stays
// well inside tap's per-file timeout: every run starts a Node process.)
import t from 'tap'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runCli, ROOT } from '../helpers/run-cli.js'
import { DIALECT, PKG, STYLISH_THREE, THREE, noStack, skillMd } from '../helpers/e2e.js'

t.test('exit codes', async (t) => {
  const dir = t.testdir(THREE)
  const clean = runCli(['lint', 'skills/clean'], { cwd: dir })
  t.equal(clean.code, 0, 'clean skill: 0')
  t.equal(clean.stdout, '✔ 1 skill checked, no problems\n')
  t.equal(clean.stderr, '')

  t.equal(runCli(['lint', 'skills'], { cwd: dir }).code, 1, 'an error: 1')

  const warned = runCli(['lint', 'skills/warned'], { cwd: dir })
  t.equal(warned.code, 0, 'warnings only, no limit: 0')
  const over = runCli(['lint', 'skills/warned', '--max-warnings', '0'], { cwd: dir })
  t.equal(over.code, 1, 'more warnings than --max-warnings: 1')
  t.equal(over.stderr, 'dotskills: too many warnings (1); the maximum is 0\n')
  t.equal(runCli(['lint', 'skills/warned', '--max-warnings', '1'], { cwd: dir }).code, 0, 'within --max-warnings: 0')
  t.equal(runCli(['lint', 'skills/warned', '--max-warnings', '-1'], { cwd: dir }).code, 0, '-1 means no limit')

  const missing = runCli(['lint', 'nope'], { cwd: dir })
  t.equal(missing.code, 2, 'missing path: 2')
  t.match(missing.stderr, /^dotskills: .*nope: no such file or folder\n/)
  t.equal(missing.stdout, '')
  noStack(t, missing)

  const empty = t.testdir({ 'package.json': PKG, docs: { 'README.md': '# not a skill\n' } })
  const none = runCli(['lint', 'docs'], { cwd: empty })
  t.equal(none.code, 2, 'a folder without skills: 2')
  t.match(none.stderr, /no skills found/)
})

t.test('bad flags exit 2 with one line and no stack trace', async (t) => {
  const dir = t.testdir(THREE)
  const bad: [string[], RegExp][] = [
    [['lint', 'skills', '--format', 'nope'], /^dotskills: invalid value "nope" for format: choose "stylish", "json", "github", "sarif"\n/],
    [['lint', 'skills', '--bogus'], /unknown argument: bogus/i],
    [['lint', 'skills', '--profile', 'nope'], /^dotskills: invalid value "nope" for profile: choose /],
    [['lint', 'skills', '--rule', 'body-size'], /--rule "body-size": expected <rule-id>=off\|warn\|error/],
    [['lint', 'skills', '--rule', 'body-size=loud'], /expected <rule-id>=off\|warn\|error/],
    [['lint', 'skills', '--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
    [['lint', 'skills', '--max-warnings'], /max-warnings/],
    [['lint', 'skills', '--output-file'], /output-file/],
  ]
  for (const [args, message] of bad) {
    const r = runCli(args, { cwd: dir })
    t.equal(r.code, 2, `${args.slice(2).join(' ')}: exit 2`)
    t.match(r.stderr, /^dotskills: /)
    t.match(r.stderr, message)
    t.equal(r.stdout, '')
    noStack(t, r)
  }
})

t.test('--max-warnings needs a number', async (t) => {
  // BUG (lib/commands/lint.ts): yargs turns "abc" into NaN, and `NaN >= 0` is false, so the
  // limit is silently dropped and the run passes. Expected: a usage error, exit 2.
  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills/warned', '--max-warnings', 'abc'], { cwd: dir })
  t.equal(r.code, 2, '--max-warnings abc is a usage error')
  t.match(r.stderr, /^dotskills: .*max-warnings/)
})

t.test('--profile', async (t) => {
  const list = { 'SKILL.md': skillMd('tools', 'Searches the codebase. Use when looking for a symbol.', 'allowed-tools:\n  - Read\n  - Grep\n') }
  const dir = t.testdir({ 'package.json': PKG, skills: { tools: list, demo: DIALECT } })
  const spec = runCli(['lint', 'skills', '--format', 'json'], { cwd: dir })
  t.equal(spec.code, 1)
  t.same(
    JSON.parse(spec.stdout).files.flatMap((f: { path: string; messages: { ruleId: string; line: number }[] }) => f.messages.map((m) => `${f.path}:${m.line} ${m.ruleId}`)),
    ['skills/demo/SKILL.md:4 frontmatter-unknown-field', 'skills/tools/SKILL.md:5 frontmatter-type'],
  )
  const claude = runCli(['lint', 'skills', '--profile', 'claude-code'], { cwd: dir })
  t.equal(claude.code, 0, 'claude-code accepts allowed-tools lists and argument-hint')
  const copilot = runCli(['lint', 'skills', '--profile', 'copilot'], { cwd: dir })
  t.equal(copilot.code, 1, 'copilot accepts argument-hint but not an allowed-tools list')
  t.match(copilot.stdout, /skills\/tools\/SKILL\.md\n {2}5:3 {2}error/)
  t.notMatch(copilot.stdout, 'skills/demo')

  const configured = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'lint:\n  profile: claude-code\n', skills: { tools: list } })
  t.equal(runCli(['lint', 'skills'], { cwd: configured }).code, 0, 'profile from the config')
  t.equal(runCli(['lint', 'skills', '--profile', 'spec'], { cwd: configured }).code, 1, '--profile wins over the config')
})

t.test('--output-file writes the report and prints nothing', async (t) => {
  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills', '--format', 'json', '--output-file', 'reports/lint.json'], { cwd: dir })
  t.equal(r.code, 1, 'the exit code still reflects the findings')
  t.equal(r.stdout, '')
  t.equal(r.stderr, '')
  const written = readFileSync(join(dir, 'reports/lint.json'), 'utf8')
  t.equal(written, runCli(['lint', 'skills', '--format', 'json'], { cwd: dir }).stdout, 'same report as on stdout')
  t.same(readdirSync(join(dir, 'reports')), ['lint.json'], 'no temp file left behind')

  const colored = runCli(['lint', 'skills', '-o', 'lint.txt'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } })
  t.equal(colored.stdout, '')
  t.equal(readFileSync(join(dir, 'lint.txt'), 'utf8'), STYLISH_THREE, 'never colors in a file')

  const sarif = runCli(['lint', 'skills/clean', '--format', 'sarif', '-o', 'out.sarif'], { cwd: dir })
  t.equal(sarif.code, 0)
  t.ok(existsSync(join(dir, 'out.sarif')))
  t.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version, '2.1.0')
})

t.test('--quiet hides warnings', async (t) => {
  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills', '--quiet'], { cwd: dir })
  t.equal(r.code, 1)
  t.equal(
    r.stdout,
    'skills/broken/SKILL.md\n' +
      '  4:1  error    unknown field "version" for the spec profile; move it under metadata or pick an agent profile with --profile  frontmatter-unknown-field\n' +
      '\n' +
      '✖ 1 problem (1 error, 0 warnings) in 3 skills\n',
  )
  const json = JSON.parse(runCli(['lint', 'skills', '-q', '--json'], { cwd: dir }).stdout)
  t.equal(json.warningCount, 0)
  t.same(json.files.map((f: { path: string }) => f.path), ['skills/broken/SKILL.md'])
  const onlyWarnings = runCli(['lint', 'skills/warned', '--quiet'], { cwd: dir })
  t.equal(onlyWarnings.code, 0)
  t.equal(onlyWarnings.stdout, '✔ 1 skill checked, no problems\n')
})

t.test('the example repo lints clean', async (t) => {
  const all = runCli(['lint', 'examples/'], { cwd: ROOT })
  t.equal(all.code, 0, `dotskills lint examples/: ${all.stdout}${all.stderr}`)
  t.match(all.stdout, /^✔ \d+ skills checked, no problems\n$/)
  const dotfiles = runCli(['lint'], { cwd: join(ROOT, 'examples/dotfiles') })
  t.equal(dotfiles.code, 0, `dotskills lint in examples/dotfiles: ${dotfiles.stdout}${dotfiles.stderr}`)
  t.match(dotfiles.stdout, /^✔ \d+ skills checked, no problems\n$/)
  t.equal(dotfiles.stderr, '')
})

t.test('--output-file naming an existing folder is a usage error', async (t) => {
  // BUG (lib/commands/lint.ts): the report is written to `<out>.<pid>.tmp` and renamed onto the
  // folder, which throws EISDIR: exit 70 with a stack trace, and the temp file is left next to the
  // folder. Expected: exit 2, `dotskills: <path>: … is a folder`, no temp file.
  const dir = t.testdir({ ...THREE, reports: { 'keep.txt': 'x' } })
  const r = runCli(['lint', 'skills', '-o', 'reports'], { cwd: dir })
  t.equal(r.code, 2, 'exit 2')
  t.match(r.stderr, /^dotskills: .*reports/)
  noStack(t, r)
  t.same(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind')
})

t.test('a dangling SKILL.md symlink does not crash the run', async (t) => {
  // Discovery accepts a symlink named SKILL.md without checking its target; reading it used to
  // escape as an internal error (exit 70 + stack trace). Now: a one-line error naming the file.
  const dir = t.testdir({ ...THREE, skills: { ...THREE.skills, dangling: { 'SKILL.md': t.fixture('symlink', 'nowhere.md') } } })
  const r = runCli(['lint', 'skills'], { cwd: dir })
  t.not(r.code, 70, 'not an internal error')
  t.ok(r.code === 1 || r.code === 2, `exit 1 or 2 (got ${r.code})`)
  t.match(r.stdout + r.stderr, /dangling/)
  noStack(t, r)
})
