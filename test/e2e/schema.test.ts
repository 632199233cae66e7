// End-to-end tests of `dotskills schema` (real binary).
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { runCli, ROOT } from '../helpers/run-cli.js'

// ---------------------------------------------------------------------------------------------
// dotskills schema

t.test('schema skill|config prints JSON Schemas with an $id', async (t) => {
  const skill = runCli(['schema', 'skill'], { cwd: ROOT })
  t.equal(skill.code, 0)
  const s = JSON.parse(skill.stdout)
  t.match(s.$id, /\/skill\.schema\.json$/)
  t.same(s, JSON.parse(readFileSync(join(ROOT, 'schemas/skill.schema.json'), 'utf8')), 'the published file')
  t.equal(runCli(['schema'], { cwd: ROOT }).stdout, skill.stdout, 'skill is the default')

  const config = JSON.parse(runCli(['schema', 'config'], { cwd: ROOT }).stdout)
  t.match(config.$id, /\/config\.schema\.json$/)
  t.ok(config.properties.lint)

  const bad = runCli(['schema', 'nope'], { cwd: ROOT })
  t.equal(bad.code, 2)
})

t.test('schema skill --profile claude-code accepts argument-hint; the spec schema does not', async (t) => {
  const spec = JSON.parse(runCli(['schema', 'skill'], { cwd: ROOT }).stdout)
  const claude = JSON.parse(runCli(['schema', 'skill', '--profile', 'claude-code'], { cwd: ROOT }).stdout)
  t.match(claude.$id, /\/skill\.claude-code\.schema\.json$/)
  t.not(claude.$id, spec.$id)
  t.ok(claude.properties['argument-hint'])
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  const frontmatter = { name: 'demo', description: 'Demo. Use when testing.', 'argument-hint': '[file]', 'allowed-tools': ['Read', 'Grep'] }
  t.ok(ajv.compile(claude)(frontmatter), 'claude-code schema accepts argument-hint and a tools list')
  t.notOk(ajv.compile(spec)(frontmatter), 'spec schema rejects them')
})

