// Generated docs: the README's reference sections (from the command, rule and profile data),
// docs/config.md (from schemas/config.schema.json) and docs/agents.md (from the adapter data), so
// the docs cannot drift from the code. scripts/gen-docs.js writes them (`npm run docs`);
// test/docs.test.ts fails when a file differs from what these functions make.
import { readFileSync } from 'node:fs'
import type { Options, PositionalOptions } from 'yargs'
import { builtinAdapters } from './agents/registry.js'
import type { AdapterOutput, AgentAdapter } from './agents/types.js'
import { globalOptions } from './cli.js'
import { commands } from './commands/index.js'
import { SEARCH_PLACES } from './config/load.js'
import { profiles } from './lint/profiles/index.js'
import { rules } from './lint/rules/index.js'
import { loadSchema } from './lint/schema-check.js'
import { SPEC_FIELDS } from './render/frontmatter.js'

const esc = (s: string) => s.replace(/\|/g, '\\|')

function optionRow(name: string, o: Options | PositionalOptions, positional = false): string {
  const flag = positional ? `\`<${name}>\`` : `\`--${name}\`` + ('alias' in o && o.alias ? ` \`-${o.alias}\`` : '')
  const extra: string[] = []
  if (o.choices) extra.push(`one of: ${(o.choices as string[]).map((c) => `\`${c}\``).join(', ')}`)
  if (o.default !== undefined) extra.push(`default: \`${String(o.default)}\``)
  return `| ${flag} | ${esc(String(o.describe ?? ''))}${extra.length ? ` (${extra.join('; ')})` : ''} |`
}

export function commandReference(): string {
  const out: string[] = []
  const all = commands.flatMap((def) => [{ def, prefix: '' }, ...(def.subcommands ?? []).map((sub) => ({ def: sub, prefix: def.command.split(' ')[0] + ' ' }))])
  for (const { def, prefix } of all) {
    out.push(`### \`dotskills ${prefix}${def.command}\``, '', def.describe + '.', '')
    const rows = [
      ...Object.entries(def.positionals ?? {}).map(([n, o]) => optionRow(n, o, true)),
      ...Object.entries(def.options ?? {}).map(([n, o]) => optionRow(n, o)),
    ]
    if (rows.length) out.push('| argument / option | meaning |', '| --- | --- |', ...rows, '')
    if (def.examples?.length) {
      out.push('```sh', ...def.examples.map(([cmd, text]) => `${cmd.replace('$0', 'dotskills')}   # ${text}`), '```', '')
    }
  }
  out.push('### Global options', '', 'Accepted by every command.', '', '| option | meaning |', '| --- | --- |')
  for (const [n, o] of Object.entries(globalOptions)) out.push(optionRow(n, o as Options))
  out.push('| `--help` `-h` | show help |', '| `--version` `-V` | print the version |')
  return out.join('\n') + '\n'
}

export function ruleReference(): string {
  const out = ['| rule | default | what it catches and why |', '| --- | --- | --- |']
  for (const r of rules) out.push(`| \`${r.id}\` | ${r.severity} | ${esc(r.docs)} |`)
  out.push('', '| profile | for | differs from the rule defaults |', '| --- | --- | --- |')
  for (const p of profiles) {
    const sev = Object.entries(p.severities ?? {}).map(([id, s]) => `\`${id}\`: ${s}`).join(', ')
    out.push(`| \`${p.id}\` | ${esc(p.description)} | ${sev || '—'} |`)
  }
  return out.join('\n') + '\n'
}

/** Replace the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const i = doc.indexOf(start)
  const j = doc.indexOf(end)
  if (i === -1 || j < i) throw new Error(`README has no ${start} … ${end} section`)
  return doc.slice(0, i + start.length) + '\n' + body + doc.slice(j)
}

export function renderReadme(readme: string): string {
  return replaceSection(replaceSection(readme, 'commands', commandReference()), 'rules', ruleReference())
}

// ---------------------------------------------------------------------------------------------
// docs/config.md

type Schema = { [k: string]: any }

const code = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`'
/** prose in a table cell: no column breaks, and `<name>` shown rather than taken for HTML */
const cell = (s: string) => esc(s).replace(/</g, '&lt;')
const GENERATED_NOTE = (from: string) => `<!-- Generated from ${from} by \`npm run docs\` (scripts/gen-docs.js, lib/docs.ts): edit those, not this file. -->`

