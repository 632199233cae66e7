// End-to-end tests of invalid config files (real binary): exit 2, one `dotskills: file:line:col:`
// line, no stack trace.
import t from 'tap'
import { join } from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { DIALECT, PKG, noStack } from '../helpers/e2e.js'

t.test('an invalid config file exits 2 with file:line:col and no stack trace', async (t) => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['bad enum in dotskills.yaml', { 'dotskills.yaml': 'lint:\n  profile: nope\n' }, 'dotskills.yaml:2:12', /lint\.profile must be one of: spec, claude-code/],
    ['unknown rule', { 'dotskills.yaml': 'lint:\n  rules:\n    nope: off\n' }, 'dotskills.yaml:3:5', /unknown rule "nope" in lint\.rules/],
    ['wrong type', { 'dotskills.yaml': 'lint:\n  maxWarnings: many\n' }, 'dotskills.yaml:2:16', /lint\.maxWarnings must be integer/],
    ['YAML syntax', { 'dotskills.yaml': 'lint:\n  rules: [\n' }, 'dotskills.yaml:3:1', /invalid YAML: /],
    ['bad value in .dotskillsrc.json', { '.dotskillsrc.json': '{\n  "lint": { "profile": "nope" }\n}\n' }, '.dotskillsrc.json:2:24', /lint\.profile must be one of/],
    ['bad value in package.json#dotskills', { 'package.json': '{\n  "name": "project",\n  "dotskills": {\n    "lint": { "profile": 3 }\n  }\n}\n' }, 'package.json:4:26', /lint\.profile must be one of/],
  ]
  for (const [name, files, where, message] of cases) {
    const dir = t.testdir({ 'package.json': PKG, ...files, skills: { demo: DIALECT } })
    const r = runCli(['lint', 'skills'], { cwd: dir })
    t.equal(r.code, 2, `${name}: exit 2`)
    t.equal(r.stderr.split('\n')[0].startsWith(`dotskills: ${join(dir, where)}: `), true, `${name}: "dotskills: <file>:<line>:<col>: …" (${r.stderr.split('\n')[0]})`)
    t.match(r.stderr, message, name)
    t.equal(r.stdout, '')
    noStack(t, r)
  }
})

t.test('an unknown setting is reported at its key', async (t) => {
  // BUG (lib/config/load.ts positionOf): for an additionalProperties error the position walks on
  // to the key's value, so `lints:` on line 2 is reported at its first child (3:3). Expected: the
  // key itself, 2:1 (as the lint rule frontmatter-unknown-field does for SKILL.md).
  const dir = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'skills: skills\nlints:\n  profile: spec\n', skills: { demo: DIALECT } })
  const r = runCli(['lint', 'skills'], { cwd: dir })
  t.equal(r.code, 2)
  t.equal(r.stderr.split('\n')[0], `dotskills: ${join(dir, 'dotskills.yaml')}:2:1: unknown setting "lints"`)
})

t.test('a malformed package.json in cwd is a config error, not a crash', async (t) => {
  // BUG (lib/config/load.ts): `cosmiconfig(...)` is called outside the try block, and cosmiconfig
  // reads ./package.json at construction (looking for its own meta config) with its JSON loader.
  // A syntax error there escapes as an internal error: exit 70 plus a stack trace, even with an
  // explicit path. Expected: exit 2, `dotskills: <dir>/package.json:<line>:<col>: invalid JSON: …`.
  const dir = t.testdir({
    'package.json': '{\n  "name": "project",\n  "dotskills": {\n    "lint": { "profile":\n',
    skills: { demo: DIALECT },
  })
  const r = runCli(['lint', 'skills'], { cwd: dir })
  t.equal(r.code, 2, 'exit 2')
  t.match(r.stderr, new RegExp(`^dotskills: ${join(dir, 'package.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: `))
  noStack(t, r)
})

t.test('a syntax error in dotskills.config.mjs is reported as such', async (t) => {
  // BUG-ish (lib/config/load.ts, cosmiconfig's default JS loader): import() fails with the
  // SyntaxError, cosmiconfig then retries with require(), and Node 20's require(esm) error
  // ("Cannot require() ES Module … not yet fully loaded … race condition") is what the user sees.
  // Expected: the SyntaxError (exit 2 either way).
  const dir = t.testdir({ 'package.json': PKG, 'dotskills.config.mjs': 'export default {{\n', skills: { demo: DIALECT } })
  const r = runCli(['lint', 'skills'], { cwd: dir })
  t.equal(r.code, 2)
  t.match(r.stderr, /^dotskills: .*dotskills\.config\.mjs: /)
  t.match(r.stderr, /SyntaxError|Unexpected token/, 'names the syntax error')
  t.notMatch(r.stderr, /race condition/)
  noStack(t, r)
})
