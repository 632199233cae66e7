// `dotskills doctor` end to end: a healthy setup made by a real `dotskills add` against the git
// test server, then one thing broken at a time, with the exact row and exit code. Every doctor
// run may write nowhere (the fs guard gets no writable folder), must leave every file of the test
// as it was, and must make no request to the server.
import t, { type Test } from 'tap'
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cacheKey } from '../../lib/sources/git-store.js'
import { snapshotDir } from '../../lib/sources/snapshot.js'
import { FixtureRepo, skillFiles } from '../helpers/git-repo.js'
import { ROOT, type CliRun } from '../helpers/run-cli.js'
import { noStack, PKG, put, snapshotTree, world, type RunOptions, type World } from '../helpers/sources-e2e.js'

t.jobs = 2

interface Row {
  check: string
  status: 'ok' | 'warn' | 'fail'
  detail: string
  hint?: string
}

/** The fs guard's roots for doctor: only tap's own coverage records, so any write by doctor throws. */
const NOWHERE = [join(ROOT, '.tap', 'processinfo'), join(ROOT, '.tap', 'coverage')].join('\n')
const SYNC_LOCK = 'run `dotskills sync` and commit dotskills.lock'
const GIT = /^git version \S+.* \(\/\S*git\)$/

interface Setup {
  w: World
  /** the dotfiles repo, ~/dots: the cwd of every run */
  dots: string
  /** dotskills' cache, ~/.cache/dotskills */
  cacheDir: string
  /** a CLI run in ~/dots, cache and state under the home */
  run(args: string[], o?: RunOptions): Promise<CliRun>
  /** `dotskills doctor <args>`, checked to write nothing and ask the server nothing */
  doctor(args?: string[], o?: RunOptions): Promise<CliRun>
  /** `dotskills doctor --json <args>`, parsed */
  rows(args?: string[], o?: RunOptions): Promise<{ r: CliRun; rows: Row[] }>
  config(text: string): void
}

/** A world whose dotfiles repo, cache and state all live under the home (so every path shows as ~). */
async function setup(t: Test, server: Parameters<typeof world>[1] = {}): Promise<Setup> {
  const w = await world(t, server)
  const dots = join(w.home, 'dots')
  put(join(dots, 'package.json'), PKG)
  mkdirSync(join(w.home, '.claude')) // claude-code is detected
  mkdirSync(join(w.home, '.local', 'state'), { recursive: true })
  const where = { cwd: dots, cache: join(w.home, '.cache'), state: join(w.home, '.local', 'state') }
  const run = (args: string[], o: RunOptions = {}) => w.cli(args, { ...where, ...o })
  const doctor = async (args: string[] = [], o: RunOptions = {}) => {
    const before = snapshotTree(w.root)
    const requests = w.server.requests.length
    const r = await run(['doctor', ...args], { ...o, env: { DOTSKILLS_TEST_ROOTS: NOWHERE, ...o.env } })
    t.notMatch(r.stderr, /fs-guard/, 'doctor wrote nothing')
    t.same(snapshotTree(w.root), before, 'no file or folder changed')
    t.equal(w.server.requests.length, requests, 'no request to the server')
    noStack(t, r)
    return r
  }
  const rows = async (args: string[] = [], o: RunOptions = {}) => {
    const r = await doctor(['--json', ...args], o)
    return { r, rows: JSON.parse(r.stdout) as Row[] }
  }
  return { w, dots, cacheDir: join(w.home, '.cache', 'dotskills'), run, doctor, rows, config: (text) => writeFileSync(join(dots, 'dotskills.yaml'), text) }
}

