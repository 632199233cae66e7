// Git and local sources end to end: add, sync, update, install, remove against a real git server
// on loopback (git http-backend), the real binary, a temp HOME, cache and state per test.
// Failures are in sources-failures.test.ts, credentials in sources-auth.test.ts.
import t, { type Test } from 'tap'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FixtureRepo, skillFiles } from '../helpers/git-repo.js'
import { claudeSkills, errorLines, filesContaining, installed, noStack, PKG, put, snapshotTree, world, type World } from '../helpers/sources-e2e.js'

t.jobs = 3

const HASH = /^sha256-[A-Za-z0-9+/]{43}=$/
const md = (name: string, description?: string) => skillFiles(name, description)[`${name}/SKILL.md`] as string

/** The lock's skills of one source as { name: path }, and every hash well-formed. */
function lockedPaths(t: Test, w: World, source: string): Record<string, string> {
  const skills = w.lock().sources[source]?.skills ?? {}
  for (const [name, s] of Object.entries(skills)) t.match(s.hash, HASH, `${name}: sha256- hash`)
  return Object.fromEntries(Object.entries(skills).map(([n, s]) => [n, s.path]))
}

t.test('add <url> of a public repo: config created, lock pinned, install puts the skills into the agent', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta'), 'README.md': 'not a skill\n' })
  const url = `${w.server.baseUrl}/skills.git`

  // credentials typed into the URL are dropped with a note, never stored or sent
  const r = await w.cli(['add', url.replace('http://', 'http://someone:tok3n-in-url@')])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, `note: ignoring the credentials in ${url}: set auth: env:NAME (--auth env:NAME) to use a token from the environment\n`)
  t.equal(
    r.stdout,
    `added skills @ ${repo.head().slice(0, 12)}: 2 skills (alpha, beta)\n` + 'created dotskills.yaml and dotskills.lock; `dotskills install` installs them\n',
  )
  t.equal(
    readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'),
    '# yaml-language-server: $schema=https://dotskills.dev/schemas/config.schema.json\n' +
      '# dotskills config. `dotskills schema config` lists every setting.\n' +
      `sources:\n  - ${url}\n`,
  )
  const lock = w.lock()
  t.same(Object.keys(lock.sources), ['skills'])
  t.equal(lock.lockfileVersion, 1)
  t.equal(lock.sources.skills.url, url)
  t.equal(lock.sources.skills.commit, repo.head())
  t.same(lockedPaths(t, w, 'skills'), { alpha: 'alpha', beta: 'beta' })
  t.not(lock.sources.skills.skills.alpha.hash, lock.sources.skills.skills.beta.hash)
  t.same(
    w.server.requests.map((q) => `${q.method} ${q.path} ${q.status}`),
    ['GET /skills.git/info/refs 200', 'POST /skills.git/git-upload-pack 200'],
    'one ref advertisement, one pack',
  )
  t.ok(w.server.requests.every((q) => !q.authorization))
  t.same(filesContaining([w.root], 'tok3n-in-url'), [], 'no file holds the typed credentials')

  const i = await w.cli(['install', '--agent', 'claude-code'])
  t.equal(i.code, 0, i.stderr)
  t.equal(i.stdout, '2 written, 0 removed, 1 agent (claude-code)\n')
  t.same(claudeSkills(w.home), ['alpha', 'beta'])
  t.equal(readFileSync(installed(w.home, 'alpha'), 'utf8'), md('alpha'))
  t.equal(readFileSync(installed(w.home, 'beta'), 'utf8'), md('beta'))
  t.notOk(existsSync(join(w.home, '.claude', 'skills', 'README.md')))
})

t.test('add appends to an existing commented dotskills.yaml and keeps every comment', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  const url = `${w.server.baseUrl}/skills.git`
  const before = '# my dotfiles\nagents: [claude-code] # only this one\n\n# where skills come from:\n'
  w.config(before)

  const r = await w.cli(['add', url])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, `added skills @ ${repo.head().slice(0, 12)}: 2 skills (alpha, beta)\nupdated dotskills.yaml and dotskills.lock;`)
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), `${before}sources:\n  - ${url}\n`)
  t.equal(w.lock().sources.skills.commit, repo.head())

  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.equal(i.stdout, '2 written, 0 removed, 1 agent (claude-code)\n')
  t.equal(readFileSync(installed(w.home, 'alpha'), 'utf8'), md('alpha'))
})

