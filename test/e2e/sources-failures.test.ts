// Sources that fail: a server error, a connection dropped mid-pack, a server that hangs, a
// missing repository or ref, history rewritten upstream. Each is exit 4 with one line naming
// the source, no stack trace, and the cache, the lock and the installed skills exactly as they were.
import t, { type Test } from 'tap'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FixtureRepo, skillFiles } from '../helpers/git-repo.js'
import type { CliRun } from '../helpers/run-cli.js'
import { errorLines, noStack, PKG, snapshotTree, world, type World } from '../helpers/sources-e2e.js'

t.jobs = 3

/** A project with one source added and installed; upstream has moved on since (a pack to fetch). */
async function installedWorld(t: Test) {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  const url = `${w.server.baseUrl}/skills.git`
  w.config(`agents: [claude-code]\nsources:\n  - ${url}\n`)
  const installed = await w.cli(['install'])
  t.equal(installed.code, 0, installed.stderr)
  t.equal(installed.stdout, '2 written, 0 removed, 1 agent (claude-code)\n')
  // enough new bytes that a pack is really on its way when the connection drops
  const noise = Array.from({ length: 3000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('\n')
  repo.commit({ ...skillFiles('gamma'), 'alpha/notes.md': noise }, 'upstream moves on')
  return { w, repo, url }
}

/** What a failed run must leave as it was. */
function everything(w: World, cache = w.cache) {
  return {
    cache: snapshotTree(cache),
    lock: w.lockText(),
    config: readFileSync(join(w.project, 'dotskills.yaml'), 'utf8'),
    installed: snapshotTree(join(w.home, '.claude')),
  }
}

/** exit 4, one error line (plus a hint), no stack trace */
function sourceError(t: Test, r: CliRun, line: string | RegExp): void {
  t.equal(r.code, 4, r.stderr)
  noStack(t, r)
  t.equal(r.stdout, '')
  const errors = errorLines(r)
  t.equal(errors.length, 1, 'one error line')
  t.match(errors[0], line)
  t.match(r.stderr, /^ {2}hint: \S/m, 'with a hint')
}

t.test('HTTP 500: exit 4, nothing changed', async (t) => {
  const { w, url } = await installedWorld(t)
  const before = everything(w)
  w.server.fail({ kind: '500' })
  const r = await w.cli(['update', '--yes'])
  sourceError(t, r, `dotskills: source skills (${url}): the server answered HTTP 500`)
  t.match(r.stderr, '  hint: try again later')
  t.same(everything(w), before)
  t.equal(w.server.requests.at(-1)?.status, 500)
})

t.test('connection dropped in the middle of the pack: exit 4, nothing changed', async (t) => {
  const { w, url } = await installedWorld(t)
  const before = everything(w)
  w.server.fail({ kind: 'drop', match: /\/git-upload-pack$/ })
  const r = await w.cli(['update', '--yes'])
  sourceError(t, r, `dotskills: source skills (${url}): `)
  t.match(errorLines(r)[0], /network error|premature|aborted|closed|ended/i)
  t.same(everything(w), before)
  t.ok(w.server.requests.some((q) => q.method === 'POST' && q.status === 200), 'the pack response had started')

  // the same fetch works once the server behaves
  w.server.clearFailures()
  const ok = await w.cli(['update', '--yes'])
  t.equal(ok.code, 0, ok.stderr)
  t.match(ok.stdout, '  + gamma\n')
})

t.test('a server that never answers: exit 4 after DOTSKILLS_HTTP_TIMEOUT, nothing changed', async (t) => {
  const { w, url } = await installedWorld(t)
  const before = everything(w)
  w.server.fail({ kind: 'hang' })
  const started = Date.now()
  const r = await w.cli(['update', '--yes'], { env: { DOTSKILLS_HTTP_TIMEOUT: '500' }, timeoutMs: 20_000 })
  const took = Date.now() - started
  sourceError(t, r, `dotskills: source skills (${url}): `)
  t.match(errorLines(r)[0], /timed out/)
  t.ok(took < 10_000, `failed in ${took} ms`)
  t.same(everything(w), before)
})

t.test('a repository that is not there: exit 4, nothing changed', async (t) => {
  const { w, url } = await installedWorld(t)
  const before = everything(w)

  const missing = await w.cli(['add', `${w.server.baseUrl}/nope.git`])
  sourceError(t, missing, `dotskills: source nope (${w.server.baseUrl}/nope.git): repository not found (HTTP 404)`)
  t.same(everything(w), before, 'add wrote no config, no lock, no cache')

  renameSync(join(w.server.root, 'skills.git'), join(w.server.root, 'moved.git'))
  const gone = await w.cli(['update', '--yes'])
  sourceError(t, gone, `dotskills: source skills (${url}): repository not found (HTTP 404)`)
  t.same(everything(w), before)
})

t.test('a ref that does not exist: exit 4, nothing changed', async (t) => {
  const { w, url } = await installedWorld(t)
  const before = everything(w)

  // add --ref nope, in a second project sharing the cache
  const other = join(w.root, 'other')
  mkdirSync(other)
  writeFileSync(join(other, 'package.json'), PKG)
  const r = await w.cli(['add', url, '--ref', 'nope'], { cwd: other })
  sourceError(t, r, `dotskills: source skills (${url}): no branch or tag "nope"`)
  t.same(snapshotTree(other), { 'package.json': snapshotTree(other)['package.json'] }, 'no config, no lock')
  t.same(everything(w), before, 'the cache is as it was')

  // the config asks for it: install must not move or drop the pin
  w.config(`agents: [claude-code]\nsources:\n  - url: ${url}\n    ref: nope\n`)
  const withConfig = everything(w)
  const i = await w.cli(['install'])
  sourceError(t, i, `dotskills: source skills (${url}): no branch or tag "nope"`)
  t.same(everything(w), withConfig)
})

t.test('history rewritten upstream: the pinned commit is gone; exit 4 with the update hint', async (t) => {
  const w = await world(t)
  const repo = FixtureRepo.create(w.server.root, 'skills.git', { ...skillFiles('alpha'), ...skillFiles('beta') })
  repo.commit(skillFiles('gamma'), 'second')
  const url = `${w.server.baseUrl}/skills.git`
  w.config(`agents: [claude-code]\nsources:\n  - ${url}\n`)
  t.equal((await w.cli(['install'])).code, 0)
  const pinned = w.lock().sources.skills.commit!
  const rewritten = repo.amendAndForcePush(skillFiles('delta'), 'second, rewritten')
  t.not(rewritten, pinned)

  const cold = join(w.root, 'cold-cache')
  mkdirSync(cold)
  const before = everything(w, cold)
  const r = await w.cli(['install'], { cache: cold })
  sourceError(t, r, `dotskills: source skills (${url}): commit ${pinned.slice(0, 12)} is not on the server any more (history rewritten upstream?)`)
  t.match(r.stderr, '  hint: run `dotskills update skills` to move the pin to what the server has now')
  // not even the folders the fetch lock made
  t.same(everything(w, cold), before)

  // and update moves the pin as the hint says
  const u = await w.cli(['update', '--yes'], { cache: cold })
  t.equal(u.code, 0, u.stderr)
  t.match(u.stdout, `skills: ${pinned.slice(0, 12)} → ${rewritten.slice(0, 12)}\n`)
  t.equal(w.lock().sources.skills.commit, rewritten)
})