/** setup + a public repo with two skills, added with `dotskills add` (config, lock, cache). */
async function healthy(t: Test) {
  const s = await setup(t)
  const repo = FixtureRepo.create(s.w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  const url = `${s.w.server.baseUrl}/skills.git`
  s.config('agents: [claude-code]\n')
  const added = await s.run(['add', url])
  t.equal(added.code, 0, added.stderr)
  const gitdir = `~/.cache/dotskills/sources/${cacheKey(url)}.git`
  return { ...s, repo, url, gitdir, head: repo.head().slice(0, 12) }
}

const byCheck = (rows: Row[], check: string) => rows.filter((r) => r.check === check)

t.test('a healthy setup: every row ok, exit 0; the table and the JSON say the same', async (t) => {
  const { w, doctor, rows, gitdir, head } = await healthy(t)
  const { r, rows: got } = await rows()
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '')
  const expected: Row[] = [
    { check: 'config', status: 'ok', detail: '~/dots/dotskills.yaml' },
    { check: 'lock', status: 'ok', detail: '~/dots/dotskills.lock pins 1 source' },
    { check: 'cache skills', status: 'ok', detail: `commit ${head} in ${gitdir}; 2 skills extracted` },
    { check: 'agent claude-code', status: 'ok', detail: 'detected (~/.claude); skills go to ~/.claude/skills' },
    { check: 'writable', status: 'ok', detail: '~/.claude/skills (claude-code): not there yet; ~/.claude is writable' },
    { check: 'writable', status: 'ok', detail: '~/.cache/dotskills (dotskills cache): writable' },
    { check: 'writable', status: 'ok', detail: '~/.local/state/dotskills (dotskills state): not there yet; ~/.local/state is writable' },
    { check: 'credentials skills', status: 'ok', detail: 'none found (a public repository needs none)' },
  ]
  t.same(got.slice(0, -1), expected)
  const git = got.at(-1)!
  t.same(Object.keys(git), ['check', 'status', 'detail'])
  t.match(git, { check: 'git', status: 'ok', detail: GIT })

  const table = await doctor()
  t.equal(table.code, 0)
  t.equal(table.stderr, '')
  t.equal(
    table.stdout,
    [...expected, git].map((x) => `${x.status.padEnd(4)}  ${x.check.padEnd(18)}  ${x.detail}\n`).join('') + '\n9 checks: 9 ok, 0 warnings, 0 failed\n',
  )
  t.equal(table.stdout.split('\n')[2], `ok    cache skills        commit ${head} in ${gitdir}; 2 skills extracted`, 'status, check and detail in columns')
  t.notOk(table.stdout.includes(w.home) || table.stdout.includes(w.root), 'the home shows as ~; no absolute path into it')

  const quiet = await doctor(['--quiet'])
  t.equal(quiet.code, 0)
  t.equal(quiet.stdout, '', '--quiet: only failed rows, and there are none')
})

t.test('--json: an array of {check, status, detail, hint?}', async (t) => {
  const { rows, config } = await setup(t)
  config('agents: [claude-code, cursor]\nsources:\n  - ./local\n')
  const { r, rows: got } = await rows()
  t.equal(r.code, 1)
  t.ok(Array.isArray(got))
  for (const x of got) {
    t.same(Object.keys(x).filter((k) => !['check', 'status', 'detail', 'hint'].includes(k)), [], `${x.check}: no other keys`)
    t.ok(['ok', 'warn', 'fail'].includes(x.status))
    t.type(x.check, 'string')
    t.type(x.detail, 'string')
    if ('hint' in x) t.type(x.hint, 'string')
  }
  t.same(
    got.map((x) => [x.check, x.status]),
    [
      ['config', 'ok'],
      ['lock', 'fail'],
      ['cache', 'ok'],
      ['agent claude-code', 'ok'],
      ['agent cursor', 'warn'],
      ['writable', 'ok'],
      ['writable', 'ok'],
      ['writable', 'ok'],
      ['writable', 'ok'],
      ['git', 'ok'],
    ],
    'no git sources: one cache row, no credential rows',
  )
  t.same(byCheck(got, 'cache'), [{ check: 'cache', status: 'ok', detail: 'no git sources' }])
  t.same(byCheck(got, 'lock'), [{ check: 'lock', status: 'fail', detail: '~/dots/dotskills.lock is missing: 1 source to pin', hint: SYNC_LOCK }])
  t.same(byCheck(got, 'agent cursor'), [
    {
      check: 'agent cursor',
      status: 'warn',
      detail: 'not detected on this machine; skills go to ~/.cursor/skills anyway',
      hint: 'listed in agents in the config: is it installed? (`dotskills agents` shows how each agent is detected)',
    },
  ])
})

