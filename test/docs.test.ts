// The README's reference, docs/config.md and docs/agents.md are generated from the code and
// must match it; the hand-written pages must name what exists and link to what exists.
import t from 'tap'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { builtinAdapters } from '../lib/agents/registry.js'
import { agentsDoc, configDoc, configSettings, generatedDocs, renderReadme } from '../lib/docs.js'
import { detectors } from '../lib/learn/signals/index.js'
import { DEFAULT_PROFILE } from '../lib/lint/names.js'
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

// ---------------------------------------------------------------------------------------------
// docs/: generated pages, hand-written pages, links

const root = new URL('..', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

t.test('generated docs are up to date (run `npm run docs`)', async (t) => {
  const docs = generatedDocs()
  t.same(Object.keys(docs).sort(), ['docs/agents.md', 'docs/config.md'])
  for (const [path, text] of Object.entries(docs)) {
    t.ok(existsSync(new URL(path, root)), `${path} exists`)
    if (existsSync(new URL(path, root))) t.equal(read(path), text, `${path} is what lib/docs.ts generates`)
  }
})

t.test('config reference: every setting of the schema, each with a type and a description', async (t) => {
  const config = loadSchema('config')
  const adapter = loadSchema('adapter')
  const { settings, adapterEntries } = configSettings()
  const rows = [...settings, ...adapterEntries]
  // every name under any "properties" of either schema, however deep, is a row of the reference
  const names = new Set<string>()
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') for (const name of Object.keys(v)) names.add(name)
      collect(v)
    }
  }
  collect(config.properties)
  collect(adapter)
  const documented = new Set(rows.map((r) => r.path.split('.').at(-1)!.replace(/\[\]$/, '')))
  t.same([...names].filter((n) => !documented.has(n)), [], 'no setting left out')
  t.same(rows.filter((r) => !r.description).map((r) => r.path), [], 'every setting has a description in the schema')
  t.same(rows.filter((r) => !r.type || r.type === 'any').map((r) => r.path), [], 'every setting has a type')
  const doc = configDoc()
  for (const r of rows) t.match(doc, `| \`${r.path}\` |`, `config.md has a row for ${r.path}`)
  t.match(doc, '| `sources[].url` | string (required) |', 'required fields are marked')
  t.match(doc, '| `lint.rules` | map of rule id → `off`, `warn` or `error` |')
  t.notMatch(doc, /\| [^`|]*<[a-z]/, 'no bare <name> in table text (it would be taken for HTML)')
})

t.test('config schema defaults are valid values and match the code', async (t) => {
  const config = loadSchema('config')
  const ajv = new Ajv2020({ strict: false })
  const withDefaults = configSettings().settings.filter((r) => r.default !== undefined)
  t.same(withDefaults.map((r) => r.path).sort(), ['agents', 'lint.maxWarnings', 'lint.profile', 'mode', 'scope', 'skills'])
  const at = (path: string) => path.split('.').reduce((s: any, k) => s.properties[k], config)
  for (const r of withDefaults) t.ok(ajv.validate({ ...at(r.path), $schema: undefined }, r.default), `default of ${r.path} is a valid value`)
  t.equal(at('lint.profile').default, DEFAULT_PROFILE)
})

t.test('agents page: every built-in adapter in every table, with where its facts come from', async (t) => {
  const doc = agentsDoc()
  const sections = ['## Skill folders', '## What each agent gets', '## Detection and sources'].map((h) => doc.slice(doc.indexOf(h)).split(/\n## /)[0])
  for (const a of builtinAdapters) {
    const row = (first: string) => `\n| ${first} |`
    t.ok(sections[0].includes(row(`${a.name} | \`${a.id}\``)), `${a.id} has a row in the folders table`)
    t.ok(sections[1].includes(row(`\`${a.id}\``)), `${a.id} has a row in the frontmatter table`)
    t.ok(sections[2].includes(row(`\`${a.id}\``)), `${a.id} has a row in the detection table`)
    t.ok(a.evidence && a.evidence.sources.length > 0, `${a.id} names its sources`)
    if (a.skills.global) t.match(doc, `\`${a.skills.global}\``)
  }
  t.match(doc, '\n| `codex` | `~/.codex` | `codex` | primary | openai/codex ', 'detection and evidence of codex')
  t.match(doc, '\n| Codex CLI | `codex` | `~/.agents/skills` | `.agents/skills` | global: `agents`, `cline`, `goose`; project: `agents`, `amp`, `cline`, `goose` |', 'shared folders, per scope')
  t.match(doc, '.cursor/rules/{{name}}.mdc', 'extra outputs with their path')
  t.match(doc, 'alwaysApply: false', 'and their template')
  // a made-up adapter list: the page follows the data
  const one = agentsDoc([{ id: 'acme', name: 'Acme', skills: { global: '~/.acme/skills' }, extraFields: '*', detect: { bins: ['acme'] } }])
  t.match(one, 'knows 1 agents')
  t.match(one, '| Acme | `acme` | `~/.acme/skills` | — (none) | — |')
  t.match(one, '| `acme` | all fields | — |')
  t.match(one, '| `acme` | — | `acme` | — | — |  |')
})

t.test('how-it-works names every learn signal; the changelog has the version being built', async (t) => {
  const how = read('docs/how-it-works.md')
  for (const d of detectors) t.match(how, `\`${d.id}\``, `how-it-works.md names ${d.id}`)
  for (const word of ['plan', 'compare', 'apply', 'state.journal', 'dotskills.lock', 'inbox']) t.match(how, word)
  const changelog = read('CHANGELOG.md')
  const version = JSON.parse(read('package.json')).version
  const first = changelog.match(/^## \[([^\]]+)\]/m)?.[1]
  t.ok(first === 'Unreleased' || first === version, `the newest entry is Unreleased or ${version} (got ${first})`)
  const kinds = [...changelog.matchAll(/^### (.+)$/gm)].map((m) => m[1])
  t.same(kinds.filter((k) => !['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(k)), [], 'Keep a Changelog section names')
})

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')

t.test('links between the docs resolve (files and #anchors)', async (t) => {
  const pages = ['README.md', 'CHANGELOG.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
  const anchors = (path: string) => new Set([...read(path).replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])))
  let checked = 0
  for (const page of pages) {
    const text = read(page).replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '') // code is not links
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue // https:, mailto:
      const [file, anchor] = target.split('#')
      const path = file ? new URL(file, new URL(page, root)) : new URL(page, root)
      const rel = path.href.slice(root.href.length)
      checked++
      if (!existsSync(path)) {
        t.fail(`${page}: link to ${target}: no such file`)
        continue
      }
      if (anchor) t.ok(anchors(rel).has(anchor), `${page}: ${target}: the heading exists`)
    }
  }
  t.ok(checked >= 8, `links checked (${checked})`)
  const readme = read('README.md')
  for (const page of pages.filter((p) => p.startsWith('docs/')).concat('CHANGELOG.md')) t.match(readme, `](${page})`, `README links ${page}`)
})