t.test('add refuses a source whose skills have lint errors; --no-lint adds it', async (t) => {
  const w = await world(t)
  FixtureRepo.create(w.server.root, 'bad.git', {
    ...skillFiles('good'),
    'broken/SKILL.md': '---\nname: other-name\ndescription: Use when something breaks.\n---\n\n# broken\n',
  })
  const before = 'agents: [claude-code]\n'
  w.config(before)
  const url = `${w.server.baseUrl}/bad.git`

  const r = await w.cli(['add', url])
  t.equal(r.code, 1)
  t.equal(r.stdout, '')
  t.match(r.stderr, /^bad:broken\/SKILL\.md$/m, 'findings name the file inside the source')
  t.match(r.stderr, /error .*name-matches-folder/)
  t.equal(errorLines(r).at(-1), 'dotskills: bad was not added: its skills have 1 lint error (add it anyway with --no-lint)')
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), before, 'config unchanged')
  t.equal(w.lockText(), undefined, 'no lock written')

  const forced = await w.cli(['add', url, '--no-lint'])
  t.equal(forced.code, 0, forced.stderr)
  t.match(forced.stdout, /^added bad @ [0-9a-f]{12}: 2 skills \(broken, good\)$/m)
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), `${before}sources:\n  - ${url}\n`)
  t.same(lockedPaths(t, w, 'bad'), { broken: 'broken', good: 'good' })
})

t.test('add: lint findings name the source\'s files and skills, never their place in the cache', async (t) => {
  const w = await world(t)
  const twin = 'Formats Markdown tables in README files and docs. Use when a table is misaligned.'
  FixtureRepo.create(w.server.root, 'twins.git', {
    'skills/table-a/SKILL.md': `---\nname: table-a\ndescription: ${twin}\n---\n\n# A\n`,
    'skills/table-b/SKILL.md': `---\nname: table-b\ndescription: ${twin}\n---\n\n# B\n`,
  })
  const r = await w.cli(['add', `${w.server.baseUrl}/twins.git`])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stderr, /^twins:skills\/table-a\/SKILL\.md$/m, 'the file, inside the source')
  t.match(r.stderr, /100% similar .* to that of "table-b" \(twins:skills\/table-b\); .*description-overlap/, 'the other skill, inside the source')
  t.notMatch(r.stderr, /dotskills[\\/]skills[\\/]/, 'no path into the cache')
})

t.test('subpath sources and include/exclude filters, from the command line and from the config', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'mono.git', {
    ...skillFiles('top'),
    ...skillFiles('api-review', undefined, {}, 'skills/team/'),
    ...skillFiles('api-docs', undefined, {}, 'skills/team/'),
    ...skillFiles('deploy', undefined, { 'scripts/run.sh': { content: '#!/bin/sh\necho deploy\n', mode: 0o755 } }, 'skills/team/'),
    ...skillFiles('other', undefined, {}, 'skills/misc/'),
  })
  const url = `${w.server.baseUrl}/mono.git`
  w.config('agents: [claude-code]\n')

  const r = await w.cli(['add', url, '--path', 'skills/team', '--include', 'api-*', '--exclude', 'api-docs'])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^added team @ [0-9a-f]{12}: 1 skill \(api-review\)$/m)
  t.equal(
    readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'),
    `agents: [claude-code]\nsources:\n  - url: ${url}\n    path: skills/team\n    include:\n      - api-*\n    exclude:\n      - api-docs\n`,
  )
  const entry = w.lock().sources.team
  t.equal(entry.commit, repo.head())
  t.equal(entry.path, 'skills/team')
  t.same(entry.include, ['api-*'])
  t.same(entry.exclude, ['api-docs'])
  t.same(lockedPaths(t, w, 'team'), { 'api-review': 'skills/team/api-review' })

  // the same repo folder again in the config by hand: `path:` and an exclude only
  w.config(`agents: [claude-code]\nsources:\n  - name: team\n    url: ${url}\n    path: skills/team\n    exclude: [api-docs]\n`)
  const s = await w.cli(['sync'])
  t.equal(s.code, 0, s.stderr)
  t.match(s.stderr, 'dotskills: dotskills.lock updated')
  t.match(s.stdout, /^team +default branch @ [0-9a-f]{12} +2 skills$/m)
  t.same(lockedPaths(t, w, 'team'), { 'api-review': 'skills/team/api-review', deploy: 'skills/team/deploy' })
  t.notOk(w.lock().sources.team.include, 'no include any more')

  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.same(claudeSkills(w.home), ['api-review', 'deploy'])
  const script = installed(w.home, 'deploy', 'scripts/run.sh')
  t.equal(readFileSync(script, 'utf8'), '#!/bin/sh\necho deploy\n')
  t.ok(snapshotTree(join(w.home, '.claude/skills/deploy'))['scripts/run.sh'].mode.endsWith('755'), 'the executable bit comes along')
})