/** What a value of `s` may be, in words: `string or list of strings`, `` `copy` or `symlink` ``. */
export function schemaType(s: Schema, root: Schema, key = 'name'): string {
  if (s.$ref) return schemaType(root.$defs[s.$ref.replace('#/$defs/', '')], root)
  if (s.const !== undefined) return code(s.const)
  if (s.enum) {
    const vs = s.enum.map(code)
    return vs.length <= 3 ? vs.slice(0, -1).join(', ') + ' or ' + vs.at(-1) : `one of ${vs.join(', ')}`
  }
  if (s.anyOf) return s.anyOf.map((b: Schema) => schemaType(b, root)).join(' or ')
  if (s.type === 'array') {
    const item = schemaType(s.items ?? {}, root)
    return 'list of ' + (/^(string|object|integer|number|boolean)$/.test(item) ? item + 's' : `(${item})`)
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map of ${key} → ${schemaType(s.additionalProperties, root)}`
  }
  if (s.type === 'integer' && s.minimum !== undefined) return `integer ≥ ${s.minimum}`
  return s.type ?? 'any'
}

export interface SettingRow {
  path: string
  type: string
  default?: unknown
  description: string
}

/**
 * Every setting under `s`, depth first: object properties (`a.b`), items of lists of objects
 * (`a[].b`) and values of maps (`a.<key>.b`, `key` named by `keys`). `skip` paths are listed
 * but not descended into (documented in a section of their own).
 */
export function schemaSettings(s: Schema, root: Schema, opts: { prefix?: string; keys?: Record<string, string>; skip?: string[]; required?: boolean } = {}): SettingRow[] {
  const rows: SettingRow[] = []
  const { prefix = '', keys = {}, skip = [], required = true } = opts
  const walk = (node: Schema, at: string) => {
    if (node.$ref) node = root.$defs[node.$ref.replace('#/$defs/', '')]
    for (const [name, prop] of Object.entries<Schema>(node.properties ?? {})) {
      const path = at + name
      const req = required && (node.required ?? []).includes(name)
      const target = prop.$ref ? root.$defs[prop.$ref.replace('#/$defs/', '')] : prop
      rows.push({ path, type: schemaType(prop, root, keys[path]) + (req ? ' (required)' : ''), default: prop.default, description: prop.description ?? target.description ?? '' })
      if (skip.includes(path)) continue
      const objects = [prop, prop.items, ...(prop.items?.anyOf ?? []), prop.additionalProperties].filter((x): x is Schema => !!x && typeof x === 'object' && (!!x.properties || !!x.$ref))
      for (const child of objects) {
        if (child === prop) walk(child, path + '.')
        else if (child === prop.additionalProperties) walk(child, `${path}.<${keys[path] ?? 'name'}>.`)
        else walk(child, path + '[].')
      }
    }
  }
  walk(s, prefix)
  return rows
}

function settingsTable(rows: SettingRow[]): string[] {
  return [
    '| setting | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.path}\` | ${esc(r.type)} | ${r.default === undefined ? '—' : code(r.default)} | ${cell(r.description)} |`),
  ]
}

/** The rows of docs/config.md: the config's settings, and the fields of an `adapters` entry. */
export function configSettings(): { settings: SettingRow[]; adapterEntries: SettingRow[] } {
  const schema = loadSchema('config')
  const adapter = loadSchema('adapter')
  return {
    settings: schemaSettings(schema, schema, { keys: { profiles: 'profile', agentSkills: 'agent id', 'lint.rules': 'rule id' }, skip: ['adapters'] }),
    adapterEntries: schemaSettings(adapter, adapter, { prefix: 'adapters[].', required: false }),
  }
}

