// The agent adapter registry: built-in adapter data, merging config adapters, path expansion
// that never leaves home or the project, and detection in a temp home / fake PATH.
import t from 'tap'
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { renderTemplate } from '../../lib/render/template.js'
import { parse as parseYaml } from 'yaml'
import { builtinAdapters, detectAdapter, expandPath, resolveAdapters } from '../../lib/agents/registry.js'
import { getProfile } from '../../lib/lint/profiles/index.js'

const REQUIRED = [
  'claude-code', 'codex', 'cursor', 'copilot', 'gemini-cli', 'opencode', 'windsurf',
  'goose', 'amp', 'openclaw', 'cline', 'roo', 'kiro', 'agents',
]
const schema = JSON.parse(readFileSync(new URL('../../schemas/adapter.schema.json', import.meta.url), 'utf8'))

const CONFIG_ERROR = { name: 'DotskillsError', code: 'E_CONFIG' }

t.test('built-in adapters: the required ids, unique, sorted, one file each', async (t) => {
  const ids = builtinAdapters.map((a) => a.id)
  t.same([...ids].sort(), [...REQUIRED].sort(), 'exactly the required ids')
  t.equal(new Set(ids).size, ids.length, 'ids are unique')
  t.same(ids, [...ids].sort(), 'sorted by id')
  const files = readdirSync(new URL('../../lib/agents/adapters/', import.meta.url)).map((f) => f.replace(/\.ts$/, ''))
  t.same(files.sort(), [...ids].sort(), 'one adapter file per id, named after it')
})

t.test('schema: 2020-12 with an $id; every built-in adapter matches it', async (t) => {
  t.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
  t.equal(schema.$id, 'https://dotskills.dev/schemas/adapter.schema.json')
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)
  for (const a of builtinAdapters) {
    t.ok(validate(JSON.parse(JSON.stringify(a))), `${a.id} matches the schema`) || t.comment(validate.errors)
  }
  t.notOk(validate({ ...builtinAdapters[0], skills: { global: '~/../x' } }), 'schema rejects .. in a home path')
  t.notOk(validate({ ...builtinAdapters[0], skills: { project: '/abs' } }), 'schema rejects an absolute project path')
  t.notOk(validate({ ...builtinAdapters[0], skills: { project: 'a/../../b' } }), 'schema rejects .. in a project path')
  t.notOk(validate({ ...builtinAdapters[0], skills: { global: '.x' } }), 'schema rejects a global path without ~/')
  t.notOk(validate({ ...builtinAdapters[0], bogus: 1 }), 'schema rejects unknown fields')
})