t.test('refs: a branch, a lightweight tag, an annotated tag (pinned to its commit), a commit that is not the tip', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', skillFiles('alpha', 'Use when the first version is wanted.'))
  const first = repo.head()
  repo.tag('v1')
  const second = repo.commit(skillFiles('alpha', 'Use when the second version is wanted.'), 'second')
  repo.tag('v2', true)
  const dev = repo.commit(skillFiles('devonly'), 'dev work', { branch: 'dev' })
  const tip = repo.commit(skillFiles('alpha', 'Use when the newest version is wanted.'), 'third')
  const url = `${w.server.baseUrl}/skills.git`
  t.not(dev, tip)

  const cases: [string, string, string, string[]][] = [
    // project, --ref, pinned commit, skills
    ['branch', 'dev', dev, ['alpha', 'devonly']],
    ['light', 'v1', first, ['alpha']],
    ['annotated', 'v2', second, ['alpha']],
    ['commit', first, first, ['alpha']],
  ]
  for (const [name, ref, commit, skills] of cases) {
    const cwd = join(w.root, name)
    mkdirSync(cwd)
    writeFileSync(join(cwd, 'package.json'), PKG)
    writeFileSync(join(cwd, 'dotskills.yaml'), 'agents: [claude-code]\n')
    const r = await w.cli(['add', url, '--ref', ref], { cwd })
    t.equal(r.code, 0, `${name}: ${r.stderr}`)
    t.match(r.stdout, `added skills @ ${commit.slice(0, 12)}: ${skills.length} skill`, name)
    const lock = JSON.parse(readFileSync(join(cwd, 'dotskills.lock'), 'utf8'))
    t.equal(lock.sources.skills.ref, ref, `${name}: ref recorded`)
    t.equal(lock.sources.skills.commit, commit, `${name}: pinned commit`)
    t.same(Object.keys(lock.sources.skills.skills).sort(), skills)
    t.match(readFileSync(join(cwd, 'dotskills.yaml'), 'utf8'), `sources:\n  - url: ${url}\n    ref: ${ref}\n`)

  }
  // what is installed is the pinned commit's content, not the tip's
  const i = await w.cli(['install'], { cwd: join(w.root, 'commit') })
  t.equal(i.code, 0, i.stderr)
  t.equal(readFileSync(installed(w.home, 'alpha'), 'utf8'), md('alpha', 'Use when the first version is wanted.'))
  const annotated = JSON.parse(readFileSync(join(w.root, 'annotated', 'dotskills.lock'), 'utf8'))
  t.equal(annotated.sources.skills.commit, second, 'the annotated tag is peeled to its commit')
})