t.test('no config: a failed row with the hint, not a crash; the agents are still checked', async (t) => {
  const { doctor, rows } = await setup(t)
  const { r, rows: got } = await rows()
  t.equal(r.code, 1)
  t.same(got[0], {
    check: 'config',
    status: 'fail',
    detail: 'no dotskills config found',
    hint: '`dotskills init` creates one here (`dotskills add <source>` does too), or pass --config <file|dir>',
  })
  t.same(got.filter((x) => /^(lock|cache|credentials)/.test(x.check)), [], 'nothing to say about sources')
  t.same(byCheck(got, 'agent claude-code'), [{ check: 'agent claude-code', status: 'ok', detail: 'detected (~/.claude); skills go to ~/.claude/skills' }])
  t.same(byCheck(got, 'agent cursor'), [{ check: 'agent cursor', status: 'ok', detail: 'not detected (install skips it); its skills would go to ~/.cursor/skills' }])
  t.match(got.at(-1), { check: 'git', status: 'ok' })

  const quiet = await doctor(['--quiet'])
  t.equal(quiet.code, 1)
  t.equal(
    quiet.stdout,
    'fail  config  no dotskills config found\n' +
      '              hint: `dotskills init` creates one here (`dotskills add <source>` does too), or pass --config <file|dir>\n',
  )
})

t.test('an invalid config: the error\'s one line as a failed row, exit 1', async (t) => {
  const { rows, config } = await setup(t)
  const cases: [string, Row][] = [
    ['agents: [claude-code]\nbogus: 1\n', { check: 'config', status: 'fail', detail: '~/dots/dotskills.yaml:2:1: unknown setting "bogus"', hint: 'run `dotskills schema config` to see every setting' }],
    ['agents: [claude-code\n', { check: 'config', status: 'fail', detail: '~/dots/dotskills.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' }],
    ['sources:\n  - "not a source!"\n', { check: 'config', status: 'fail', detail: '~/dots/dotskills.yaml: not a source: "not a source!" (expected owner/repo, an https URL, git@host:path or ./folder)' }],
    ['agents: [nope]\n', { check: 'config', status: 'fail', detail: '~/dots/dotskills.yaml: unknown agent "nope" in agents (known: agents, amp, claude-code, cline, codex, copilot, cursor, gemini-cli, goose, kiro, openclaw, opencode, roo, windsurf)' }],
  ]
  for (const [text, want] of cases) {
    config(text)
    const { r, rows: got } = await rows()
    t.equal(r.code, 1, text)
    t.same(got[0], want, text)
    t.equal(got.filter((x) => x.status === 'fail').length, 1, 'the only failed row')
  }
})

t.test('the lock against the config: missing, unpinned, changed and stale sources, local drift', async (t) => {
  const { dots, run, rows, config, url } = await healthy(t)
  const lockRow = async (code: number) => {
    const { r, rows: got } = await rows()
    t.equal(r.code, code)
    return byCheck(got, 'lock')[0]
  }

  // a source added to the config by hand, not synced
  put(join(dots, 'local', 'gamma', 'SKILL.md'), '---\nname: gamma\ndescription: Use when the task needs gamma.\n---\n\n# gamma\n')
  config(`agents: [claude-code]\nsources:\n  - ${url}\n  - ./local\n`)
  t.same(await lockRow(1), { check: 'lock', status: 'fail', detail: '~/dots/dotskills.lock: source "local" is not pinned', hint: SYNC_LOCK })
  t.equal((await run(['sync'])).code, 0)
  t.same(await lockRow(0), { check: 'lock', status: 'ok', detail: '~/dots/dotskills.lock pins 2 sources' })

  // a local skill edited since the lock
  put(join(dots, 'local', 'gamma', 'SKILL.md'), '---\nname: gamma\ndescription: Use when the task needs gamma, now.\n---\n\n# gamma\n')
  const drift = await lockRow(1)
  t.match(drift, { status: 'fail', hint: SYNC_LOCK, detail: /^~\/dots\/dotskills\.lock: local source "local": skill "gamma" has content hash sha256-\S+, the lock says sha256-\S+$/ })

  // a git source's settings changed; a source gone from the config
  config(`agents: [claude-code]\nsources:\n  - url: ${url}\n    exclude: [beta]\n`)
  t.same(await lockRow(1), {
    check: 'lock',
    status: 'fail',
    detail: '~/dots/dotskills.lock: source "skills" is new or changed in the config; it pins source "local", which the config no longer has',
    hint: SYNC_LOCK,
  })

  // no lock at all
  config(`agents: [claude-code]\nsources:\n  - ${url}\n`)
  rmSync(join(dots, 'dotskills.lock'))
  t.same(await lockRow(1), { check: 'lock', status: 'fail', detail: '~/dots/dotskills.lock is missing: 1 source to pin', hint: SYNC_LOCK })

  // an unreadable lock
  writeFileSync(join(dots, 'dotskills.lock'), '{ "lockfileVersion": 1, <<<<<<< ours\n')
  t.match(await lockRow(1), { check: 'lock', status: 'fail', detail: /^~\/dots\/dotskills\.lock:1:\d+: not valid JSON$/, hint: /merge conflict/ })
})

