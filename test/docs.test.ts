// The README's reference and the config schema are generated from / must match the code.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { renderReadme } from '../lib/docs.js'
import { ruleIds } from '../lib/lint/rules/index.js'
import { profileIds } from '../lib/lint/profiles/index.js'
import { loadSchema } from '../lib/lint/schema-check.js'

t.test('README reference sections are up to date (run `npm run docs`)', async (t) => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  t.equal(renderReadme(readme), readme)
  for (const id of ruleIds) t.match(readme, `| \`${id}\` |`, `README documents ${id}`)
})

t.test('config schema lists exactly the rule ids and profiles the code has', async (t) => {
  const lint = (loadSchema('config').properties as any).lint.properties
  t.same([...lint.rules.propertyNames.enum].sort(), [...ruleIds].sort())
  t.same([...lint.profile.enum].sort(), [...profileIds].sort())
})

t.test('schemas have an $id and a 2020-12 $schema', async (t) => {
  for (const name of ['skill', 'config'] as const) {
    const s = loadSchema(name)
    t.match(s.$id, new RegExp(`/${name}\\.schema\\.json$`))
    t.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema')
  }
})
