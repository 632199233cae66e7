// Private git sources: a token from `auth: env:NAME` (sent up front), git credential helpers
// (after a 401), refused and missing credentials. After every test the secret must appear in no
// file dotskills could have written (HOME, cache, state, the project) and in no output, except
// the ~/.git-credentials the user wrote; and a token only ever goes to its own source.
import t, { type Test } from 'tap'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FixtureRepo, skillFiles } from '../helpers/git-repo.js'
import { startGitServer } from '../helpers/git-server.js'
import type { CliRun } from '../helpers/run-cli.js'
import { claudeSkills, errorLines, filesContaining, installed, noStack, world, type RunOptions, type World } from '../helpers/sources-e2e.js'

t.jobs = 3

const SECRET = 's3cret-token-XYZ'
const GOOD = `alice:${SECRET}`
const WRONG = 'alice:wr0ng-token-QQQ'

/**
 * A world whose server has the private repo private-team.git; every run goes through `cli`, so
 * that `noLeaks()` (called at the end of each test) can check its output as well as every file.
 */
async function privateWorld(t: Test, anonymous404 = false) {
  const w = await world(t, { private: { 'private-team.git': GOOD }, anonymous404 })
  const repo = FixtureRepo.create(w.server.root, 'private-team.git', { ...skillFiles('team-review'), ...skillFiles('team-deploy') })
  const url = `${w.server.baseUrl}/private-team.git`
  w.config('agents: [claude-code]\n')
  const runs: CliRun[] = []
  const cli = async (args: string[], opts?: RunOptions) => {
    const r = await w.cli(args, opts)
    runs.push(r)
    return r
  }
  const credentials = join(w.home, '.git-credentials')
  /** call last: neither secret in any file (but the user's ~/.git-credentials) or output */
  const noLeaks = () => noLeak(t, w, runs, [credentials])
  return { w, repo, url, cli, credentials, noLeaks }
}

function noLeak(t: Test, w: World, runs: CliRun[], except: string[]) {
  for (const secret of [SECRET, WRONG.split(':')[1]]) {
    // the whole test folder: HOME, cache (also the cold ones), state, the project's config and lock
    t.same(filesContaining([w.root], secret, except), [], `no file holds ${secret}`)
    t.notOk(
      runs.some((r) => r.stdout.includes(secret) || r.stderr.includes(secret)),
      `no output shows ${secret}`,
    )
  }
}

const withToken = (token: string) => ({ env: { TEAM_TOKEN: token } })

t.test('auth: env:NAME: the token goes with the first request; config and lock hold only the variable name', async (t) => {
  const { w, repo, url, cli, noLeaks } = await privateWorld(t)
  const r = await cli(['add', url, '--auth', 'env:TEAM_TOKEN'], withToken(GOOD))
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, `added private-team @ ${repo.head().slice(0, 12)}: 2 skills (team-deploy, team-review)\n`)
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), `agents: [claude-code]\nsources:\n  - url: ${url}\n    auth: env:TEAM_TOKEN\n`)
  t.equal(w.lock().sources['private-team'].url, url)
  t.same(
    w.server.requests.map((q) => [q.method, q.status, q.authorization, q.user]),
    [
      ['GET', 200, true, 'alice'],
      ['POST', 200, true, 'alice'],
    ],
    'pre-emptive: no 401 round trip',
  )

  // install from the cache needs no token at all; a fetch does
  const i = await cli(['install'])
  t.equal(i.code, 0, i.stderr)
  t.same(claudeSkills(w.home), ['team-deploy', 'team-review'])
  repo.commit(skillFiles('team-new'), 'more')
  const u = await cli(['update', '--yes'], withToken(GOOD))
  t.equal(u.code, 0, u.stderr)
  t.match(u.stdout, '  + team-new\n')
  t.ok(w.server.requests.every((q) => q.authorization && q.status === 200))
  noLeaks()
})

t.test('a wrong token: exit 4, the server refused the credentials from TEAM_TOKEN', async (t) => {
  const { w, url, cli, noLeaks } = await privateWorld(t)
  const r = await cli(['add', url, '--auth', 'env:TEAM_TOKEN'], withToken(WRONG))
  t.equal(r.code, 4)
  noStack(t, r)
  t.same(errorLines(r), [`dotskills: source private-team (${url}): the server refused the credentials from TEAM_TOKEN`])
  t.match(r.stderr, '  hint: check that TEAM_TOKEN holds a token with read access to this repository')
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), 'agents: [claude-code]\n')
  t.equal(w.lockText(), undefined)
  t.same(w.server.requests.map((q) => [q.status, q.authorization]), [[401, true]], 'one try, no loop')
  noLeaks()
})

t.test('auth names a variable that is not set: exit 4 naming env:TEAM_TOKEN, no request', async (t) => {
  const { w, url, cli, noLeaks } = await privateWorld(t)
  const r = await cli(['add', url, '--auth', 'env:TEAM_TOKEN'])
  t.equal(r.code, 4)
  noStack(t, r)
  t.same(errorLines(r), [`dotskills: source private-team (${url}): auth: env:TEAM_TOKEN is not set`])
  t.match(r.stderr, '  hint: export TEAM_TOKEN=<token> (or user:password) before running dotskills')
  t.equal(w.server.requests.length, 0)
  t.equal(w.lockText(), undefined)
  noLeaks()
})