t.test('the cache deleted: a warning with the hint `dotskills sync`, exit 0; sync heals it', async (t) => {
  const { run, rows, cacheDir, gitdir, head } = await healthy(t)
  rmSync(cacheDir, { recursive: true })
  const { r, rows: got } = await rows()
  t.equal(r.code, 0, 'warnings alone exit 0')
  t.same(byCheck(got, 'cache skills'), [
    { check: 'cache skills', status: 'warn', detail: `not in the cache: ${gitdir} is missing (commit ${head}); 0 of 2 skills extracted`, hint: 'run `dotskills sync`' },
  ])
  t.same(byCheck(got, 'writable').find((x) => x.detail.startsWith('~/.cache')), {
    check: 'writable',
    status: 'ok',
    detail: '~/.cache/dotskills (dotskills cache): not there yet; ~/.cache is writable',
  })

  t.equal((await run(['sync'])).code, 0)
  const after = await rows()
  t.equal(after.r.code, 0)
  t.same(byCheck(after.rows, 'cache skills'), [{ check: 'cache skills', status: 'ok', detail: `commit ${head} in ${gitdir}; 2 skills extracted` }])
})

t.test('a damaged cache repository fails; one that lacks the pinned commit warns', async (t) => {
  const { run, rows, cacheDir, url, gitdir, head } = await healthy(t)
  const repoDir = join(cacheDir, 'sources', `${cacheKey(url)}.git`)
  const packs = join(repoDir, 'objects', 'pack')
  const cacheRow = async (code: number) => {
    const { r, rows: got } = await rows()
    t.equal(r.code, code)
    return byCheck(got, 'cache skills')
  }

  // garbage where the pack was
  for (const f of readdirSync(packs).filter((f) => f.endsWith('.pack'))) writeFileSync(join(packs, f), Buffer.alloc(256, 7))
  t.same(await cacheRow(1), [
    {
      check: 'cache skills',
      status: 'fail',
      detail: `${gitdir} is damaged: commit ${head} cannot be read: an object pack cannot be read`,
      hint: `delete ${gitdir}; the next \`dotskills sync\` or \`dotskills update\` fetches it again`,
    },
  ])

  // not a repository any more
  rmSync(join(repoDir, 'HEAD'))
  t.same(await cacheRow(1), [
    {
      check: 'cache skills',
      status: 'fail',
      detail: `${gitdir} is damaged: not a git repository (no HEAD)`,
      hint: `delete ${gitdir}; the next \`dotskills sync\` or \`dotskills update\` fetches it again`,
    },
  ])

  // a readable repository without the pinned commit (as after pulling a lock that moved)
  writeFileSync(join(repoDir, 'HEAD'), 'ref: refs/heads/main\n')
  for (const f of readdirSync(packs)) rmSync(join(packs, f))
  t.same(await cacheRow(0), [{ check: 'cache skills', status: 'ok', detail: `commit ${head} not in the cache (${gitdir}), needed only to update; 2 skills extracted` }], 'every skill extracted: install needs no fetch')
  rmSync(join(cacheDir, 'skills'), { recursive: true })
  t.same(await cacheRow(0), [{ check: 'cache skills', status: 'warn', detail: `${gitdir} lacks the pinned commit ${head}; 0 of 2 skills extracted`, hint: 'run `dotskills sync`' }])

  t.equal((await run(['sync'])).code, 0)
  t.same(await cacheRow(0), [{ check: 'cache skills', status: 'ok', detail: `commit ${head} in ${gitdir}; 2 skills extracted` }])
})

