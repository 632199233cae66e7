// End-to-end tests of the report formats of `dotskills lint` (real binary): stylish, json,
// github workflow commands, SARIF 2.1.0 validated against the schema.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { runCli, ROOT } from '../helpers/run-cli.js'
import { ANSI, PKG, STYLISH_THREE, THREE, skillMd } from '../helpers/e2e.js'

t.test('stylish: grouped by file, summary line, colors only when asked', async (t) => {
  const dir = t.testdir(THREE)
  const plain = runCli(['lint', 'skills'], { cwd: dir })
  t.equal(plain.stdout, STYLISH_THREE, 'exact report (NO_COLOR=1)')
  t.equal(plain.stderr, '')

  const notTty = runCli(['lint', 'skills'], { cwd: dir, env: { NO_COLOR: '' } })
  t.equal(notTty.stdout, STYLISH_THREE, 'no ANSI codes when stdout is not a TTY')

  const forced = runCli(['lint', 'skills'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } })
  t.match(forced.stdout, ANSI, 'FORCE_COLOR=1 colors a pipe')
  t.match(forced.stdout, '\x1b[31merror  \x1b[39m', 'errors in red')
  t.match(forced.stdout, '\x1b[33mwarning\x1b[39m', 'warnings in yellow')
  t.equal(forced.stdout.replace(/\x1b\[\d+m/g, ''), STYLISH_THREE, 'same text under the colors')

  t.notMatch(runCli(['lint', 'skills', '--no-color'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout, ANSI, '--no-color beats FORCE_COLOR')
  t.notMatch(runCli(['lint', 'skills'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, ANSI, 'NO_COLOR beats FORCE_COLOR')

  const cleanColored = runCli(['lint', 'skills/clean'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } })
  t.equal(cleanColored.stdout, '\x1b[32m✔\x1b[39m 1 skill checked, no problems\n')
})

t.test('json: parses, counts match the messages', async (t) => {
  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills', '--format', 'json'], { cwd: dir })
  t.equal(r.code, 1)
  const report = JSON.parse(r.stdout)
  t.equal(report.skillCount, 3)
  t.equal(report.errorCount, 1)
  t.equal(report.warningCount, 1)
  type Msg = { ruleId: string; severity: number; message: string; line: number; column: number }
  type File = { filePath: string; path: string; errorCount: number; warningCount: number; messages: Msg[] }
  const files: File[] = report.files
  t.same(files.map((f) => f.path), ['skills/broken/SKILL.md', 'skills/warned/SKILL.md'])
  for (const f of files) {
    t.equal(f.filePath, join(dir, f.path), 'filePath is absolute')
    t.equal(f.errorCount, f.messages.filter((m) => m.severity === 2).length)
    t.equal(f.warningCount, f.messages.filter((m) => m.severity === 1).length)
  }
  t.equal(files.reduce((n, f) => n + f.errorCount, 0), report.errorCount)
  t.equal(files.reduce((n, f) => n + f.warningCount, 0), report.warningCount)
  t.same(files[0].messages, [{
    ruleId: 'frontmatter-unknown-field',
    severity: 2,
    message: 'unknown field "version" for the spec profile; move it under metadata or pick an agent profile with --profile',
    line: 4,
    column: 1,
  }])
  t.same(files[1].messages.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['yaml-flow-style', 1, 4, 11]])

  const clean = JSON.parse(runCli(['lint', 'skills/clean', '--format', 'json'], { cwd: dir }).stdout)
  t.same(clean, { skillCount: 1, errorCount: 0, warningCount: 0, files: [] })
})

t.test('--json is --format json', async (t) => {
  const dir = t.testdir(THREE)
  const a = runCli(['lint', 'skills', '--json'], { cwd: dir })
  const b = runCli(['lint', 'skills', '--format', 'json'], { cwd: dir })
  t.equal(a.code, 1)
  t.equal(a.stdout, b.stdout)
  t.ok(JSON.parse(a.stdout))
  t.equal(runCli(['lint', 'skills', '--json', '--format', 'github'], { cwd: dir }).stdout.startsWith('::error '), true, 'an explicit --format wins')
})

t.test('github: workflow commands with escaped data and properties', async (t) => {
  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills', '--format', 'github'], { cwd: dir })
  t.equal(r.code, 1)
  t.equal(
    r.stdout,
    '::error file=skills/broken/SKILL.md,line=4,col=1,title=dotskills(frontmatter-unknown-field)::unknown field "version" for the spec profile; move it under metadata or pick an agent profile with --profile\n' +
      '::warning file=skills/warned/SKILL.md,line=4,col=11,title=dotskills(yaml-flow-style)::flow-style mapping; strict validators such as skills-ref reject it (use block style)\n',
  )

  // A name with a newline and a percent sign ends up in two messages; a folder with "," and ":"
  // ends up in the file property.
  const odd = t.testdir({
    'package.json': PKG,
    'odd,dir:name': { 'SKILL.md': '---\nname: "line one\\nline two 100%"\ndescription: Odd name. Use when testing escapes.\n---\nBody\n' },
  })
  const o = runCli(['lint', '.', '--format', 'github'], { cwd: odd })
  t.equal(o.code, 1)
  t.equal(
    o.stdout,
    '::error file=odd%2Cdir%3Aname/SKILL.md,line=2,col=7,title=dotskills(name-format)::name "line one%0Aline two 100%25" must use only lowercase a-z, 0-9 and single hyphens, not at either end\n' +
      '::error file=odd%2Cdir%3Aname/SKILL.md,line=2,col=7,title=dotskills(name-matches-folder)::name "line one%0Aline two 100%25" does not match its folder "odd,dir:name"\n',
  )
  for (const line of o.stdout.trimEnd().split('\n')) t.match(line, /^::error [^:]*::[^\n\r]*$/, 'one command per line')

  t.equal(runCli(['lint', 'skills/clean', '--format', 'github'], { cwd: dir }).stdout, '', 'nothing to annotate: no output')
})

// The official SARIF 2.1.0 schema as shipped by Microsoft's SARIF SDK (see test/fixtures/sarif/README.md).
const sarifSchema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0.json', import.meta.url), 'utf8'))
function sarifValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  ajv.addFormat('uri', (s: string) => URL.canParse(s))
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s))
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s))
  ajv.addFormat('uuid', (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s))
  return ajv.compile(sarifSchema)
}

