// End-to-end tests of rule severities (real binary): lint.rules and lint.maxWarnings in the
// config, --rule and --max-warnings on the command line, and which wins.
import t from 'tap'
import { runCli } from '../helpers/run-cli.js'
import { LONG_BODY, PKG } from '../helpers/e2e.js'

t.test('rule severities: config lint.rules, --rule, and which wins', async (t) => {
  const dir = t.testdir({ 'package.json': PKG, skills: { long: LONG_BODY } })
  const base = runCli(['lint', 'skills', '--max-warnings', '0', '--format', 'json'], { cwd: dir })
  t.equal(base.code, 1, 'body-size warns by default')
  t.same(JSON.parse(base.stdout).files[0].messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity]), [['body-size', 1]])

  t.equal(runCli(['lint', 'skills', '--max-warnings', '0', '--rule', 'body-size=off'], { cwd: dir }).code, 0, '--rule id=off')
  t.equal(runCli(['lint', 'skills', '--max-warnings', '0', '--rule', 'body-size:off'], { cwd: dir }).code, 0, '--rule id:off')
  const asError = runCli(['lint', 'skills', '--rule', 'body-size=error', '--format', 'json'], { cwd: dir })
  t.equal(asError.code, 1, '--rule id=error turns the warning into an error')
  t.equal(JSON.parse(asError.stdout).errorCount, 1)

  const configured = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'lint:\n  rules:\n    body-size: off\n', skills: { long: LONG_BODY } })
  const off = runCli(['lint', 'skills', '--max-warnings', '0'], { cwd: configured })
  t.equal(off.code, 0, 'config lint.rules body-size: off')
  t.equal(off.stdout, '✔ 1 skill checked, no problems\n')

  const both = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'lint:\n  rules:\n    body-size: error\n', skills: { long: LONG_BODY } })
  t.equal(runCli(['lint', 'skills'], { cwd: both }).code, 1, 'config body-size: error')
  t.equal(runCli(['lint', 'skills', '--rule', 'body-size=off'], { cwd: both }).code, 0, '--rule wins over the config')

  const maxFromConfig = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'lint:\n  maxWarnings: 0\n', skills: { long: LONG_BODY } })
  const limited = runCli(['lint', 'skills'], { cwd: maxFromConfig })
  t.equal(limited.code, 1, 'config lint.maxWarnings')
  t.match(limited.stderr, 'too many warnings (1); the maximum is 0')
  t.equal(runCli(['lint', 'skills', '--max-warnings', '5'], { cwd: maxFromConfig }).code, 0, '--max-warnings wins over the config')
})