t.test('an extracted skill changed in the cache fails; one not extracted warns; install and sync heal them', async (t) => {
  const { w, run, rows, cacheDir, gitdir, head, dots } = await healthy(t)
  const lock = JSON.parse(readFileSync(join(dots, 'dotskills.lock'), 'utf8'))
  const alpha = snapshotDir(cacheDir, 'alpha', lock.sources.skills.skills.alpha.hash)
  const shown = alpha.replace(w.home, '~')
  writeFileSync(join(alpha, 'SKILL.md'), 'edited in the cache\n')
  let got = await rows()
  t.equal(got.r.code, 1)
  t.same(byCheck(got.rows, 'cache skills'), [
    { check: 'cache skills', status: 'fail', detail: `the extracted copy of "alpha" changed since extraction (${shown})`, hint: 'run `dotskills install`: it extracts changed copies again' },
  ])
  t.equal((await run(['install'])).code, 0)
  got = await rows()
  t.same(byCheck(got.rows, 'cache skills'), [{ check: 'cache skills', status: 'ok', detail: `commit ${head} in ${gitdir}; 2 skills extracted` }])

  rmSync(join(alpha, '..'), { recursive: true })
  got = await rows()
  t.equal(got.r.code, 0)
  t.same(byCheck(got.rows, 'cache skills'), [
    { check: 'cache skills', status: 'warn', detail: `commit ${head} in ${gitdir}; 1 of 2 skills extracted`, hint: 'run `dotskills sync` (it extracts them without the network)' },
  ])
})

t.test('a target folder that cannot be written fails (a file in the way)', async (t) => {
  const { w, rows } = await healthy(t)
  rmSync(join(w.home, '.claude'), { recursive: true })
  writeFileSync(join(w.home, '.claude'), 'not a folder\n')
  const { r, rows: got } = await rows()
  t.equal(r.code, 1)
  t.same(byCheck(got, 'agent claude-code'), [
    {
      check: 'agent claude-code',
      status: 'warn',
      detail: 'not detected on this machine; skills go to ~/.claude/skills anyway',
      hint: 'listed in agents in the config: is it installed? (`dotskills agents` shows how each agent is detected)',
    },
  ])
  t.same(byCheck(got, 'writable')[0], { check: 'writable', status: 'fail', detail: '~/.claude/skills (claude-code): ~/.claude is a file, not a folder', hint: 'move ~/.claude out of the way' })
})

t.test('a target folder without write permission fails', { skip: process.getuid?.() === 0 ? 'root may write anywhere: access() ignores modes' : false }, async (t) => {
  const { w, rows, doctor } = await healthy(t)
  const claude = join(w.home, '.claude')
  const skills = join(claude, 'skills')
  // modes back before tap removes the test folder (also when an assertion throws)
  const restore = () => {
    for (const dir of [skills, claude]) {
      try {
        chmodSync(dir, 0o755)
      } catch {}
    }
  }
  t.teardown(restore)
  chmodSync(claude, 0o555)
  const { r, rows: got } = await rows()
  t.equal(r.code, 1)
  t.same(byCheck(got, 'writable')[0], {
    check: 'writable',
    status: 'fail',
    detail: '~/.claude/skills (claude-code): cannot be made: ~/.claude is not writable',
    hint: 'check the owner and permissions of ~/.claude',
  })

  // the folder itself exists and is read-only
  chmodSync(claude, 0o755)
  mkdirSync(skills, { mode: 0o555 })
  const quiet = await doctor(['--quiet'])
  t.equal(quiet.code, 1)
  t.equal(quiet.stdout, 'fail  writable  ~/.claude/skills (claude-code): not writable\n                hint: check the owner and permissions of ~/.claude/skills\n')
  restore()
})

