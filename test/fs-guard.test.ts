// The test jail itself: a CLI run that writes outside its roots must fail.
import t from 'tap'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runCli, ROOT } from './helpers/run-cli.js'

t.test('a write outside the test roots fails the run', async (t) => {
  const dir = t.testdir({ skills: { a: { 'SKILL.md': '---\nname: a\ndescription: Test. Use when testing.\n---\nx\n' } }, out: {} })
  // --output-file into the repository: outside the fixture and the home
  const target = join(ROOT, 'guard-probe.json')
  const r = runCli(['lint', 'skills', '--format', 'json', '-o', target], { cwd: dir })
  t.not(r.code, 0)
  t.match(r.stderr, `fs-guard: mkdir outside the test roots: ${ROOT.replace(/[\/]$/, '')}\n`)
  t.notOk(existsSync(target), 'nothing written')
  // the same inside the fixture is fine
  t.equal(runCli(['lint', 'skills', '--format', 'json', '-o', join(dir, 'out/r.json')], { cwd: dir }).code, 0)
})
