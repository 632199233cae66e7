// Skills that must pass (no errors) despite unusual but legal content. Where a rule is meant to
// warn (BOM, CRLF, flow style), the test names exactly which warning is allowed.
import t from 'tap'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseSkillFile } from '../lib/skills/parse.js'
import { FIXTURES, lintDir } from './helpers/lint-fixture.js'

const VALID = join(FIXTURES, 'valid')

const cases: { dir: string; why: string; expect: string[]; profile?: string; skills?: number }[] = [
  { dir: 'bom', why: 'UTF-8 byte-order mark: stripped, one info-level warning', expect: ['file-bom warn bom-skill/SKILL.md:1:1'] },
  { dir: 'crlf', why: 'CRLF line endings: normalised, one warning at the first CRLF', expect: ['file-crlf warn crlf-skill/SKILL.md:1:1'] },
  { dir: 'flow-metadata', why: 'flow-style metadata: a warning in spec', expect: ['yaml-flow-style warn flow-metadata/SKILL.md:4:11'] },
  { dir: 'flow-metadata', why: 'flow-style metadata: nothing in openclaw', profile: 'openclaw', expect: [] },
  { dir: 'flow-metadata', why: 'flow-style metadata: nothing in claude-code', profile: 'claude-code', expect: [] },
  { dir: 'unicode-description', why: 'Japanese and emoji in description, metadata and body', expect: [] },
  { dir: 'templates-in-body', why: '{{ }} and ${VAR} in prose, links and code samples', expect: [] },
  { dir: 'dashes-in-block-scalar', why: 'an indented --- inside a block scalar and --- rules in the body', expect: [] },
  { dir: 'yaml-comments', why: 'full-line and trailing YAML comments', expect: [] },
  { dir: 'nested-layout', why: 'skills/<author>/<skill>/ layout', expect: [], skills: 3 },
  { dir: 'description-1024-emoji', why: 'exactly 1024 code points (2023 UTF-16 units)', expect: [] },
  { dir: 'leading-digit', why: 'a name starting with a digit is legal', expect: [] },
  { dir: 'references', why: 'links, images and code-span paths to bundled files; allowed-tools and compatibility strings', expect: [] },
]

for (const c of cases) {
  t.test(`${c.dir}${c.profile ? ` (${c.profile} profile)` : ''}: ${c.why}`, async (t) => {
    const { found, result } = await lintDir(join(VALID, c.dir), { profile: c.profile })
    t.equal(result.errorCount, 0, 'no errors')
    t.same(found, c.expect, 'exactly these warnings')
    t.equal(result.skillCount, c.skills ?? 1)
  })
}

t.test('every fixture folder under valid/ has a case', async (t) => {
  t.same(readdirSync(VALID).sort(), [...new Set(cases.map((c) => c.dir))].sort())
})

const parse = (rel: string) => parseSkillFile(readFileSync(join(VALID, rel)))
const data = (rel: string) => parse(rel).frontmatter?.data as Record<string, unknown>

t.test('the byte-level fixtures still hold their bytes (guards against git eol conversion)', async (t) => {
  const bom = readFileSync(join(VALID, 'bom/bom-skill/SKILL.md'))
  t.same([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  const crlf = readFileSync(join(VALID, 'crlf/crlf-skill/SKILL.md'), 'latin1')
  t.equal(crlf.split('\r\n').length, crlf.split('\n').length, 'every line ends in CRLF')
  t.ok(crlf.includes('\r\n'))
})

t.test('BOM and CRLF files parse to the same data as a plain file', async (t) => {
  t.same(data('bom/bom-skill/SKILL.md'), {
    name: 'bom-skill',
    description: 'Saved by an editor that writes a byte-order mark. Use when testing BOM handling.',
  })
  const crlf = parse('crlf/crlf-skill/SKILL.md')
  t.same(crlf.frontmatter?.data, {
    name: 'crlf-skill',
    description: 'Saved with Windows line endings. Use when testing CRLF handling.',
    license: 'MIT',
  })
  t.notOk(crlf.body.includes('\r'), 'CR removed from the body')
  t.equal(crlf.bodyLine, 6)
})

t.test('parsed values of the tricky fixtures', async (t) => {
  t.equal(data('unicode-description/unicode-description/SKILL.md').description, '日本語の文書を要約します。ユーザーが要約を求めたときに使用してください 📝✨')
  t.same(data('unicode-description/unicode-description/SKILL.md').metadata, { author: '山田 太郎' })
  t.equal(
    data('dashes-in-block-scalar/dashes-in-block-scalar/SKILL.md').description,
    'Writes Markdown documents with horizontal rules.\n---\nUse when a document needs sections separated by rules.\n',
  )
  t.equal(data('dashes-in-block-scalar/dashes-in-block-scalar/SKILL.md').license, 'MIT', 'the key after the block scalar is kept')
  t.same(data('yaml-comments/yaml-comments/SKILL.md'), {
    name: 'yaml-comments',
    description: 'Shows YAML comments in frontmatter. Use when testing comments.',
    metadata: { author: 'someone' },
  })
  t.same(data('flow-metadata/flow-metadata/SKILL.md').metadata, { author: 'someone', version: '1.0' })
  const emoji = data('description-1024-emoji/description-1024-emoji/SKILL.md').description as string
  t.equal([...emoji].length, 1024)
  t.ok(emoji.length > 1024, 'more than 1024 UTF-16 units')
  const body = parse('templates-in-body/templates-in-body/SKILL.md').body
  t.match(body, '${CLAUDE_SKILL_DIR}')
  t.match(body, '{{#each changes}}')
})

t.test('nested layout: every skill is found under its own folder', async (t) => {
  const { result } = await lintDir(join(VALID, 'nested-layout'))
  t.equal(result.skillCount, 3)
  const { discoverSkills } = await import('../lib/skills/discover.js')
  const found = await discoverSkills(['.'], join(VALID, 'nested-layout'))
  t.same(
    found.map((s) => s.dir.slice(join(VALID, 'nested-layout').length + 1)),
    ['skills/alice/meeting-notes', 'skills/alice/pdf-report', 'skills/bob/csv-clean'],
  )
})