const SECRET = 's3cret-token-XYZ'

t.test('a private source: where its token comes from, never the token', async (t) => {
  const s = await setup(t, { private: { 'private-team.git': `alice:${SECRET}` } })
  FixtureRepo.create(s.w.server.root, 'private-team.git', skillFiles('team-review'))
  const url = `${s.w.server.baseUrl}/private-team.git`
  s.config('agents: [claude-code]\n')
  const added = await s.run(['add', url, '--auth', 'env:TEAM_TOKEN'], { env: { TEAM_TOKEN: `alice:${SECRET}` } })
  t.equal(added.code, 0, added.stderr)
  const outputs: CliRun[] = []
  const check = async (env: Record<string, string>, code: number) => {
    const { r, rows: got } = await s.rows([], { env })
    t.equal(r.code, code)
    outputs.push(r, await s.doctor([], { env }))
    return byCheck(got, 'credentials private-team')
  }

  t.same(await check({ TEAM_TOKEN: `alice:${SECRET}` }, 0), [{ check: 'credentials private-team', status: 'ok', detail: 'env TEAM_TOKEN' }])
  t.same(await check({}, 1), [
    { check: 'credentials private-team', status: 'fail', detail: 'auth: env:TEAM_TOKEN is not set', hint: 'export TEAM_TOKEN=<token> (or user:password) before running dotskills' },
  ])

  // without auth: a git credential helper that has it (asked without a prompt, never told to store or erase)
  s.config(`agents: [claude-code]\nsources:\n  - ${url}\n`)
  writeFileSync(join(s.w.home, '.gitconfig'), '[credential]\n\thelper = store\n')
  writeFileSync(join(s.w.home, '.git-credentials'), `http://alice:${SECRET}@127.0.0.1:${s.w.server.port}\n`)
  t.same(await check({}, 0), [{ check: 'credentials private-team', status: 'ok', detail: 'git credential helper' }])
  rmSync(join(s.w.home, '.git-credentials'))
  t.same(await check({}, 0), [{ check: 'credentials private-team', status: 'ok', detail: 'none found (a public repository needs none)' }])

  // a host token: GH_TOKEN for a github.com source (not pinned yet), with no request to GitHub
  s.config('agents: [claude-code]\nsources:\n  - octo/skills\n')
  const { r: gh, rows: ghRows } = await s.rows([], { env: { GH_TOKEN: SECRET } })
  outputs.push(gh)
  t.equal(gh.code, 1, 'the lock does not pin it')
  t.same(byCheck(ghRows, 'credentials skills'), [{ check: 'credentials skills', status: 'ok', detail: 'env GH_TOKEN (a token for github.com)' }])

  t.notOk(
    outputs.some((r) => r.stdout.includes(SECRET) || r.stderr.includes(SECRET)),
    'the token is in no output (table or JSON)',
  )
})

t.test('git missing from PATH: a warning, exit 0', async (t) => {
  const { w, rows, doctor } = await healthy(t)
  const bin = join(w.root, 'bin-without-git')
  mkdirSync(bin)
  symlinkSync(process.execPath, join(bin, 'node'))
  const env = { PATH: bin }
  const { r, rows: got } = await rows([], { env })
  t.equal(r.code, 0, r.stderr)
  t.same(got.at(-1), {
    check: 'git',
    status: 'warn',
    detail: 'git not found on PATH',
    hint: 'install git to use git credential helpers; tokens from the environment (auth: env:NAME, GH_TOKEN, …) work without it',
  })
  t.same(byCheck(got, 'credentials skills'), [{ check: 'credentials skills', status: 'ok', detail: 'none found (a public repository needs none)' }], 'no helper without git, and no error')
  const table = await doctor([], { env })
  t.match(table.stdout, /^warn  git {17}git not found on PATH\n {26}hint: install git/m)
  t.match(table.stdout, /\n9 checks: 8 ok, 1 warning, 0 failed\n$/)
})