t.test('no credentials at all: exit 4, authentication required', async (t) => {
  const { w, url, cli, noLeaks } = await privateWorld(t)
  const r = await cli(['add', url])
  t.equal(r.code, 4)
  noStack(t, r)
  t.same(errorLines(r), [`dotskills: source private-team (${url}): authentication required`])
  t.match(r.stderr, /^ {2}hint: set `auth: env:NAME` on the source/m)
  t.same(w.server.requests.map((q) => [q.status, q.authorization]), [[401, false]])
  t.equal(w.lockText(), undefined)
  noLeaks()
})

t.test('a server that answers 404 to anonymous requests: the pre-emptive token gets through', async (t) => {
  const { w, url, cli, noLeaks } = await privateWorld(t, true)
  const anonymous = await cli(['add', url])
  t.equal(anonymous.code, 4)
  t.same(errorLines(anonymous), [`dotskills: source private-team (${url}): repository not found (HTTP 404)`])
  t.match(anonymous.stderr, '  hint: check the URL; if it is private, give it a token (auth: env:NAME)')

  const r = await cli(['add', url, '--auth', 'env:TEAM_TOKEN'], withToken(GOOD))
  t.equal(r.code, 0, r.stderr)
  t.same(Object.keys(w.lock().sources['private-team'].skills).sort(), ['team-deploy', 'team-review'])
  t.same(
    w.server.requests.map((q) => [q.status, q.authorization]),
    [
      [404, false],
      [200, true],
      [200, true],
    ],
  )
  noLeaks()
})

t.test('a git credential helper (store): asked after the 401; a refused password is erased from the store', async (t) => {
  const { w, url, cli, credentials, noLeaks } = await privateWorld(t)
  writeFileSync(join(w.home, '.gitconfig'), '[credential]\n\thelper = store\n')
  writeFileSync(credentials, `http://${GOOD}@127.0.0.1:${w.server.port}\n`)

  const r = await cli(['add', url])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^added private-team @ [0-9a-f]{12}: 2 skills/)
  t.same(
    w.server.requests.map((q) => [q.method, q.status, q.authorization]),
    [
      ['GET', 401, false],
      ['GET', 200, true],
      ['POST', 200, true],
    ],
    'anonymous first, then the helper’s credentials',
  )
  const approved = readFileSync(credentials, 'utf8')
  t.equal(approved.trim().split('\n').length, 1, 'approved: one entry')
  t.match(approved, `http://${GOOD}@127.0.0.1`, 'the same credentials (git may re-encode the host)')
  t.equal(readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'), `agents: [claude-code]\nsources:\n  - ${url}\n`, 'no auth in the config')

  // the same store with a wrong password: refused, and (as git does) rejected from the store
  writeFileSync(credentials, `http://${WRONG}@127.0.0.1:${w.server.port}\n`)
  const cold = join(w.root, 'cold-cache')
  const bad = await cli(['install'], { cache: cold })
  t.equal(bad.code, 4)
  noStack(t, bad)
  t.same(errorLines(bad), [`dotskills: source private-team (${url}): the server refused the credentials from a git credential helper`])
  t.notOk(existsSync(credentials) && readFileSync(credentials, 'utf8').includes('127.0.0.1'), 'git credential reject erased the entry')
  t.same(claudeSkills(w.home), [])
  noLeaks()
})

t.test('a token is never sent to another host', async (t) => {
  const { w, url, cli, noLeaks } = await privateWorld(t)
  const other = await startGitServer({ root: join(w.root, 'srv2') })
  t.teardown(() => other.close())
  FixtureRepo.create(other.root, 'public.git', skillFiles('public-one'))
  const publicUrl = `http://localhost:${other.port}/public.git`
  w.config(`agents: [claude-code]\nsources:\n  - url: ${url}\n    auth: env:TEAM_TOKEN\n  - ${publicUrl}\n`)

  const r = await cli(['install'], withToken(GOOD))
  t.equal(r.code, 0, r.stderr)
  t.same(claudeSkills(w.home), ['public-one', 'team-deploy', 'team-review'])
  t.equal(readFileSync(installed(w.home, 'public-one'), 'utf8'), skillFiles('public-one')['public-one/SKILL.md'])
  t.ok(w.server.requests.length > 0 && w.server.requests.every((q) => q.authorization), 'the private source sent its token')
  t.ok(other.requests.length > 0)
  t.ok(other.requests.every((q) => !q.authorization), 'the public source on another host got none')

  // nor when the private source's server redirects to another host (a mirror of the same repos)
  const mirror = await startGitServer({ root: w.server.root })
  t.teardown(() => mirror.close())
  w.server.fail({ kind: 'redirect', to: `http://localhost:${mirror.port}` })
  const u = await cli(['update', 'private-team', '--yes'], withToken(GOOD))
  t.ok(mirror.requests.length > 0, `the client followed the redirect: ${u.stderr}`)
  t.ok(mirror.requests.every((q) => !q.authorization), 'and sent no Authorization to the other host')
  // the repository has moved: the pack request goes straight to the mirror too, as native git
  // does (this mirror serves the repo without auth, so the update succeeds)
  t.equal(u.code, 0, u.stderr)
  t.ok(mirror.requests.some((q) => q.method === 'POST' && q.status === 200), 'the pack came from the mirror')
  t.notOk(w.server.requests.some((q) => q.method === 'POST' && q.status === 302), 'no POST was sent to the old place')
  noLeaks()
})