t.test('update shows what changed upstream; writes the lock only with --yes; follows a force-push', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('keep'), ...skillFiles('gone'), ...skillFiles('changed') })
  w.config(`agents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/skills.git\n`)
  const first = await w.cli(['install'])
  t.equal(first.code, 0, first.stderr)
  t.match(first.stderr, 'dotskills: dotskills.lock updated', 'install pins a source new in the config')
  const old = repo.head()
  t.equal(w.lock().sources.skills.commit, old)
  const pinned = w.lockText()

  const next = repo.commit({ ...skillFiles('newskill'), 'changed/SKILL.md': md('changed') + '\nMore.\n', 'changed/notes.md': 'a\nb\nc\n' }, 'upstream moves on', {
    remove: ['gone'],
  })
  const expected =
    `skills: ${old.slice(0, 12)} → ${next.slice(0, 12)}\n` + '  + newskill\n' + '  - gone\n' + '  ~ changed\n' + '    SKILL.md | 2 ++\n' + '    notes.md | 3 +++\n'

  const noTty = await w.cli(['update'])
  t.equal(noTty.code, 1, 'changes not taken')
  t.equal(noTty.stdout, expected)
  t.equal(errorLines(noTty).at(-1), 'dotskills: dotskills.lock not written: confirm with --yes (there is no terminal to ask on)')
  t.equal(w.lockText(), pinned, 'lock unchanged')

  const dry = await w.cli(['update', '--dry-run'])
  t.equal(dry.code, 0, dry.stderr)
  t.equal(dry.stdout, expected)
  t.match(dry.stderr, 'dotskills: dry run: dotskills.lock not written')
  t.equal(w.lockText(), pinned, 'lock unchanged by --dry-run')

  const yes = await w.cli(['update', '--yes'])
  t.equal(yes.code, 0, yes.stderr)
  t.equal(yes.stdout, expected)
  t.match(yes.stderr, 'dotskills: dotskills.lock updated')
  t.equal(w.lock().sources.skills.commit, next)
  t.same(Object.keys(w.lock().sources.skills.skills).sort(), ['changed', 'keep', 'newskill'])

  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.same(claudeSkills(w.home), ['changed', 'keep', 'newskill'], 'gone is uninstalled, newskill installed')
  t.equal(readFileSync(installed(w.home, 'changed', 'notes.md'), 'utf8'), 'a\nb\nc\n')

  // history rewritten upstream: the amended commit replaces the pinned one
  const amended = repo.amendAndForcePush({ 'keep/SKILL.md': md('keep', 'Use when the amended keep is wanted.') }, 'upstream moves on, amended')
  const forced = await w.cli(['update', '--yes'])
  t.equal(forced.code, 0, forced.stderr)
  t.equal(forced.stdout, `skills: ${next.slice(0, 12)} → ${amended.slice(0, 12)}\n  ~ keep\n    SKILL.md | 2 +-\n`)
  t.equal(w.lock().sources.skills.commit, amended)
})

t.test('a default branch not named main: an update downloads only what changed', async (t) => {
  const w = await world(t)
  // incompressible, so a pack that holds it again is plain to see
  const noise = Array.from({ length: 8000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('\n')
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), 'alpha/noise.txt': noise }, { branch: 'trunk' })
  w.config(`sources:\n  - ${w.server.baseUrl}/skills.git\n`)
  t.equal((await w.cli(['sync'])).code, 0)
  const next = repo.commit({ 'alpha/small.txt': 'small\n' }, 'a small change')
  const u = await w.cli(['update', '--yes'])
  t.equal(u.code, 0, u.stderr)
  t.match(u.stdout, '  ~ alpha\n    small.txt | 1 +\n')
  t.equal(w.lock().sources.skills.commit, next)
  const sources = join(w.cache, 'dotskills', 'sources')
  const packDir = join(sources, readdirSync(sources).find((d) => d.endsWith('.git'))!, 'objects', 'pack')
  const sizes = readdirSync(packDir)
    .filter((f) => f.endsWith('.pack'))
    .map((f) => statSync(join(packDir, f)).size)
    .sort((a, b) => a - b)
  t.equal(sizes.length, 2, 'one pack per fetch')
  t.ok(sizes[1] > noise.length / 2, `the first pack holds the snapshot (${sizes[1]} bytes)`)
  t.ok(sizes[0] < 2000, `the second only the change (${sizes[0]} bytes)`)
})

