// End-to-end tests of `dotskills init`: scaffolding a dotfiles repo in a temp folder, and
// cloning one from the test's git server (public and private) into the data folder and
// installing it in one command, as on a new machine.
import t from 'tap'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FixtureRepo, skillFiles } from '../helpers/git-repo.js'
import { runCli } from '../helpers/run-cli.js'
import { filesContaining, snapshotTree, world } from '../helpers/sources-e2e.js'

t.test('init [dir]: a lint-clean repo with config, example skill, .gitignore, CI workflow and git', async (t) => {
  // outside this repository's work tree, or init rightly sees a git repo around it
  const root = mkdtempSync(join(tmpdir(), 'dotskills-init-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  const home = join(root, 'home')
  const cli = (args: string[], cwd = root) => runCli([...args, '--home', home], { cwd, writable: [home] })
  const r = cli(['init', 'repo'])
  t.equal(r.code, 0, r.stderr)
  t.equal(
    r.stdout,
    [
      'created repo/dotskills.yaml',
      'created repo/.github/workflows/lint-skills.yml',
      'created repo/skills/write-commit-message/SKILL.md',
      'created repo/.gitignore',
      'created repo/.git (git init)',
      '',
      'next: `dotskills new <name>` for a skill, `dotskills lint`, then `dotskills install`',
      '',
    ].join('\n'),
  )
  const repo = join(root, 'repo')
  const config = readFileSync(join(repo, 'dotskills.yaml'), 'utf8')
  t.match(config, /^# yaml-language-server: \$schema=https:\/\/dotskills\.dev\/schemas\/config\.schema\.json\n/)
  t.match(config, '\nskills: skills\n')
  t.equal(readFileSync(join(repo, '.gitignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join(), '.dotskills/')
  t.match(readFileSync(join(repo, '.github/workflows/lint-skills.yml'), 'utf8'), 'run: npx --yes dotskills lint --format github --max-warnings 0')
  t.ok(existsSync(join(repo, '.git/HEAD')))
  const lint = cli(['lint'], repo)
  t.equal(lint.code, 0)
  t.equal(lint.stdout, '✔ 1 skill checked, no problems\n', 'the example skill is lint-clean, with no warning')
  t.equal(cli(['list', '--json'], repo).code, 0, 'the config loads')

  const again = cli(['init'], repo)
  t.equal(again.code, 3, 'a folder with a config is refused')
  t.equal(again.stderr, 'dotskills: dotskills.yaml: a dotskills config is already here\n  hint: edit it, or run `dotskills init <other folder>`\n')
  t.equal(cli(['init', 'repo', '--apply']).code, 2, '--apply is for cloning')
})

t.test('init keeps what is there: a .gitignore gets the inbox line, an existing skill file is kept', async (t) => {
  const root = t.testdir({ home: {}, repo: { '.gitignore': 'node_modules', skills: { 'write-commit-message': { 'SKILL.md': 'mine\n' } } } })
  const repo = join(root, 'repo')
  const r = runCli(['init', '--home', join(root, 'home'), '--json'], { cwd: repo, writable: [join(root, 'home')] })
  t.equal(r.code, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  t.same(out.kept, ['skills/write-commit-message/SKILL.md'])
  t.same(out.updated, ['.gitignore'])
  t.equal(out.gitInit, false, 'inside a git work tree already (this repository): no nested git init')
  t.equal(readFileSync(join(repo, 'skills/write-commit-message/SKILL.md'), 'utf8'), 'mine\n', 'never overwritten')
  t.match(readFileSync(join(repo, '.gitignore'), 'utf8'), /^node_modules\n# .*\n\.dotskills\/\n$/)
})

t.test('init <url> --apply: clone into the data folder and install, no questions; again: uses the clone', async (t) => {
  const w = await world(t)
  FixtureRepo.create(w.server.root, 'dotfiles.git', {
    'dotskills.yaml': 'skills: skills\nagents: [claude-code]\n',
    ...skillFiles('alpha', undefined, {}, 'skills/'),
    ...skillFiles('beta', undefined, {}, 'skills/'),
  })
  const url = `${w.server.baseUrl}/dotfiles.git`
  const data = join(w.home, '.local', 'share') // the default data folder
  const r = await w.cli(['init', url, '--apply'])
  t.equal(r.code, 0, r.stderr)
  const clone = join(data, 'dotskills', 'repo')
  t.match(r.stdout, new RegExp(`^cloned ${url.replace(/[.]/g, '\\.')} \\([0-9a-f]{12}\\) into ${clone}\\n`))
  t.ok(existsSync(join(clone, '.git')), 'a real clone, with history to commit to')
  t.ok(existsSync(join(clone, 'skills/alpha/SKILL.md')))
  t.equal(readFileSync(join(w.home, '.claude/skills/alpha/SKILL.md'), 'utf8'), readFileSync(join(clone, 'skills/alpha/SKILL.md'), 'utf8'), 'installed')
  t.ok(existsSync(join(w.home, '.claude/skills/beta/SKILL.md')))

  const before = snapshotTree(w.home)
  const again = await w.cli(['init', url, '--apply'])
  t.equal(again.code, 0, again.stderr)
  t.match(again.stdout, `using the clone already in ${clone}`)
  t.same(snapshotTree(w.home), before, 'nothing changes the second time')

  const taken = await w.cli(['init', url, '--dir', join(w.root, 'project')])
  t.equal(taken.code, 3, 'a folder that is not a clone of that URL is refused')
  t.match(taken.stderr, `is not a clone of ${url}`)

  const noConfig = FixtureRepo.create(w.server.root, 'plain.git', { ...skillFiles('gamma') })
  t.ok(noConfig)
  const plain = await w.cli(['init', `${w.server.baseUrl}/plain.git`, '--dir', join(w.home, 'plain')])
  t.equal(plain.code, 2)
  t.match(plain.stderr, 'the repository has no dotskills config')
})

t.test('init <url> of a private repo: a token from the environment, never written or shown', async (t) => {
  const TOKEN = 'tok-init-4f9a8c7e'
  const w = await world(t, { private: { 'mine.git': `me:${TOKEN}` } })
  FixtureRepo.create(w.server.root, 'mine.git', { 'dotskills.yaml': 'skills: skills\nagents: [codex]\n', ...skillFiles('secret-sauce', undefined, {}, 'skills/') })
  const url = `${w.server.baseUrl}/mine.git`
  const data = join(w.home, '.local', 'share')
  const denied = await w.cli(['init', url, '--apply'])
  t.equal(denied.code, 4, 'no credentials: a source error')
  t.notOk(existsSync(join(data, 'dotskills', 'repo')), 'nothing half-cloned')
  const r = await w.cli(['init', url, '--apply', '--auth', 'env:MY_TOKEN'], { env: { MY_TOKEN: `me:${TOKEN}` } })
  t.equal(r.code, 0, r.stderr)
  t.ok(existsSync(join(w.home, '.agents/skills/secret-sauce/SKILL.md')), 'installed for codex')
  t.notMatch(r.stdout + r.stderr, TOKEN)
  t.same(filesContaining([data, w.home, w.cache, w.state], TOKEN), [], 'the token is on disk nowhere')
})
