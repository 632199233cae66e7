// The offline git test server and fixture repos, checked with the native git client: if these
// pass, a failing source test points at dotskills, not at its test harness.
import { execFile, execFileSync } from 'node:child_process'
import { get, type IncomingMessage } from 'node:http'
import { lstatSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { FixtureRepo, gitEnv, skillFiles } from './helpers/git-repo.js'
import { startGitServer, type GitServer, type GitServerOptions } from './helpers/git-server.js'
import { lintDir } from './helpers/lint-fixture.js'
import { ROOT, runCli, runCliAsync } from './helpers/run-cli.js'

const run = promisify(execFile)

/** Native git against the in-process server; must be async, or the server could never answer. */
async function git(args: string[], cwd?: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const r = await run('git', args, { cwd, env: gitEnv(), encoding: 'utf8', timeout: 10_000 })
    return { ok: true, stdout: r.stdout, stderr: r.stderr }
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string }
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

// t.testdir() wipes its folder on every call, so each test makes it once and works in subfolders
const testdirs = new WeakMap<Test, string>()
function scratch(t: Test, name: string): string {
  let base = testdirs.get(t)
  if (!base) testdirs.set(t, (base = t.testdir()))
  const dir = join(base, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

async function serve(t: Test, opts: Partial<GitServerOptions> = {}, name = 'root'): Promise<GitServer> {
  const server = await startGitServer({ root: scratch(t, name), ...opts })
  t.teardown(() => server.close())
  return server
}

function httpGet(url: string, opts: { timeout?: number; auth?: string; headers?: Record<string, string> } = {}): Promise<IncomingMessage & { body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: opts.timeout, auth: opts.auth, headers: opts.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (d: string) => (body += d))
      res.on('end', () => resolve(Object.assign(res, { body })))
    })
    req.on('timeout', () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
  })
}

/** `git ls-remote` over HTTP as { ref: oid } */
async function lsRemote(url: string): Promise<Record<string, string>> {
  const r = await git(['ls-remote', url])
  if (!r.ok) throw new Error(r.stderr)
  return Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('\t').reverse()))
}

