// The lint results cache: reused only while a skill's files and the run's settings are unchanged.
import t from 'tap'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { PKG, skillMd } from '../helpers/e2e.js'

const project = () => ({
  'package.json': PKG,
  skills: {
    a: { 'SKILL.md': skillMd('a', 'Formats changelog entries. Use when writing release notes.') },
    b: { 'SKILL.md': skillMd('b', 'Renames image files by date. Use when sorting photos.', 'version: 1\n') },
  },
})

const cacheFiles = (home: string) => {
  const dir = join(home, '.cache', 'dotskills')
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : []
}

t.test('a second run reuses results; a changed skill is linted again', async (t) => {
  const root = t.testdir({ home: {}, work: project() })
  const home = join(root, 'home')
  const cwd = join(root, 'work')
  const run = (...extra: string[]) => runCli(['lint', 'skills', '--format', 'json', ...extra], { cwd, env: { HOME: home } })

  const first = run()
  t.equal(first.code, 1)
  const files = cacheFiles(home)
  t.equal(files.length, 1, 'the cache lives under <home>/.cache/dotskills')

  // Prove the second run reads the cache: plant a marker in skill a's cached findings.
  const cache = JSON.parse(readFileSync(files[0], 'utf8'))
  const entry = cache.skills[join(cwd, 'skills', 'a')]
  entry.findings.push({ ruleId: 'body-size', severity: 'warn', message: 'MARKER', file: join(cwd, 'skills/a/SKILL.md'), line: 5, column: 1 })
  writeFileSync(files[0], JSON.stringify(cache))
  t.match(run().stdout, 'MARKER', 'unchanged skill: result comes from the cache')
  t.notMatch(run('--no-cache').stdout, 'MARKER', '--no-cache lints everything')

  // Editing a skill invalidates its entry (size and modification time change).
  writeFileSync(join(cwd, 'skills/a/SKILL.md'), skillMd('a', 'Formats changelog entries. Use when writing release notes.', 'license: MIT\nauthor: me\n'))
  const edited = JSON.parse(run().stdout)
  const messages = edited.files.flatMap((f: any) => f.messages.map((m: any) => m.message))
  t.notOk(messages.includes('MARKER'), 'edited skill is linted again')
  t.ok(messages.some((m: string) => m.includes('unknown field "author"')), 'and its new problem is found')

  // Other settings use another cache entry, never a stale one.
  const claude = JSON.parse(run('--profile', 'claude-code').stdout)
  t.equal(claude.errorCount, 2, 'claude-code profile result (version and author are unknown to it too)')
  t.equal(cacheFiles(home).length, 2, 'one cache file per settings')
})

t.test('a corrupt cache is ignored; --no-cache writes none; XDG_CACHE_HOME wins', async (t) => {
  const root = t.testdir({ home: {}, xdg: {}, work: project() })
  const home = join(root, 'home')
  const cwd = join(root, 'work')
  const expected = runCli(['lint', 'skills', '--format', 'json', '--no-cache'], { cwd, env: { HOME: home } }).stdout
  t.same(cacheFiles(home), [], '--no-cache leaves no cache')

  runCli(['lint', 'skills', '--format', 'json'], { cwd, env: { HOME: home } })
  writeFileSync(cacheFiles(home)[0], '{"format": 1, "skills": {"broken')
  t.equal(runCli(['lint', 'skills', '--format', 'json'], { cwd, env: { HOME: home } }).stdout, expected)

  runCli(['lint', 'skills'], { cwd, env: { HOME: home, XDG_CACHE_HOME: join(root, 'xdg') } })
  t.equal(readdirSync(join(root, 'xdg', 'dotskills')).length, 1)
})