t.test('sync and install with everything cached make no HTTP request', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  w.config(`agents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/skills.git\n`)

  const first = await w.cli(['sync', '--verbose'])
  t.equal(first.code, 0, first.stderr)
  t.equal(first.stdout, `skills  default branch @ ${repo.head().slice(0, 12)}  2 skills\n`)
  t.match(first.stderr, 'dotskills: dotskills.lock updated')
  t.match(first.stderr, /^dotskills: [1-9]\d* HTTP requests?$/m)
  const made = w.server.requests.length
  t.ok(made > 0)
  const lock = w.lockText()

  const second = await w.cli(['sync', '--verbose'])
  t.equal(second.code, 0, second.stderr)
  t.equal(second.stdout, first.stdout)
  t.equal(second.stderr, 'dotskills: 0 HTTP requests\n')
  t.equal(w.server.requests.length, made, 'the server saw nothing')
  t.equal(w.lockText(), lock)

  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.equal(i.stdout, '2 written, 0 removed, 1 agent (claude-code)\n')
  t.equal((await w.cli(['install'])).stdout, '0 written, 0 removed, 1 agent (claude-code)\n')
  t.equal(w.server.requests.length, made, 'install from the cache makes no request either')
})

t.test('--frozen refuses a config the lock does not match; --offline needs a warm cache', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', skillFiles('alpha'))
  repo.commit(skillFiles('devonly'), 'dev', { branch: 'dev' })
  const url = `${w.server.baseUrl}/skills.git`
  w.config('agents: [claude-code]\n')
  t.equal((await w.cli(['add', url])).code, 0)
  const lock = w.lockText()

  // --offline with a warm cache: works, no request
  const made = w.server.requests.length
  const warm = await w.cli(['install', '--offline', '--frozen'])
  t.equal(warm.code, 0, warm.stderr)
  t.same(claudeSkills(w.home), ['alpha'])
  t.equal(w.server.requests.length, made)

  // --offline with a cold cache: exit 4, no request, nothing written
  const cold = join(w.root, 'cold-cache')
  const off = await w.cli(['install', '--offline'], { cache: cold })
  t.equal(off.code, 4)
  noStack(t, off)
  t.same(errorLines(off), [
    `dotskills: source skills (${url}): the cache lacks the pinned commit ${repo.head().slice(0, 12)} and --offline forbids fetching it`,
  ])
  t.match(off.stderr, '  hint: run `dotskills sync` once with the network')
  t.equal(w.server.requests.length, made, '--offline made no request')
  t.equal(w.lockText(), lock)

  // --frozen: the config asks for another ref than the lock pins
  w.config(`agents: [claude-code]\nsources:\n  - url: ${url}\n    ref: dev\n`)
  const config = join(w.project, 'dotskills.yaml')
  const message = `dotskills: ${config}: dotskills.lock does not match the config: source "skills" is new or changed in the config`
  for (const cmd of ['install', 'sync']) {
    const r = await w.cli([cmd, '--frozen'])
    t.equal(r.code, 2, `${cmd} --frozen`)
    noStack(t, r)
    t.same(errorLines(r), [message], `${cmd} --frozen: one line naming dotskills.lock`)
    t.match(r.stderr, '  hint: run `dotskills sync` (or `dotskills update`) and commit dotskills.lock; --frozen never changes it')
    t.equal(w.lockText(), lock, `${cmd} --frozen: lock unchanged`)
  }
  t.equal(w.server.requests.length, made, '--frozen failed before any request')
  t.same(claudeSkills(w.home), ['alpha'], 'nothing installed or removed')

  // a source the config dropped is a mismatch too
  w.config('agents: [claude-code]\n')
  const dropped = await w.cli(['sync', '--frozen'])
  t.equal(dropped.code, 2)
  t.match(errorLines(dropped)[0], 'dotskills.lock does not match the config: it pins source "skills", which the config no longer has')
})