interface SarifLog {
  version: string
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; defaultConfiguration: { level: string } }[] } }
    originalUriBaseIds: Record<string, { uri: string }>
    results: {
      ruleId: string
      ruleIndex: number
      level: string
      message: { text: string }
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[]
    }[]
  }[]
}

t.test('sarif: valid SARIF 2.1.0 with rule ids, levels and regions', async (t) => {
  const validate = sarifValidator()
  t.notOk(validate({ version: '2.1.0' }), 'the schema rejects a log without runs (it really validates)')

  const dir = t.testdir(THREE)
  const r = runCli(['lint', 'skills', '--format', 'sarif'], { cwd: dir })
  t.equal(r.code, 1)
  const log: SarifLog = JSON.parse(r.stdout)
  t.ok(validate(log), JSON.stringify(validate.errors, null, 2))
  t.equal(log.version, '2.1.0')
  const [run] = log.runs
  t.equal(run.tool.driver.name, 'dotskills')
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  t.equal(run.tool.driver.version, version)
  const ids = run.tool.driver.rules.map((x) => x.id)
  t.equal(new Set(ids).size, ids.length, 'rule ids are unique')
  t.same(
    run.results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region]),
    [
      ['frontmatter-unknown-field', 'error', 'skills/broken/SKILL.md', { startLine: 4, startColumn: 1 }],
      ['yaml-flow-style', 'warning', 'skills/warned/SKILL.md', { startLine: 4, startColumn: 11 }],
    ],
  )
  for (const x of run.results) {
    t.equal(run.tool.driver.rules[x.ruleIndex].id, x.ruleId, 'ruleIndex points at the rule')
    t.equal(x.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT')
  }
  t.equal(run.originalUriBaseIds.SRCROOT.uri, pathToFileURL(dir).href + '/')
  t.equal(run.tool.driver.rules.find((x) => x.id === 'body-size')?.defaultConfiguration.level, 'warning')
  t.equal(run.tool.driver.rules.find((x) => x.id === 'frontmatter-required')?.defaultConfiguration.level, 'error')

  const off = JSON.parse(runCli(['lint', 'skills', '--format', 'sarif', '--rule', 'body-size=off'], { cwd: dir }).stdout) as SarifLog
  t.notOk(off.runs[0].tool.driver.rules.some((x) => x.id === 'body-size'), 'rules turned off are not listed')
  const clean = JSON.parse(runCli(['lint', 'skills/clean', '--format', 'sarif'], { cwd: dir }).stdout)
  t.ok(validate(clean), 'a clean run is valid SARIF too')
  t.same(clean.runs[0].results, [])
})

t.test('sarif: artifact URIs resolve to the file, whatever the folder is called', async (t) => {
  // BUG (lib/lint/formatters/sarif.ts): URIs are built with encodeURI, which leaves "#" and "?"
  // unescaped and keeps a ":" in the first segment, so `c#-tools/SKILL.md` resolves to
  // `<SRCROOT>c` with a fragment, `what?/SKILL.md` to `<SRCROOT>what` with a query, and
  // `notes:v2/SKILL.md` reads as an absolute URI with the scheme "notes:". Expected: each path
  // segment percent-encoded (encodeURIComponent per segment), so new URL(uri, SRCROOT) is the file.
  const dir = t.testdir({
    'package.json': PKG,
    'c#-tools': { 'SKILL.md': skillMd('c-tools', 'Formats C# files. Use when editing C#.') },
    'notes:v2': { 'SKILL.md': skillMd('notes-v2', 'Keeps meeting notes. Use when taking notes.') },
    'what?': { 'SKILL.md': skillMd('what', 'Answers questions. Use when asked.') },
    'with space': { 'SKILL.md': skillMd('with-space', 'Handles spaces. Use when testing paths.') },
    'café': { 'SKILL.md': skillMd('cafe', 'Orders coffee. Use when thirsty.') },
  })
  const r = runCli(['lint', '.', '--format', 'sarif', '--rule', 'description-overlap=off', '--rule', 'description-when-to-use=off'], { cwd: dir })
  const log: SarifLog = JSON.parse(r.stdout)
  const [run] = log.runs
  const base = run.originalUriBaseIds.SRCROOT.uri
  t.equal(run.results.length, 5, 'one name-matches-folder finding per skill')
  for (const x of run.results) {
    const loc = x.locations[0].physicalLocation.artifactLocation
    const folder = /folder "(.*)"$/.exec(x.message.text)?.[1] ?? ''
    t.equal(fileURLToPath(new URL(loc.uri, base)), join(dir, folder, 'SKILL.md'), `${folder}: ${loc.uri}`)
  }
})
