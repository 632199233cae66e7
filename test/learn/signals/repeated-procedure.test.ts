// The repeated-procedure detector (lib/learn/signals/repeated-procedure.ts): step shapes, names and
// descriptions, table-tested; the findings it draws from synthetic sessions of four agents
// (test/fixtures/learn/repeated-procedure, see its SOURCES.md) read through the real readers; and
// in-memory sessions for one rule at a time. Gating one-off procedures is the aggregator's job:
// here a single session does yield findings, and the tests check that the keys agree across
// sessions for the same procedure and differ for another.
import t from 'tap'
import { join, resolve } from 'node:path'
import { simpleCommands } from '../../../lib/learn/readers/shell.js'
import { readSessions } from '../../../lib/learn/sessions.js'
import { readSkill, skillIndex } from '../../../lib/learn/skills.js'
import detector, { CONFIDENCE, isReadOnly, MAX_FINDINGS, procedureDescription, procedureName, stepShape } from '../../../lib/learn/signals/repeated-procedure.js'
import type { Finding, Session, SkillRef } from '../../../lib/learn/signals/types.js'
import { emptyCounts, type LogEvent } from '../../../lib/learn/types.js'

const ROOT = resolve(import.meta.dirname, '../../fixtures/learn/repeated-procedure')
const skills = skillIndex([readSkill(join(ROOT, 'skills', 'release'), join(ROOT, 'skills', 'release', 'SKILL.md'), ROOT)])

async function session(rel: string): Promise<Session> {
  const counts = emptyCounts()
  const sessions = await readSessions(join(ROOT, 'sessions', rel), counts)
  if (!sessions || sessions.length !== 1 || counts.invalidJson || counts.unknownType || counts.pending) throw new Error(`${rel}: not read cleanly: ${sessions?.length} sessions, ${JSON.stringify(counts)}`)
  return sessions[0]!
}

function detect(s: Session, index = skills): Finding[] {
  const found = detector.detect(s, index)
  if (JSON.stringify(detector.detect(s, index)) !== JSON.stringify(found)) throw new Error('same session, other findings')
  for (const f of found) for (const e of f.evidence) if (e.file !== s.file || e.sessionId !== s.id || e.agent !== s.agent) throw new Error(`evidence points elsewhere: ${JSON.stringify(e)}`)
  return found
}
const keys = (found: Finding[]) => found.map((f) => f.key)
const lines = (f: Finding) => f.evidence.map((e) => `${e.line} ${e.role}: ${e.quote}`)
const shapes = (command: string) => simpleCommands(command).map(stepShape)

const NPM_COMMIT = 'repeated-procedure:npm run build → npm test → git add → git commit'

t.test('detector metadata', async (t) => {
  t.equal(detector.id, 'repeated-procedure')
  t.equal(detector.threshold, 2, 'a one-off never becomes a skill')
  t.type(detector.describe, 'string')
})

t.test('stepShape: program and subcommand, never the arguments that vary', async (t) => {
  const rows: [string, (string | undefined)[]][] = [
    ['git -C app commit -m "fix: x"', ['git commit']],
    ['git add -A && git commit -m "y" && git push origin HEAD', ['git add', 'git commit', 'git push']],
    ['npm test', ['npm test']],
    ['npm run build -- --watch', ['npm run build']],
    ['pnpm --filter web run dev', ['pnpm run dev']],
    ['yarn build', ['yarn build']],
    ['npx tsc --noEmit', ['npx tsc']],
    ['npx -y prettier@3 --write .', ['npx prettier']],
    ['npx @scope/tool@1 x', ['npx @scope/tool']],
    ['python -m pytest -q tests/', ['python -m pytest']],
    ['node scripts/gen.js --out dist', ['node gen.js']],
    ['./scripts/deploy.sh prod', ['deploy.sh']],
    ['/usr/bin/make -j4', ['make']],
    ['make build', ['make build']],
    ['docker compose up -d', ['docker compose up']],
    ['gh pr create --fill', ['gh pr create']],
    ['cargo test --all', ['cargo test']],
    ['go test ./...', ['go test']],
    ["sed -i 's/a/b/' x", ['sed -i']],
    ["sed -n '1,5p' x", [undefined]],
    ['cd app && npm test', [undefined, 'npm test']],
    ['ls -la; cat README.md | grep x', [undefined, undefined, undefined]],
    ['tsc -p . 2>&1', ['tsc']],
    ['FOO=1 sudo apt-get install -y jq', ['apt-get install']],
    ['git commit -m "$(cat msg)"', ['git commit']],
  ]
  for (const [command, want] of rows) t.strictSame(shapes(command), want, command)
  t.equal(stepShape([]), undefined, 'no words')
  t.equal(stepShape([42 as unknown as string]), undefined, 'odd words, no throw')
  t.ok(isReadOnly('git status') && isReadOnly('git log') && isReadOnly('kubectl get'), 'looks that change nothing')
  t.notOk(isReadOnly('git commit') || isReadOnly('npm test') || isReadOnly('cargo fmt'), 'steps that act')
})