t.test('a new machine installs exactly the pinned commit after upstream moved on', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha', 'Use when the pinned alpha is wanted.'), ...skillFiles('beta') })
  w.config('agents: [claude-code]\n')
  t.equal((await w.cli(['add', `${w.server.baseUrl}/skills.git`])).code, 0)
  const pinned = repo.head()
  const lock = w.lockText()
  repo.commit({ ...skillFiles('alpha', 'Use when the newer alpha is wanted.'), ...skillFiles('gamma') }, 'upstream moves on')
  repo.commit(skillFiles('delta'), 'and on', { remove: ['beta'] })

  const machine = join(w.root, 'machine2')
  mkdirSync(machine)
  for (const f of ['package.json', 'dotskills.yaml', 'dotskills.lock']) cpSync(join(w.project, f), join(machine, f))
  const home = join(w.root, 'home2')
  const before = w.server.requests.length
  const r = await w.cli(['install', '--frozen'], { cwd: machine, home, cache: join(w.root, 'cache2') })
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stdout, '2 written, 0 removed, 1 agent (claude-code)\n')
  t.ok(w.server.requests.length > before, 'it fetched')
  t.same(claudeSkills(home), ['alpha', 'beta'])
  t.equal(readFileSync(installed(home, 'alpha'), 'utf8'), md('alpha', 'Use when the pinned alpha is wanted.'))
  t.equal(readFileSync(installed(home, 'beta'), 'utf8'), md('beta'))
  t.equal(readFileSync(join(machine, 'dotskills.lock'), 'utf8'), lock, 'lock unchanged')
  t.equal(JSON.parse(lock!).sources.skills.commit, pinned)
})

t.test('remove <source> and remove <skill>: config and lock change, install uninstalls', async (t) => {
  const w = await world(t)
  FixtureRepo.create(w.server.root, 'one.git', { ...skillFiles('one-a'), ...skillFiles('one-b') })
  FixtureRepo.create(w.server.root, 'two.git', { ...skillFiles('two-a'), ...skillFiles('two-b') })
  w.config(`# mine\nagents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/one.git\n  # the second one\n  - ${w.server.baseUrl}/two.git\n`)
  const first = await w.cli(['install'])
  t.equal(first.code, 0, first.stderr)
  t.same(claudeSkills(w.home), ['one-a', 'one-b', 'two-a', 'two-b'])

  const r = await w.cli(['remove', 'one'])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stdout, 'removed source one (2 skills) from dotskills.yaml and dotskills.lock; `dotskills install` removes its skills from the agents\n')
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), `# mine\nagents: [claude-code]\nsources:\n  # the second one\n  - ${w.server.baseUrl}/two.git\n`)
  t.same(Object.keys(w.lock().sources), ['two'])
  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.equal(i.stdout, '0 written, 2 removed, 1 agent (claude-code)\n')
  t.same(claudeSkills(w.home), ['two-a', 'two-b'])

  const s = await w.cli(['remove', 'two-b'])
  t.equal(s.code, 0, s.stderr)
  t.equal(s.stdout, 'left skill two-b out of source two (exclude in dotskills.yaml); `dotskills install` removes it from the agents\n')
  t.equal(
    readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'),
    `# mine\nagents: [claude-code]\nsources:\n  # the second one\n  - url: ${w.server.baseUrl}/two.git\n    exclude:\n      - two-b\n`,
  )
  t.same(w.lock().sources.two.exclude, ['two-b'])
  t.same(Object.keys(w.lock().sources.two.skills), ['two-a'])
  const made = w.server.requests.length
  const again = await w.cli(['install', '--frozen'])
  t.equal(again.code, 0, again.stderr)
  t.equal(again.stdout, '0 written, 1 removed, 1 agent (claude-code)\n')
  t.same(claudeSkills(w.home), ['two-a'])
  t.equal(w.server.requests.length, made, 'the lock still agrees with the config: no fetch')
})

