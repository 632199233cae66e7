// The formatters on a synthetic LintResult, for what real findings rarely contain: carriage
// returns, percent signs and newlines in messages, commas and colons in paths, files outside cwd.
import t from 'tap'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LintResult } from '../../lib/lint/engine.js'
import { github } from '../../lib/lint/formatters/github.js'
import { json } from '../../lib/lint/formatters/json.js'
import { sarif } from '../../lib/lint/formatters/sarif.js'
import { stylish } from '../../lib/lint/formatters/stylish.js'
import { rules } from '../../lib/lint/rules/index.js'
import type { Finding } from '../../lib/lint/types.js'

const cwd = '/repo'
const rule = (id: string) => rules.find((r) => r.id === id)!

function result(findings: Finding[]): LintResult {
  const errorCount = findings.filter((f) => f.severity === 'error').length
  return {
    skillCount: 2,
    findings,
    errorCount,
    warningCount: findings.length - errorCount,
    rules: [
      { rule: rule('name-format'), severity: 'error' },
      { rule: rule('body-size'), severity: 'warn' },
    ],
  }
}

const tricky: Finding[] = [
  {
    ruleId: 'name-format',
    severity: 'error',
    message: '100% wrong\r\nsecond line\nthird: a, b',
    file: join(cwd, 'skills/a,b:c/SKILL.md'),
    line: 2,
    column: 7,
  },
  {
    ruleId: 'body-size',
    severity: 'warn',
    message: 'plain',
    file: '/elsewhere/x/SKILL.md',
    line: 5,
    column: 1,
  },
]

t.test('github escapes %, CR and LF in data, and also : and , in properties', async (t) => {
  const out = github({ result: result(tricky), cwd, color: false, version: '1.2.3' })
  t.equal(
    out,
    '::error file=skills/a%2Cb%3Ac/SKILL.md,line=2,col=7,title=dotskills(name-format)::100%25 wrong%0D%0Asecond line%0Athird: a, b\n' +
      '::warning file=/elsewhere/x/SKILL.md,line=5,col=1,title=dotskills(body-size)::plain\n',
  )
  t.equal(out.split('\n').length, 3, 'one line per finding')
  t.equal(github({ result: result([]), cwd, color: false, version: '1.2.3' }), '')
})

t.test('stylish keeps each finding on one line', async (t) => {
  const out = stylish({ result: result(tricky), cwd, color: false, version: '1.2.3' })
  t.equal(
    out,
    'skills/a,b:c/SKILL.md\n' +
      '  2:7  error    100% wrong second line third: a, b  name-format\n' +
      '\n' +
      '/elsewhere/x/SKILL.md\n' +
      '  5:1  warning  plain  body-size\n' +
      '\n' +
      '✖ 2 problems (1 error, 1 warning) in 2 skills\n',
  )
})

t.test('json keeps the message as is', async (t) => {
  const report = JSON.parse(json({ result: result(tricky), cwd, color: false, version: '1.2.3' }))
  t.equal(report.files[0].messages[0].message, tricky[0].message)
  t.same(report.files.map((f: { path: string }) => f.path), ['skills/a,b:c/SKILL.md', '/elsewhere/x/SKILL.md'])
})

t.test('sarif: files inside cwd are SRCROOT-relative, files outside get an absolute file: URI', async (t) => {
  const log = JSON.parse(sarif({ result: result(tricky), cwd, color: false, version: '1.2.3' }))
  const [run] = log.runs
  t.equal(run.tool.driver.version, '1.2.3')
  t.same(run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level]), [
    ['name-format', 'error'],
    ['body-size', 'warning'],
  ])
  const [inside, outside] = run.results
  t.same(inside.locations[0].physicalLocation.artifactLocation, { uri: 'skills/a%2Cb%3Ac/SKILL.md', uriBaseId: 'SRCROOT' })
  t.same(outside.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL('/elsewhere/x/SKILL.md').href })
  t.same([inside.ruleIndex, outside.ruleIndex], [0, 1])
  t.same([inside.level, outside.level], ['error', 'warning'])
  t.equal(inside.message.text, tricky[0].message)
  t.equal(run.originalUriBaseIds.SRCROOT.uri, 'file:///repo/')
})