t.test('procedureName and procedureDescription', async (t) => {
  t.equal(procedureName(['npm run build', 'npm test', 'git add', 'git commit']), 'npm-build-test-add-commit')
  t.equal(procedureName(['cargo fmt', 'cargo clippy', 'cargo test']), 'cargo-fmt-clippy-test')
  t.equal(procedureName(['deploy.sh', 'npx @scope/tool', 'python -m pytest']), 'deploy-scope-tool-pytest', 'extensions and odd characters dropped')
  t.equal(procedureName(['cargo fmt', 'cargo clippy', 'cargo test'], (n) => n === 'cargo-fmt-clippy-test'), 'cargo-fmt-clippy-test-2', 'never a repo skill’s name')
  const long = procedureName(['x'.repeat(30) + ' a', 'y'.repeat(30) + ' b', 'z'.repeat(30) + ' c'])
  t.ok(/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(long) && long.length <= 64, `${long}: a valid name, at most 64 characters`)

  t.equal(procedureDescription(['npm test', 'git commit'], 'ship it'), 'Runs npm test and git commit in order; use when a task is like "ship it".')
  t.equal(procedureDescription(['npm test', 'npm run build', 'git commit'], undefined), 'Runs npm test, npm run build and git commit in order; use when these steps are needed together.')
  const odd = procedureDescription(['npm test', 'git commit'], 'make <b>"this"</b> `work` with token=abcdefghijklmnop ' + 'x'.repeat(3000))
  t.notMatch(odd, /[<>`]/, 'no angle brackets, no backticks')
  t.notMatch(odd, /abcdefghijklmnop/, 'secrets redacted')
  t.ok(odd.length <= 1024, 'at most 1024 characters')
  t.match(odd, /use when a task is like "make b'this'\/b work/, 'the prompt quoted, its double quotes made single')
})

t.test('claude-code: build, test, stage and commit by hand, a failure and reads in between', async (t) => {
  const found = detect(await session('claude-code/ship.jsonl'))
  t.strictSame(keys(found), [NPM_COMMIT, 'repeated-procedure:npm run build → npm test → git add', 'repeated-procedure:npm test → git add → git commit'], 'the whole run first, then its parts')
  t.strictSame(found[0], {
    signal: 'repeated-procedure',
    skill: 'npm-build-test-add-commit',
    key: NPM_COMMIT,
    confidence: CONFIDENCE,
    edit: {
      kind: 'new-skill',
      name: 'npm-build-test-add-commit',
      description: 'Runs npm run build, npm test, git add and git commit in order; use when a task is like "ship the login fix".',
      steps: ['npm run build', 'npm test', 'git add -A', "git commit -m 'fix: login redirect'"],
    },
    evidence: found[0]!.evidence,
  })
  // the failed `npm test` (line 6) and `ls dist` (line 4) are not steps
  t.strictSame(lines(found[0]!), ['1 prompt: ship the login fix', '2 step: npm run build', '10 step: npm test', '12 step: git add -A && git commit -m "fix: login redirect"'])
})

t.test('codex: the same procedure with other arguments gives the same key; gemini-cli: another gives another', async (t) => {
  const claude = detect(await session('claude-code/ship.jsonl'))
  const codex = detect(await session('codex/rollout-2026-03-02T10-00-00-019c2000-0000-7000-8000-000000000001.jsonl'))
  t.strictSame(keys(codex), keys(claude), 'each key of one session is found in the other: the aggregator counts two sessions')
  t.strictSame(codex[0]!.edit, {
    kind: 'new-skill',
    name: 'npm-build-test-add-commit',
    description: 'Runs npm run build, npm test, git add and git commit in order; use when a task is like "build, test and commit the parser change".',
    steps: ['npm run build', 'npm test', 'git add src/parser.ts', "git commit -m 'feat: parser'"],
  })
  t.strictSame(lines(codex[0]!), ['5 prompt: build, test and commit the parser change', '6 step: cd pkg && npm run build', '10 step: npm test', '12 step: git add src/parser.ts', "14 step: git commit -m 'feat: parser'"])

  const gemini = detect(await session('gemini-cli/session-2026-03-03T09-00-g4000001.jsonl'))
  t.strictSame(
    gemini.map((f) => [f.key, f.skill, (f.edit as { steps: string[] }).steps]),
    [['repeated-procedure:cargo fmt → cargo clippy → cargo test', 'cargo-fmt-clippy-test', ['cargo fmt', 'cargo clippy -- -D warnings', 'cargo test']]],
  )
  t.notOk(keys(gemini).some((k) => keys(claude).includes(k)), 'a different procedure, a different key')
})

t.test('near misses: in a skill window or a subagent, covered by a skill, failed, read-only, clean', async (t) => {
  t.strictSame(detect(await session('claude-code/in-skill.jsonl')), [], 'run while the release skill was in play, and by a subagent')
  t.strictSame(detect(await session('claude-code/covered.jsonl')), [], "the release skill's own steps")
  t.equal(detect(await session('claude-code/covered.jsonl'), skillIndex([])).length, 3, 'without the skill the same session is a procedure (4 steps, then its two 3-step parts)')
  t.strictSame(detect(await session('codex/rollout-2026-03-02T10-10-00-019c2000-0000-7000-8000-000000000002.jsonl')), [], 'the steps failed or never said they succeeded')
  t.strictSame(detect(await session('gemini-cli/session-2026-03-03T09-10-g4000002.jsonl')), [], 'only looks')
  t.strictSame(detect(await session('openclaw/d2000000-0000-4000-8000-000000000001.jsonl')), [], 'no commands at all')
})

// ---------------------------------------------------------------------------------------------
// In-memory sessions: one rule each

let line = 0
const base = { agent: 'codex' as const, file: '/logs/s.jsonl', sessionId: 's' }
const human = (text: string): LogEvent => ({ ...base, line: ++line, kind: 'human', text })
/** a shell call and its result */
const ran = (command: string, exitCode = 0, extra: object = {}): LogEvent[] => {
  const id = `c${++line}`
  return [
    { ...base, line, kind: 'tool-call', id, name: 'shell', input: {}, command, ...extra },
    { ...base, line: ++line, kind: 'tool-result', id, ok: exitCode === 0, exitCode, output: '', ...extra },
  ]
}
const use = (name: string): LogEvent => ({ ...base, line: ++line, kind: 'skill-use', name, how: 'tool' })
const sessionOf = (events: LogEvent[], extra: Partial<Session> = {}): Session => ({ agent: 'codex', file: '/logs/s.jsonl', id: 's', events, subagentOnly: false, ...extra })
const skill = (name: string, commands: string[]): SkillRef => ({
  name,
  dir: `/repo/skills/${name}`,
  file: `/repo/skills/${name}/SKILL.md`,
  rel: `skills/${name}/SKILL.md`,
  text: '',
  description: `The ${name} skill.`,
  commands: commands.map((text, i) => ({ text, line: i + 5, dynamic: false })),
  references: [],
})
const mem = skillIndex([skill('lint', ['npm run lint', 'npx prettier --check .']), skill('npm-build-test-commit', ['make release'])])
const keysOf = (events: LogEvent[], extra: Partial<Session> = {}) => keys(detector.detect(sessionOf(events, extra), mem))
const BTC = ['npm run build', 'npm test', 'git commit -m x']

t.test('rules, one at a time', async (t) => {
  t.strictSame(keysOf([human('go'), ...BTC.flatMap((c) => ran(c))]), ['repeated-procedure:npm run build → npm test → git commit'], 'the baseline: three steps')
  t.strictSame(keysOf([human('go'), ...ran('npm run build'), ...ran('npm test')]), [], 'two steps are no procedure')
  t.strictSame(keysOf([human('go'), ...ran('npm run build'), ...ran('npm test'), human('now commit'), ...ran('git commit -m x')]), [], 'a human prompt ends a run')
  t.strictSame(keysOf([human('go'), ...ran('npm run build'), ...ran('npm test'), ...ran('npm test'), ...ran('git commit -m y')]), ['repeated-procedure:npm run build → npm test → git commit'], 'consecutive repeats are one step')
  t.strictSame(keysOf([human('go'), ...ran('npm run build'), ...ran('npm test', 1), ...ran('git commit -m x')]), [], 'a failed step is no step')
  t.strictSame(keysOf([human('go'), ...ran('npm run build'), ...ran('npm test', 0, { subagent: true }), ...ran('git commit -m x')]), [], "a subagent's step is not the main agent's")
  t.strictSame(keysOf([human('go'), ...BTC.flatMap((c) => ran(c))], { subagentOnly: true }), [], 'a subagent-only session')
  t.strictSame(keysOf([human('go'), use('lint'), ...BTC.flatMap((c) => ran(c))]), [], 'a repo skill in play')
  t.strictSame(keysOf([human('go'), use('not-in-repo'), ...BTC.flatMap((c) => ran(c))]), ['repeated-procedure:npm run build → npm test → git commit'], 'a skill outside the repo covers nothing')
  t.strictSame(keysOf([human('go'), ...ran('npm run lint'), ...ran('npx prettier --check src'), ...ran('npm run lint')]), [], 'every step prescribed by the lint skill (by shape, arguments aside)')
  t.strictSame(keysOf([human('go'), ...ran('npm run lint'), ...ran('npx prettier --check src'), ...ran('git commit -m x')]), ['repeated-procedure:npm run lint → npx prettier → git commit'], 'one step the skill does not prescribe: not covered')
  t.strictSame(keysOf([human('go'), ...ran('git status'), ...ran('git log -3'), ...ran('git diff')]), [], 'read-only steps only')

  const [f] = detector.detect(sessionOf([human('go'), ...ran('npm run build'), ...ran('npm test'), ...ran('git commit -m x')]), skillIndex([skill('npm-build-test-commit', ['make release'])]))
  t.equal(f!.skill, 'npm-build-test-commit-2', 'the name avoids a repo skill')
  t.equal((f!.edit as { name: string }).name, f!.skill)
})

t.test('bounded: at most 20 findings, whole runs first, longest first, runs taking turns', async (t) => {
  // 30 distinct steps in one run: 25 six-step windows, 26 fives, 27 fours, 28 threes
  const long = [human('go'), ...Array.from({ length: 30 }, (_, i) => ran(`make target${i}`)).flat()]
  const found = detector.detect(sessionOf(long), mem)
  t.equal(found.length, MAX_FINDINGS)
  t.ok(found.every((f) => (f.edit as { steps: string[] }).steps.length === 6), 'the longest windows are kept')
  t.equal(found[0]!.key, 'repeated-procedure:make target0 → make target1 → make target2 → make target3 → make target4 → make target5', 'earliest first')
  // a short run of another request still gets in: runs take turns
  const mixed = detector.detect(sessionOf([...long, human('again'), ...['cargo fmt', 'cargo clippy', 'cargo test'].flatMap((c) => ran(c))]), mem)
  t.ok(mixed.some((f) => f.key === 'repeated-procedure:cargo fmt → cargo clippy → cargo test'), 'the 3-step run of the second turn')
  t.ok(JSON.stringify(found).length < 40_000, 'findings stay small')
})

t.test('odd input never throws', async (t) => {
  const odd = [
    { ...base, line: 1, kind: 'tool-call', id: 'x', name: 'shell', input: null, command: '' },
    { ...base, line: 2, kind: 'tool-result', id: 'x', ok: true, output: '' },
    { ...base, line: 3, kind: 'tool-call', id: 'y', name: 'shell', input: null, command: '"unterminated && ( | ;;' },
    { ...base, line: 4, kind: 'tool-result', id: 'y', ok: true, output: '' },
    { ...base, line: 5, kind: 'tool-call', id: 'z', name: 'shell', input: null },
    { ...base, line: 6, kind: 'tool-result', id: 'q', exitCode: 0, output: '' },
  ] as LogEvent[]
  t.strictSame(detector.detect(sessionOf(odd), mem), [])
  t.strictSame(detector.detect(sessionOf([]), mem), [])
})