t.test('a local folder source: hashes in the lock; --frozen fails after a local edit', async (t) => {
  const w = await world(t)
  for (const [rel, text] of Object.entries({ ...skillFiles('loc-a'), ...skillFiles('loc-b') })) put(join(w.project, 'vendor/skills', rel), text as string)
  w.config('agents: [claude-code]\nsources:\n  - ./vendor/skills\n')

  const s = await w.cli(['sync'])
  t.equal(s.code, 0, s.stderr)
  t.equal(s.stdout, 'skills  vendor/skills  2 skills\n')
  const entry = w.lock().sources.skills
  t.equal(entry.dir, 'vendor/skills')
  t.notOk(entry.url)
  t.notOk(entry.commit)
  t.same(lockedPaths(t, w, 'skills'), { 'loc-a': 'loc-a', 'loc-b': 'loc-b' })
  const lock = w.lockText()

  const i = await w.cli(['install', '--frozen'])
  t.equal(i.code, 0, i.stderr)
  t.same(claudeSkills(w.home), ['loc-a', 'loc-b'])
  t.equal(w.server.requests.length, 0)

  writeFileSync(join(w.project, 'vendor/skills/loc-a/SKILL.md'), md('loc-a', 'Use when the edited loc-a is wanted.'))
  const frozen = await w.cli(['install', '--frozen'])
  t.equal(frozen.code, 2)
  noStack(t, frozen)
  t.match(errorLines(frozen)[0], /dotskills\.lock does not match the config: local source "skills": skill "loc-a" has content hash sha256-\S+, the lock says sha256-/)
  t.equal(readFileSync(installed(w.home, 'loc-a'), 'utf8'), md('loc-a'), 'nothing installed')
  t.equal(w.lockText(), lock)

  const fresh = await w.cli(['install'])
  t.equal(fresh.code, 0, fresh.stderr)
  t.match(fresh.stderr, 'dotskills: dotskills.lock updated')
  t.not(w.lock().sources.skills.skills['loc-a'].hash, JSON.parse(lock!).sources.skills.skills['loc-a'].hash)
  t.equal(readFileSync(installed(w.home, 'loc-a'), 'utf8'), md('loc-a', 'Use when the edited loc-a is wanted.'))
})

t.test('a hand-edited lock is caught; a damaged extracted skill is repaired from the object store', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  w.config('agents: [claude-code]\n')
  t.equal((await w.cli(['add', `${w.server.baseUrl}/skills.git`])).code, 0)
  const lock = w.lockText()!

  // the extracted copy of alpha is damaged before the first install
  const skillsDir = join(w.cache, 'dotskills', 'skills')
  const alphaDir = readdirSync(skillsDir).find((d) => d.startsWith('alpha-'))!
  const damaged = join(skillsDir, alphaDir, 'alpha', 'SKILL.md')
  writeFileSync(damaged, 'damaged\n')
  const made = w.server.requests.length
  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.equal(readFileSync(installed(w.home, 'alpha'), 'utf8'), md('alpha'), 'installed what the lock pins')
  t.equal(readFileSync(damaged, 'utf8'), md('alpha'), 'the extracted copy was repaired')
  t.equal(w.server.requests.length, made, 'from the object store, without the network')
  t.equal(w.lockText(), lock)

  // a lock whose hash for alpha was edited, and a cold cache
  const edited = JSON.parse(lock)
  edited.sources.skills.skills.alpha.hash = edited.sources.skills.skills.beta.hash
  writeFileSync(join(w.project, 'dotskills.lock'), JSON.stringify(edited, null, 2) + '\n')
  const editedText = w.lockText()
  const installedBefore = snapshotTree(join(w.home, '.claude'))
  const r = await w.cli(['install'], { cache: join(w.root, 'cold') })
  t.equal(r.code, 4)
  noStack(t, r)
  t.same(errorLines(r), [
    `dotskills: source skills (${w.server.baseUrl}/skills.git): what commit ${repo.head().slice(0, 12)} holds does not match dotskills.lock: ` +
      `skill "alpha" has content hash ${JSON.parse(lock).sources.skills.skills.alpha.hash}, the lock says ${edited.sources.skills.skills.alpha.hash}`,
  ])
  t.match(r.stderr, '`dotskills update skills` pins it afresh')
  t.equal(w.lockText(), editedText, 'the lock is left for the user')
  t.same(snapshotTree(join(w.home, '.claude')), installedBefore, 'nothing installed')
})