/** docs/config.md: every setting of dotskills.yaml, from schemas/config.schema.json. */
export function configDoc(): string {
  const { settings, adapterEntries } = configSettings()
  const example = readFileSync(new URL('../examples/dotfiles/dotskills.yaml', import.meta.url), 'utf8')
  const places = SEARCH_PLACES.map((p) => (p === 'package.json' ? 'a `dotskills` key in `package.json`' : `\`${p}\``))
  return [
    GENERATED_NOTE('schemas/config.schema.json'),
    '',
    '# Configuration reference',
    '',
    `A dotfiles repo has one config file at its root. dotskills looks for it from the current folder up to the project root (the first folder with a \`package.json\`), trying in order ${places.join(', ')}; \`--config <file|folder>\` names it instead. Every relative path in it is relative to the file's folder. ` +
      '`dotskills.lock` (the pinned commits of the sources) is written beside it.',
    '',
    'The file is checked against the JSON Schema `schemas/config.schema.json` (`dotskills schema config` prints it). A setting that breaks it is a config error (exit 2) naming the file, line and setting. ' +
      'For completion and checking in editors, save a copy of the schema and point the YAML language server at it:',
    '',
    '```yaml',
    '# yaml-language-server: $schema=./dotskills.schema.json',
    '```',
    '',
    '## Settings',
    '',
    'Every setting is optional. `—`: no default (the setting is off or empty when absent).',
    '',
    ...settingsTable(settings),
    '',
    '## Adapter entries',
    '',
    'Each entry of `adapters` either changes a built-in agent adapter (give its `id` and only the fields to change: `skills` and `detect` are merged key by key, every other field is replaced) or adds a new agent (then `name` and `skills` are required too). ' +
      '[docs/agents.md](agents.md) lists the built-in adapters; `dotskills schema adapter` prints the schema (`schemas/adapter.schema.json`).',
    '',
    ...settingsTable(adapterEntries),
    '',
    '## Example',
    '',
    'The example dotfiles repo (`examples/dotfiles/dotskills.yaml`):',
    '',
    '```yaml',
    example.replace(/\n+$/, ''),
    '```',
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// docs/agents.md

const list = (xs: readonly string[] | undefined) => (xs?.length ? xs.map(code).join(', ') : '—')

function outputText(o: AdapterOutput): string {
  const where = (['global', 'project'] as const).filter((k) => o.path[k]).map((k) => `${code(o.path[k])} (${k})`)
  const what = o.kind === 'file' ? 'a file' : 'a managed block'
  return `${what} ${o.per === 'index' ? 'listing every skill' : 'per skill'}: ${where.join(', ')}`
}

/** docs/agents.md: the built-in adapters as tables, from lib/agents/adapters/. */
export function agentsDoc(adapters: readonly AgentAdapter[] = builtinAdapters): string {
  const sharing = (a: AgentAdapter, k: 'global' | 'project') =>
    adapters.filter((b) => b !== a && b.skills[k] !== undefined && b.skills[k] === a.skills[k]).map((b) => code(b.id)).join(', ')
  const shared = (a: AgentAdapter) => {
    const [g, p] = [sharing(a, 'global'), sharing(a, 'project')]
    if (g === p) return g || '—'
    return [g && `global: ${g}`, p && `project: ${p}`].filter(Boolean).join('; ')
  }
  const out = [
    GENERATED_NOTE('the adapter data in lib/agents/adapters/'),
    '',
    '# Agents',
    '',
    `dotskills knows ${adapters.length} agents. Each is an adapter: data that says where the agent reads skills, which frontmatter fields it keeps and which extra files it needs (one file per agent in \`lib/agents/adapters/\`). ` +
      '`dotskills agents` shows which are on this machine and where their folders are for a given `--home` and `--project`. ' +
      'Vendors move these folders every few months: to follow a move without waiting for a release, override an adapter in the config (see [adapter entries](config.md#adapter-entries)).',
    '',
    '`~` is the home folder (`--home`); project folders are relative to the project (`--project`, default the current folder). ' +
      'Several agents read the shared `.agents/skills` folders; adapters that share a folder write one copy there, and enabling two adapters that an agent both reads shows it the skill twice (see the notes).',
    '',
    '## Skill folders',
    '',
    '| agent | id | global (`scope: global`) | project (`scope: project`) | folder shared with |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const a of adapters) {
    out.push(`| ${cell(a.name)} | \`${a.id}\` | ${a.skills.global ? code(a.skills.global) : '— (none)'} | ${a.skills.project ? code(a.skills.project) : '— (none)'} | ${shared(a)} |`)
  }
  out.push(
    '',
    '## What each agent gets',
    '',
    `Every agent's copy of \`SKILL.md\` keeps the fields of the Agent Skills standard (${SPEC_FIELDS.map(code).join(', ')}) and the extra fields below; other fields are cut out of that copy (line by line, the rest of the file unchanged). Every other file of a skill is copied as it is (\`.hbs\` files rendered).`,
    '',
    '| agent | extra frontmatter fields kept | extra outputs |',
    '| --- | --- | --- |',
  )
  for (const a of adapters) {
    const fields = a.extraFields === '*' ? 'all fields' : list(a.extraFields)
    out.push(`| \`${a.id}\` | ${fields} | ${cell((a.outputs ?? []).map(outputText).join('; ') || '—')} |`)
  }
  for (const a of adapters.filter((x) => x.outputs?.length)) {
    for (const o of a.outputs!) {
      out.push('', `### ${a.name}: ${outputText(o)}`, '', 'Template (Handlebars; data: `skill`, `skills`, `agent`, `vars`, `machine`):', '', '```handlebars', o.template.replace(/\n$/, ''), '```')
    }
  }
  out.push(
    '',
    '## Detection and sources',
    '',
    'With `agents: detected` (the default) dotskills installs into the agents found on the machine: one of the folders exists in the home, or one of the programs is on `PATH`. ' +
      'Evidence: *primary* facts come from the vendor (docs, code, changelog); *secondary* ones from peer tools and third-party pages, and are the first to re-check when an agent does not see its skills.',
    '',
    '| agent | detected by folder | detected by program | evidence | sources | notes |',
    '| --- | --- | --- | --- | --- | --- |',
  )
  for (const a of adapters) {
    const ev = a.evidence
    out.push(`| \`${a.id}\` | ${list(a.detect.dirs)} | ${list(a.detect.bins)} | ${ev ? ev.level : '—'} | ${cell(ev ? ev.sources.join('; ') : '—')} | ${cell(a.notes ?? '')} |`)
  }
  return out.join('\n') + '\n'
}

/** Every generated file: path (from the repository root) → what it should contain. */
export function generatedDocs(): Record<string, string> {
  return { 'docs/config.md': configDoc(), 'docs/agents.md': agentsDoc() }
}