t.test('built-in paths: global under ~/, project relative, no ..', async (t) => {
  for (const a of builtinAdapters) {
    const paths = [a.skills.global, a.skills.project, ...(a.detect.dirs ?? [])]
    for (const o of a.outputs ?? []) paths.push(o.path.global, o.path.project)
    for (const p of paths.filter((p): p is string => p !== undefined)) {
      t.notOk(p.split(/[\\/]/).includes('..'), `${a.id}: ${p} has no ..`)
    }
    t.ok(a.skills.global || a.skills.project, `${a.id} has a skills root`)
    if (a.skills.global) t.match(a.skills.global, /^~\//, `${a.id}: global root starts with ~/`)
    if (a.skills.project) t.notMatch(a.skills.project, /^(~|\/|[A-Za-z]:)/, `${a.id}: project root is relative`)
    for (const d of a.detect.dirs ?? []) t.match(d, /^~\//, `${a.id}: detect dir ${d} starts with ~/`)
    for (const o of a.outputs ?? []) {
      if (o.path.global) t.match(o.path.global, /^~\//)
      if (o.path.project) t.notMatch(o.path.project, /^(~|\/)/)
    }
    t.ok(a.notes === undefined || !a.notes.includes('\n'), `${a.id}: notes are one line`)
  }
  // resolveAdapters runs the same checks as for config adapters
  t.same(resolveAdapters().map((a) => a.id), builtinAdapters.map((a) => a.id))
})

t.test('paths from the reference: own folders, and .agents/skills where that is the primary root', async (t) => {
  const by = Object.fromEntries(builtinAdapters.map((a) => [a.id, a]))
  t.same(by['claude-code'].skills, { global: '~/.claude/skills', project: '.claude/skills' })
  t.same(by.agents.skills, { global: '~/.agents/skills', project: '.agents/skills' })
  for (const id of ['codex', 'goose', 'cline']) t.same(by[id].skills, by.agents.skills, `${id} shares the .agents/skills roots`)
  t.equal(by.amp.skills.project, '.agents/skills')
  t.same(by.openclaw.skills, { global: '~/.openclaw/skills' }, 'OpenClaw: no project root (see its file)')
  t.not(by.amp.skills.global, '~/.agents/skills', 'Amp does not read ~/.agents/skills')
  t.equal(by.windsurf.skills.global, '~/.codeium/windsurf/skills')
  t.equal(by.opencode.skills.global, '~/.config/opencode/skills')
})

t.test('adapters that share a root keep the same fields (else they would plan different bytes)', async (t) => {
  for (const scope of ['global', 'project'] as const) {
    const by = new Map<string, typeof builtinAdapters[number][]>()
    for (const a of builtinAdapters) {
      const root = a.skills[scope]
      if (root) by.set(root, [...(by.get(root) ?? []), a])
    }
    for (const [root, list] of by) {
      if (list.length < 2) continue
      const fields = new Set(list.map((a) => JSON.stringify(a.extraFields)))
      t.equal(fields.size, 1, `${root}: ${list.map((a) => a.id).join(', ')} keep the same frontmatter fields`)
      t.notOk(list.some((a) => a.outputs?.length), `${root}: no adapter sharing it has extra outputs`)
    }
  }
})

t.test('extraFields agree with the lint profiles where one exists', async (t) => {
  const spec = new Set(['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'])
  for (const id of ['claude-code', 'copilot', 'openclaw']) {
    const adapter = builtinAdapters.find((a) => a.id === id)!
    const profileFields = Object.keys(getProfile(id)!.fields ?? {}).filter((f) => !spec.has(f))
    t.same([...(adapter.extraFields as string[])].sort(), profileFields.sort(), `${id}: extraFields = profile extras`)
  }
  for (const a of builtinAdapters) {
    if (!['claude-code', 'copilot', 'openclaw', 'cursor'].includes(a.id)) t.same(a.extraFields, [], `${a.id}: spec fields only`)
  }
  t.same(builtinAdapters.find((a) => a.id === 'cursor')!.extraFields, ['disable-model-invocation'])
})

t.test('cursor .mdc rule output: agent-requested, project only', async (t) => {
  const cursor = builtinAdapters.find((a) => a.id === 'cursor')!
  t.equal(cursor.outputs?.length, 1)
  const o = cursor.outputs![0]
  t.same([o.kind, o.per, o.path], ['file', 'per-skill', { project: '.cursor/rules/{{name}}.mdc' }])
  t.match(o.template, /^---\ndescription: \{\{oneLine skill\.description\}\}\nalwaysApply: false\n---\n/)
  t.notMatch(o.template, /globs:/, 'no globs: agent-requested')
  t.match(o.template, '{{skill.path}}')
  t.ok(o.template.endsWith('\n') && !o.template.endsWith('\n\n'), 'one trailing newline')
  for (const a of builtinAdapters) if (a.id !== 'cursor') t.notOk(a.outputs?.length, `${a.id}: no extra outputs`)

  // rendered as the engine renders templates (lib/render/template.ts: noEscape, strict, helpers)
  const render = (data: object) => renderTemplate(o.template, data, { file: 'adapter cursor' })
  const path = '/work/app/.cursor/skills/pr-notes/SKILL.md'
  const text = render({
    skill: { name: 'pr-notes', description: 'Drafts PR descriptions & <release> notes.\nUse when opening a PR.', path, frontmatter: {} },
    agent: { id: 'cursor', name: 'Cursor' },
    vars: {},
    machine: {},
  })
  t.equal(
    text,
    '---\ndescription: Drafts PR descriptions & <release> notes. Use when opening a PR.\nalwaysApply: false\n---\n' +
      `Use the \`pr-notes\` skill: read \`${path}\` and follow its instructions.\n`,
  )
  const front = parseYaml(text.split('---\n')[1])
  t.same(front, { description: 'Drafts PR descriptions & <release> notes. Use when opening a PR.', alwaysApply: false }, 'frontmatter: string + bool')
  t.throws(() => render({ skill: { name: 'x' } }), 'strict: a missing description is an error, not an empty rule')
})

t.test('resolveAdapters: a config entry overrides only what it gives', async (t) => {
  const claude = builtinAdapters.find((a) => a.id === 'claude-code')!
  const out = resolveAdapters([{ id: 'claude-code', skills: { project: '.config/claude/skills' }, notes: 'mine' }])
  const merged = out.find((a) => a.id === 'claude-code')!
  t.same(merged.skills, { global: '~/.claude/skills', project: '.config/claude/skills' }, 'skills keys merge')
  t.equal(merged.notes, 'mine')
  t.equal(merged.name, claude.name)
  t.same(merged.extraFields, claude.extraFields)
  t.same(merged.detect, claude.detect)
  t.equal(out.length, builtinAdapters.length)
  t.same(claude.skills.project, '.claude/skills', 'the built-in is not mutated')

  const noName = resolveAdapters([{ id: 'codex', name: undefined, extraFields: '*' }]).find((a) => a.id === 'codex')!
  t.equal(noName.name, 'Codex CLI', 'an undefined value does not erase a field')
  t.equal(noName.extraFields, '*')
})

t.test('resolveAdapters: a new id adds an adapter, sorted in', async (t) => {
  const out = resolveAdapters([{ id: 'acme', name: 'Acme Agent', skills: { global: '~/.acme/skills' } }])
  t.equal(out.length, builtinAdapters.length + 1)
  const acme = out.find((a) => a.id === 'acme')!
  t.same(acme, { id: 'acme', name: 'Acme Agent', skills: { global: '~/.acme/skills' }, extraFields: [], detect: {} })
  t.same(out.map((a) => a.id), out.map((a) => a.id).sort(), 'still sorted')
})

t.test('resolveAdapters: invalid entries are config errors', async (t) => {
  const cases: [string, unknown][] = [
    ['new id without name', { id: 'acme', skills: { global: '~/.acme/skills' } }],
    ['new id without skills', { id: 'acme', name: 'Acme' }],
    ['no id', { name: 'Acme', skills: { project: '.acme' } }],
    ['bad id', { id: 'Acme Agent', name: 'Acme', skills: { project: '.acme' } }],
    ['absolute project root', { id: 'claude-code', skills: { project: '/etc/skills' } }],
    ['.. in a global root', { id: 'claude-code', skills: { global: '~/../other/skills' } }],
    ['global root without ~/', { id: 'acme', name: 'Acme', skills: { global: '.acme/skills' } }],
    ['skills is not an object', { id: 'claude-code', skills: '.claude' }],
    ['empty skills', { id: 'acme', name: 'Acme', skills: {} }],
    ['bad extraFields', { id: 'codex', extraFields: 'all' }],
    ['bin with a slash', { id: 'codex', detect: { bins: ['/usr/bin/codex'] } }],
    ['output path with ..', { id: 'cursor', outputs: [{ kind: 'file', per: 'per-skill', path: { project: '../x.mdc' }, template: '' }] }],
    ['evidence of an unknown level', { id: 'codex', evidence: { level: 'hearsay', sources: ['a blog'] } }],
    ['evidence without a list of sources', { id: 'codex', evidence: { level: 'primary', sources: 'docs' } }],
  ]
  for (const [what, entry] of cases) {
    t.throws(() => resolveAdapters([entry as any]), CONFIG_ERROR, what)
  }
  t.throws(() => resolveAdapters([{ id: 'acme', skills: { global: '~/.acme/skills' } }]), { code: 'E_CONFIG', message: /needs "name"/ })
})

t.test('expandPath: ~/ → home, relative → project; refuses absolute paths and ..', async (t) => {
  const bases = { home: '/home/u', project: '/work/app' }
  t.equal(expandPath('~/.claude/skills', bases), join('/home/u', '.claude/skills'))
  t.equal(expandPath('.claude/skills', bases), join('/work/app', '.claude/skills'))
  t.equal(expandPath('./x//y', bases), join('/work/app', 'x/y'))
  t.equal(expandPath('~', bases), '/home/u')
  t.equal(expandPath('a..b/c', bases), join('/work/app', 'a..b/c'), 'a name containing dots is fine')
  for (const bad of ['/etc/passwd', '../x', 'a/../../x', 'a/..', '~/../x', '~/a/../../b', '~root/x', '', 'C:/x', 'a\\..\\b', '\\\\server\\x']) {
    t.throws(() => expandPath(bad, bases), CONFIG_ERROR, `refuses "${bad}"`)
  }
})

t.test('detectAdapter: a folder in the given home', async (t) => {
  const home = t.testdir({ '.claude': {}, '.cursor': 'not a folder' })
  const by = (id: string) => builtinAdapters.find((a) => a.id === id)!
  const env = { PATH: '' }
  t.same(detectAdapter(by('claude-code'), { home, env }), { detected: true, via: '~/.claude' })
  t.same(detectAdapter(by('cursor'), { home, env }), { detected: false }, 'a file is not a folder')
  t.same(detectAdapter(by('codex'), { home, env }), { detected: false })
  const empty = t.testdir({})
  t.same(detectAdapter(by('claude-code'), { home: empty, env }), { detected: false }, 'only the given home is looked at')
})

t.test('detectAdapter: an executable on PATH', async (t) => {
  const root = t.testdir({ home: {}, bin: {}, other: {} })
  const bin = join(root, 'bin')
  writeFileSync(join(bin, 'codex'), '#!/bin/sh\n')
  chmodSync(join(bin, 'codex'), 0o755)
  writeFileSync(join(root, 'other', 'goose'), 'not executable')
  chmodSync(join(root, 'other', 'goose'), 0o644)
  mkdirSync(join(root, 'other', 'gemini')) // a folder named like the binary
  const home = join(root, 'home')
  const by = (id: string) => builtinAdapters.find((a) => a.id === id)!
  const env = { PATH: [join(root, 'other'), 'relative/bin', bin].join(delimiter) }
  t.same(detectAdapter(by('codex'), { home, env }), { detected: true, via: join(bin, 'codex') })
  t.same(detectAdapter(by('gemini-cli'), { home, env }), { detected: false }, 'a folder is not an executable')
  if (process.platform !== 'win32') {
    t.same(detectAdapter(by('goose'), { home, env }), { detected: false }, 'a non-executable file does not count')
  }
  t.same(detectAdapter(by('codex'), { home, env: {} }), { detected: false }, 'no PATH: nothing found')
  t.same(detectAdapter(by('codex'), { home, env: { PATH: 'bin' } }), { detected: false }, 'relative PATH entries are skipped')
})