t.test('two skills of one name from two sources: exit 2 naming both', async (t) => {
  const w = await world(t)
  FixtureRepo.create(w.server.root, 'one.git', { ...skillFiles('shared'), ...skillFiles('only-one') })
  FixtureRepo.create(w.server.root, 'two.git', { ...skillFiles('shared', 'Use when the other shared is wanted.') })
  w.config('agents: [claude-code]\n')
  t.equal((await w.cli(['add', `${w.server.baseUrl}/one.git`])).code, 0)
  const config = readFileSync(join(w.project, 'dotskills.yaml'), 'utf8')
  const lock = w.lockText()

  const r = await w.cli(['add', `${w.server.baseUrl}/two.git`])
  t.equal(r.code, 2)
  noStack(t, r)
  t.same(errorLines(r), [`dotskills: ${join(w.project, 'dotskills.yaml')}: two skills are named "shared": source one and source two (shared)`])
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), config, 'config unchanged')
  t.equal(w.lockText(), lock, 'lock unchanged')

  // both in the config by hand: install refuses before writing anything
  w.config(`agents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/one.git\n  - ${w.server.baseUrl}/two.git\n`)
  const i = await w.cli(['install'])
  t.equal(i.code, 2)
  t.same(errorLines(i), [`dotskills: ${join(w.project, 'dotskills.yaml')}: two skills are named "shared": source one (shared) and source two (shared)`])
  t.same(claudeSkills(w.home), [])
  t.equal(w.lockText(), lock, 'lock unchanged')
})

t.test('symlinks and Git LFS pointers in a source are left out or flagged, with a note each', async (t) => {
  const w = await world(t)
  const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n'
  FixtureRepo.create(w.server.root, 'skills.git', {
    ...skillFiles('alpha', undefined, { 'link.md': { symlink: 'SKILL.md' }, 'assets/logo.png': lfs }),
  })
  w.config(`agents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/skills.git\n`)
  const r = await w.cli(['sync'])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stderr, 'note: skills: alpha/link.md left out: a symlink (sources may not link)')
  t.match(r.stderr, 'note: skills: alpha/assets/logo.png is a Git LFS pointer, not the file (LFS is not supported)')
  const i = await w.cli(['install'])
  t.equal(i.code, 0, i.stderr)
  const dir = join(w.home, '.claude', 'skills', 'alpha')
  t.notOk(existsSync(join(dir, 'link.md')), 'the symlink was not installed')
  t.equal(readFileSync(join(dir, 'assets', 'logo.png'), 'utf8'), lfs, 'the pointer is installed as it is')
})

t.test('a damaged lock (merge conflict, wrong shape) is exit 2 naming the file and line; nothing is written', async (t) => {
  const w = await world(t)
  FixtureRepo.create(w.server.root, 'skills.git', skillFiles('alpha'))
  w.config(`agents: [claude-code]\nsources:\n  - ${w.server.baseUrl}/skills.git\n`)
  const lockFile = join(w.project, 'dotskills.lock')
  const conflict = '{\n  "lockfileVersion": 1,\n<<<<<<< HEAD\n  "sources": {}\n=======\n  "sources": {}\n>>>>>>> other\n}\n'
  writeFileSync(lockFile, conflict)
  const r = await w.cli(['sync'])
  t.equal(r.code, 2, r.stderr)
  t.match(r.stderr, /^dotskills: .*dotskills\.lock:3:1: not valid JSON\n {2}hint: a merge conflict\?/)
  noStack(t, r)
  t.equal(readFileSync(lockFile, 'utf8'), conflict, 'the lock is left as it was')

  writeFileSync(lockFile, '{"lockfileVersion": 2, "sources": {}}\n')
  const s = await w.cli(['install'])
  t.equal(s.code, 2, s.stderr)
  t.match(s.stderr, 'dotskills.lock: does not match the lockfile schema: /lockfileVersion must be equal to constant')
  t.equal(w.server.requests.length, 0, 'nothing was fetched')
})