t.test('anonymous clone of a public repo', async (t) => {
  const server = await serve(t)
  FixtureRepo.create(server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta', undefined, {}, 'nested/'), 'README.md': 'hi\n' })
  const dest = scratch(t, 'clone')
  const r = await git(['clone', '--quiet', '--depth', '1', `${server.baseUrl}/skills.git`, dest])
  t.ok(r.ok, r.stderr)
  t.equal(readFileSync(join(dest, 'README.md'), 'utf8'), 'hi\n')
  t.match(readFileSync(join(dest, 'alpha/SKILL.md'), 'utf8'), /^---\nname: alpha\ndescription: Use when /)
  t.ok(lstatSync(join(dest, 'nested/beta/SKILL.md')).isFile())
  t.ok(server.requests.length >= 2)
  t.ok(server.requests.every((q) => !q.authorization && q.user === undefined && q.status === 200))
  t.same(server.requests[0], { method: 'GET', path: '/skills.git/info/refs', query: 'service=git-upload-pack', authorization: false, status: 200 })
  t.ok(server.requests.some((q) => q.method === 'POST' && q.path === '/skills.git/git-upload-pack'))

  const refs = `${server.baseUrl}/skills.git/info/refs?service=git-upload-pack`
  t.match((await httpGet(refs, { headers: { 'Git-Protocol': 'version=2' } })).body, /version 2\n/, 'Git-Protocol reaches the backend')
  t.notMatch((await httpGet(refs)).body, /version 2/)

  const missing = await git(['ls-remote', `${server.baseUrl}/nope.git`])
  t.notOk(missing.ok)
  t.equal(server.requests.at(-1)?.status, 404)
})

t.test('skillFiles makes lint-clean skills', async (t) => {
  const repo = FixtureRepo.create(scratch(t, 'root'), 'skills.git', {
    ...skillFiles('alpha'),
    ...skillFiles('beta', undefined, { 'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 } }),
    ...skillFiles('gamma-delta', 'Formats tables: use when a table is ragged.', {}, 'more/'),
  })
  const { found } = await lintDir(repo.workDir)
  t.same(found, [])
})

t.test('private repo: HTTP Basic, never a stored password', async (t) => {
  const server = await serve(t, { private: { 'private-team.git': 'alice:s3cret-pw' } })
  FixtureRepo.create(server.root, 'private-team.git', skillFiles('alpha'))
  const authed = server.baseUrl.replace('http://', 'http://alice:s3cret-pw@')

  const ok = await git(['clone', '--quiet', `${authed}/private-team.git`, scratch(t, 'a')])
  t.ok(ok.ok, ok.stderr)
  t.ok(server.requests.some((q) => q.authorization && q.user === 'alice' && q.status === 200))
  t.ok(server.requests.some((q) => q.method === 'POST' && q.authorization), 'the pack request carries credentials')

  server.requests.length = 0
  const anon = await git(['clone', '--quiet', `${server.baseUrl}/private-team.git`, scratch(t, 'b')])
  t.notOk(anon.ok)
  t.same(server.requests.map((q) => [q.status, q.authorization]), [[401, false]])

  server.requests.length = 0
  const wrong = await git(['ls-remote', `${server.baseUrl.replace('http://', 'http://alice:wrong-pw@')}/private-team.git`])
  t.notOk(wrong.ok)
  t.ok(server.requests.some((q) => q.status === 401 && q.authorization && q.user === 'alice'))

  const challenge = await httpGet(`${server.baseUrl}/private-team.git/info/refs?service=git-upload-pack`)
  t.equal(challenge.statusCode, 401)
  t.equal(challenge.headers['www-authenticate'], 'Basic realm="test"')
  t.notMatch(JSON.stringify(server.requests), 's3cret-pw')
  t.notMatch(JSON.stringify(server.requests), 'wrong-pw')
})

t.test('anonymous404 answers 404 to requests without credentials', async (t) => {
  const server = await serve(t, { private: { 'private-team.git': 'alice:pw' }, anonymous404: true })
  FixtureRepo.create(server.root, 'private-team.git', skillFiles('alpha'))
  FixtureRepo.create(server.root, 'public.git', skillFiles('alpha'))
  const refs = `${server.baseUrl}/private-team.git/info/refs?service=git-upload-pack`
  t.equal((await httpGet(refs)).statusCode, 404)
  t.equal((await httpGet(refs, { auth: 'alice:bad' })).statusCode, 401, 'wrong credentials still get 401')
  const good = await httpGet(refs, { auth: 'alice:pw' })
  t.equal(good.statusCode, 200)
  t.match(good.body, /# service=git-upload-pack/)
  t.equal((await httpGet(`${server.baseUrl}/public.git/info/refs?service=git-upload-pack`)).statusCode, 200)
  t.same(server.requests.map((q) => q.status), [404, 401, 200, 200])
})

t.test('injected 500 is used up after `times`', async (t) => {
  const server = await serve(t)
  FixtureRepo.create(server.root, 'skills.git', skillFiles('alpha'))
  server.fail({ kind: '500', times: 1 })
  const url = `${server.baseUrl}/skills.git`
  t.notOk((await git(['clone', '--quiet', url, scratch(t, 'a')])).ok)
  t.equal(server.requests[0].status, 500)
  t.ok((await git(['clone', '--quiet', url, scratch(t, 'b')])).ok, 'second clone works')

  server.fail({ kind: '500', match: /nothing-matches-this/ })
  t.ok((await git(['ls-remote', url])).ok, 'a rule that matches nothing changes nothing')
  server.fail({ kind: '500' })
  t.notOk((await git(['ls-remote', url])).ok)
  server.clearFailures()
  t.ok((await git(['ls-remote', url])).ok, 'clearFailures removes the rules')
})

t.test('drop cuts the pack response mid-way', async (t) => {
  const server = await serve(t)
  // incompressible content, so the pack is large enough to be cut in a meaningful place
  const noise = Array.from({ length: 4000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('\n')
  FixtureRepo.create(server.root, 'skills.git', { ...skillFiles('alpha'), 'alpha/noise.txt': noise })
  const clone = (dest: string, protocol: string) =>
    git(['-c', `protocol.version=${protocol}`, 'clone', '--quiet', `${server.baseUrl}/skills.git`, scratch(t, dest)])

  // protocol v0: the only POST is the pack request
  server.fail({ kind: 'drop', match: /\/git-upload-pack$/ })
  const v0 = await clone('v0', '0')
  t.notOk(v0.ok)
  t.match(v0.stderr, /disconnect|pack|EOF|transfer closed/i)
  t.same(server.requests.map((q) => [q.method, q.status]), [['GET', 200], ['POST', 200]], 'the head was sent before the drop')

  // protocol v2 POSTs ls-refs first: a no-op rule (slow, 0 ms) uses up that one
  server.clearFailures()
  server.requests.length = 0
  server.fail({ kind: 'slow', delayMs: 0, match: /\/git-upload-pack$/, times: 1 })
  server.fail({ kind: 'drop', match: /\/git-upload-pack$/ })
  const v2 = await clone('v2', '2')
  t.notOk(v2.ok)
  t.same(server.requests.map((q) => [q.method, q.status]), [['GET', 200], ['POST', 200], ['POST', 200]])

  server.clearFailures()
  t.ok((await clone('ok', '2')).ok)
})

t.test('hang never answers; close() still ends the connection', async (t) => {
  const server = await serve(t)
  server.fail({ kind: 'hang' })
  const started = Date.now()
  await t.rejects(httpGet(`${server.baseUrl}/x.git/info/refs?service=git-upload-pack`, { timeout: 500 }), /client timeout/)
  t.ok(Date.now() - started >= 450)
  t.equal(server.requests[0].status, 0)

  const pending = httpGet(`${server.baseUrl}/x.git/info/refs?service=git-upload-pack`).catch((err: Error) => err)
  await new Promise((r) => setTimeout(r, 50))
  await server.close()
  t.type(await pending, Error, 'the hanging request ends when the server closes')
})

t.test('gzipped request bodies are inflated', async (t) => {
  const server = await serve(t)
  const repo = FixtureRepo.create(server.root, 'skills.git', skillFiles('alpha'))
  // 40 annotated tags (40 distinct oids) make the want list exceed 1 KiB, above which native git
  // gzips its POST body; made in the work clone and pushed once, which is much faster than tag()
  const who = { GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.test', GIT_COMMITTER_DATE: '1700000000 +0000' }
  for (let i = 0; i < 40; i++) execFileSync('git', ['tag', '-a', `t${i}`, '-m', `tag ${i}`], { cwd: repo.workDir, env: gitEnv(who) })
  execFileSync('git', ['push', '--quiet', 'origin', '--tags'], { cwd: repo.workDir, env: gitEnv(), stdio: 'ignore' })
  const r = await git(['-c', 'protocol.version=0', 'clone', '--quiet', `${server.baseUrl}/skills.git`, scratch(t, 'clone')])
  t.ok(r.ok, r.stderr)
})

t.test('close() ends a slow response at once and leaves no timer behind', async (t) => {
  const server = await serve(t)
  FixtureRepo.create(server.root, 'skills.git', skillFiles('alpha'))
  server.fail({ kind: 'slow', delayMs: 60_000 })
  const clone = git(['clone', '--quiet', `${server.baseUrl}/skills.git`, scratch(t, 'clone')])
  while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 20))
  const started = Date.now()
  await server.close()
  t.notOk((await clone).ok)
  t.ok(Date.now() - started < 5000)
})

t.test('slow delays every chunk but still serves', async (t) => {
  const server = await serve(t)
  FixtureRepo.create(server.root, 'skills.git', skillFiles('alpha'))
  server.fail({ kind: 'slow', delayMs: 100, match: /\/info\/refs/ })
  const started = Date.now()
  t.ok((await git(['ls-remote', `${server.baseUrl}/skills.git`])).ok)
  t.ok(Date.now() - started >= 100)
})

t.test('redirect answers 302 to the same path on another base', async (t) => {
  const server = await serve(t)
  server.fail({ kind: 'redirect', to: 'http://127.0.0.1:1/mirror/', times: 1 })
  const res = await httpGet(`${server.baseUrl}/skills.git/info/refs?service=git-upload-pack`)
  t.equal(res.statusCode, 302)
  t.equal(res.headers.location, 'http://127.0.0.1:1/mirror/skills.git/info/refs?service=git-upload-pack')
  t.same(server.requests.map((q) => q.status), [302])

  // and git follows it for the ref advertisement, to a real second server
  const other = await serve(t, {}, 'other')
  FixtureRepo.create(other.root, 'skills.git', skillFiles('alpha'))
  server.fail({ kind: 'redirect', to: other.baseUrl })
  t.ok((await git(['ls-remote', `${server.baseUrl}/skills.git`])).ok)
  t.ok(other.requests.length > 0)
})

t.test('FixtureRepo history is visible over HTTP and deterministic', async (t) => {
  const server = await serve(t)
  const repo = FixtureRepo.create(server.root, 'skills.git', skillFiles('alpha'))
  const url = `${server.baseUrl}/skills.git`
  const first = repo.head()
  t.match(first, /^[0-9a-f]{40}$/)
  t.same(await lsRemote(url), { HEAD: first, 'refs/heads/main': first })

  repo.tag('v1')
  repo.tag('v1-annotated', true)
  repo.branch('stable')
  const second = repo.commit(
    { ...skillFiles('beta'), 'bin/tool': { content: '#!/bin/sh\n', mode: 0o755 }, 'link': { symlink: 'alpha/SKILL.md' } },
    'add beta',
    { remove: ['alpha'] },
  )
  const dev = repo.commit({ 'dev.txt': 'dev\n' }, 'on dev', { branch: 'dev' })
  t.equal(repo.head(), second)
  t.equal(repo.head('dev'), dev)
  t.equal(repo.head('stable'), first)

  const refs = await lsRemote(url)
  t.equal(refs.HEAD, second)
  t.equal(refs['refs/heads/main'], second)
  t.equal(refs['refs/heads/stable'], first)
  t.equal(refs['refs/heads/dev'], dev)
  t.equal(refs['refs/tags/v1'], first)
  t.not(refs['refs/tags/v1-annotated'], first, 'an annotated tag is its own object')
  t.equal(refs['refs/tags/v1-annotated^{}'], first)

  const dest = scratch(t, 'clone')
  t.ok((await git(['clone', '--quiet', url, dest])).ok)
  t.throws(() => lstatSync(join(dest, 'alpha')), 'removed paths are gone')
  t.ok(lstatSync(join(dest, 'beta/SKILL.md')).isFile())
  t.equal(lstatSync(join(dest, 'bin/tool')).mode & 0o111, 0o111)
  t.equal(readlinkSync(join(dest, 'link')), 'alpha/SKILL.md')
  t.notOk(lstatSync(join(dest, 'dev.txt'), { throwIfNoEntry: false }), 'the dev commit stayed on dev')

  const rewritten = repo.amendAndForcePush({ 'beta/SKILL.md': 'changed\n' }, 'add beta, amended')
  t.not(rewritten, second)
  t.equal((await lsRemote(url))['refs/heads/main'], rewritten)
  const parents = await git(['rev-list', '--parents', '-n', '1', rewritten], repo.bareDir)
  t.equal(parents.stdout.trim(), `${rewritten} ${first}`, 'the amended commit replaces, not follows, the old one')

  // the same steps elsewhere give the same oids
  const twin = FixtureRepo.create(scratch(t, 'twin'), 'skills.git', skillFiles('alpha'))
  t.equal(twin.head(), first)
  const empty = scratch(t, 'empty')
  t.ok((await git(['init', '--quiet', empty])).ok)
  const fetchByOid = await git(['fetch', '--quiet', url, second], empty)
  t.ok(fetchByOid.ok, `a commit no ref points at any more can be fetched by oid: ${fetchByOid.stderr}`)
})

t.test('runCliAsync runs the CLI like runCli, without blocking this process', async (t) => {
  const server = await serve(t)
  const pending = runCliAsync(['--version'], { cwd: ROOT })
  // the server still answers while the CLI runs: spawnSync would have frozen it
  t.equal((await httpGet(`${server.baseUrl}/x.git/info/refs?service=git-upload-pack`)).statusCode, 404)
  const r = await pending
  t.same(r, runCli(['--version'], { cwd: ROOT }))
  t.equal(r.code, 0)
  await t.rejects(runCliAsync(['--version'], { cwd: ROOT, timeoutMs: 1 }), /longer than 1 ms/)
})
