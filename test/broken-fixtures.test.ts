// One fixture per failure the linter must catch (test/fixtures/broken/<case>/<skill>/SKILL.md).
// Each case is linted on its own with the spec profile and must yield exactly the listed findings:
// rule id, severity, file, line and column. Cases that need huge or invalid bytes, or that would
// put a realistic-looking token into the repository, are written by the test itself.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSkillFile } from '../lib/skills/parse.js'
import { FIXTURES, lintDir } from './helpers/lint-fixture.js'

const BROKEN = join(FIXTURES, 'broken')

interface Case {
  /** folder under test/fixtures/broken */
  dir: string
  /** what the fixture shows */
  why: string
  /** exact findings, as `rule severity file:line:col` */
  expect: string[]
  /** a fragment every finding's message must contain */
  message?: RegExp
  profile?: string
}

const cases: Case[] = [
  {
    dir: 'missing-frontmatter',
    why: 'fields written as plain text, no --- fences',
    expect: ['frontmatter-missing error no-frontmatter/SKILL.md:1:1'],
    message: /the first line must be "---"/,
  },
  {
    dir: 'unclosed-frontmatter',
    why: 'opening --- without a closing one',
    expect: ['frontmatter-unclosed error unclosed-frontmatter/SKILL.md:1:1'],
    message: /never closed/,
  },
  {
    dir: 'frontmatter-list',
    why: 'frontmatter is a YAML sequence',
    expect: ['frontmatter-not-mapping error frontmatter-list/SKILL.md:2:1'],
    message: /not a list$/,
  },
  {
    dir: 'frontmatter-scalar',
    why: 'frontmatter is a single string',
    expect: ['frontmatter-not-mapping error frontmatter-scalar/SKILL.md:2:1'],
    message: /not a string$/,
  },
  {
    dir: 'frontmatter-empty',
    why: '--- immediately followed by ---: reported at the opening marker',
    expect: ['frontmatter-not-mapping error frontmatter-empty/SKILL.md:1:1'],
    message: /frontmatter is empty/,
  },
  {
    dir: 'duplicate-key',
    why: 'description twice: reported at the second one',
    expect: ['yaml-duplicate-key error duplicate-key/SKILL.md:4:1'],
    message: /duplicate key/,
  },
  {
    dir: 'tab-indentation',
    why: 'a tab indents a metadata key',
    expect: ['yaml-syntax error tab-indentation/SKILL.md:5:1'],
    message: /tab used for indentation/,
  },
  {
    dir: 'unquoted-colon',
    why: '`description: Use when: …` is invalid YAML; reported at the value',
    expect: ['yaml-syntax error unquoted-colon/SKILL.md:3:14'],
    message: /must be quoted/,
  },
  {
    dir: 'alias-bomb',
    why: 'billion laughs: refused, and the lint finishes',
    expect: ['yaml-alias-limit error alias-bomb/SKILL.md:2:1'],
    message: /alias bomb/,
  },
  {
    dir: 'missing-name',
    why: 'no name field: only the required-field finding, at the first frontmatter line',
    expect: ['frontmatter-required error missing-name/SKILL.md:2:1'],
    message: /missing required field "name"/,
  },
  {
    dir: 'missing-description',
    why: 'no description field',
    expect: ['frontmatter-required error missing-description/SKILL.md:2:1'],
    message: /missing required field "description"/,
  },
  {
    dir: 'description-blank',
    why: 'whitespace-only description counts as empty',
    expect: ['frontmatter-value error description-blank/SKILL.md:3:14'],
    message: /^description is empty$/,
  },
  {
    dir: 'name-uppercase',
    why: 'uppercase letters (folder has the same name, so only the format is wrong)',
    expect: ['name-format error Upper-Case/SKILL.md:2:7'],
    message: /"Upper-Case" must use only lowercase/,
  },
  {
    dir: 'name-unicode',
    why: '`café`: the reference validator accepts it, the spec profile must not',
    expect: ['name-format error café/SKILL.md:2:7'],
    message: /"café" must use only lowercase a-z/,
  },
  {
    dir: 'name-too-long',
    why: '65 characters',
    expect: ['name-format error a-skill-name-that-keeps-going-well-past-the-limit-of-sixty-four-c/SKILL.md:2:7'],
    message: /^name is 65 characters; the limit is 64$/,
  },
  {
    dir: 'name-double-hyphen',
    why: '`--` inside the name',
    expect: ['name-format error double--hyphen/SKILL.md:2:7'],
    message: /single hyphens/,
  },
  {
    dir: 'name-folder-mismatch',
    why: 'name differs from the folder',
    expect: ['name-matches-folder error folder-name/SKILL.md:2:7'],
    message: /name "other-name" does not match its folder "folder-name"/,
  },
  {
    dir: 'name-number',
    why: '`name: 3000` is a number in YAML 1.2 (skills-ref accepts it as a string)',
    expect: ['frontmatter-type error 3000/SKILL.md:2:7'],
    message: /"name" must be a string, got number/,
  },
  {
    dir: 'lowercase-file-name',
    why: 'skill.md instead of SKILL.md',
    expect: ['skill-file-name error lowercase-file-name/skill.md:1:1'],
    message: /named "skill.md"/,
  },
  {
    dir: 'unknown-field',
    why: '`version: 1` at the top level, reported at the key',
    expect: ['frontmatter-unknown-field error unknown-field/SKILL.md:4:1'],
    message: /unknown field "version" for the spec profile/,
  },
  {
    dir: 'metadata-scalar',
    why: '`metadata: hello`',
    expect: ['frontmatter-type error metadata-scalar/SKILL.md:4:11'],
    message: /"metadata" must be a mapping, got string/,
  },
  {
    dir: 'metadata-non-string',
    why: '`version: 1.0` under metadata is a number, reported at the value',
    expect: ['frontmatter-type error metadata-non-string/SKILL.md:6:12'],
    message: /"metadata.version" must be a string, got number \(metadata maps strings to strings\)/,
  },
  {
    dir: 'allowed-tools-list',
    why: 'allowed-tools as a block list: an error in the spec profile',
    expect: ['frontmatter-type error allowed-tools-list/SKILL.md:5:3'],
    message: /"allowed-tools" must be a string, got list/,
  },
  {
    dir: 'allowed-tools-list',
    why: '… and fine for Claude Code',
    profile: 'claude-code',
    expect: [],
  },
  {
    dir: 'description-too-long',
    why: '1025 code points (emoji are 2 UTF-16 units each: counting units would say 2025)',
    expect: ['frontmatter-value error description-too-long/SKILL.md:3:14'],
    message: /^description is 1025 characters; the limit is 1024$/,
  },
  {
    dir: 'compatibility-empty',
    why: '`compatibility: ""` (the spec says 1-500 characters)',
    expect: ['frontmatter-value error compatibility-empty/SKILL.md:4:16'],
    message: /^compatibility is empty$/,
  },
  {
    dir: 'triple-dash-in-value',
    why: '`description: before --- after` does not end the frontmatter: the later key is still seen',
    expect: ['frontmatter-unknown-field error triple-dash-in-value/SKILL.md:4:1'],
    message: /unknown field "homepage"/,
  },
  {
    dir: 'flow-style',
    why: 'the whole frontmatter as a flow mapping: one warning at the outermost flow collection',
    expect: ['yaml-flow-style warn flow-style/SKILL.md:2:1'],
    message: /flow-style mapping/,
  },
  {
    dir: 'flow-style',
    why: '… and nothing in the openclaw profile (flow style is its canonical form)',
    profile: 'openclaw',
    expect: [],
  },
  // content rules
  {
    dir: 'links-missing',
    why: 'a Markdown link and a code-span path to missing files; the existing link passes',
    expect: [
      'links-exist error links-missing/SKILL.md:8:6',
      'links-exist error links-missing/SKILL.md:9:10',
    ],
    message: /"(references\/guide\.md|scripts\/build\.py)" does not exist in the skill folder/,
  },
  {
    dir: 'home-path',
    why: '/Users/alice/… in the body',
    expect: ['no-home-path warn home-path/SKILL.md:8:21'],
    message: /"\/Users\/alice"/,
  },
  {
    dir: 'description-xml-tags',
    why: '<report> in the description',
    expect: ['description-xml-tags warn description-xml-tags/SKILL.md:3:14'],
    message: /XML-like tag <report>/,
  },
  {
    dir: 'description-no-when',
    why: 'a description that never says when to use the skill',
    expect: ['description-when-to-use warn description-no-when/SKILL.md:3:14'],
    message: /not when to use it/,
  },
  {
    dir: 'body-too-long',
    why: '501 body lines, reported where the body starts',
    expect: ['body-size warn body-too-long/SKILL.md:5:1'],
    message: /^body is 501 lines/,
  },
  {
    dir: 'duplicate-name',
    why: 'two folders, one name: both reported at their name',
    expect: [
      'duplicate-name error team-a/pdf-tools/SKILL.md:2:7',
      'duplicate-name error team-b/pdf-tools/SKILL.md:2:7',
    ],
    message: /name "pdf-tools" is also used by team-[ab]\/pdf-tools/,
  },
  {
    dir: 'description-overlap',
    why: 'CSV vs TSV descriptions that differ in one word: both reported at their description',
    expect: [
      'description-overlap warn csv-to-markdown/SKILL.md:3:14',
      'description-overlap warn tsv-to-markdown/SKILL.md:3:14',
    ],
    message: /% similar .* to that of "(tsv|csv)-to-markdown"/,
  },
]

for (const c of cases) {
  t.test(`${c.dir}${c.profile ? ` (${c.profile} profile)` : ''}: ${c.why}`, async (t) => {
    const { found, result } = await lintDir(join(BROKEN, c.dir), { profile: c.profile })
    t.same(found, c.expect)
    if (c.message) for (const f of result.findings) t.match(f.message, c.message, f.ruleId)
  })
}

t.test('every fixture folder under broken/ has a case', async (t) => {
  const { readdirSync } = await import('node:fs')
  const dirs = readdirSync(BROKEN).sort()
  t.same(dirs, [...new Set(cases.map((c) => c.dir))].sort())
})

t.test('triple-dash-in-value: the value keeps its dashes and the later key is parsed', async (t) => {
  const parsed = parseSkillFile(readFileSync(join(BROKEN, 'triple-dash-in-value/triple-dash-in-value/SKILL.md')))
  t.same(parsed.problems, [])
  t.same(parsed.frontmatter?.data, {
    name: 'triple-dash-in-value',
    description: 'before --- after; use when a value holds three dashes',
    homepage: 'https://example.com/triple-dash',
  })
  t.equal(parsed.bodyLine, 6)
})

t.test('description-too-long: the fixture really is 1025 code points and 2025 UTF-16 units', async (t) => {
  const parsed = parseSkillFile(readFileSync(join(BROKEN, 'description-too-long/description-too-long/SKILL.md')))
  const description = (parsed.frontmatter?.data as { description: string }).description
  t.equal([...description].length, 1025)
  t.equal(description.length, 2025)
})

t.test('file-too-large: over 1 MiB is refused without parsing; exactly 1 MiB is parsed', async (t) => {
  const head = '---\nname: big\ndescription: A very large skill. Use when testing size limits.\n---\n'
  const sized = (bytes: number) => head + 'x'.repeat(bytes - head.length)
  const root = t.testdir({
    over: { big: { 'SKILL.md': sized(1024 * 1024 + 1) } },
    exact: { big: { 'SKILL.md': sized(1024 * 1024) } },
  })
  const over = await lintDir(join(root, 'over'))
  t.same(over.found, ['file-too-large error big/SKILL.md:1:1'])
  t.match(over.result.findings[0].message, /file is 1048577 bytes, over the 1048576-byte limit; not parsed/)
  const exact = await lintDir(join(root, 'exact'))
  t.equal(exact.result.errorCount, 0, 'exactly 1 MiB is parsed and has no errors')
  t.notOk(exact.found.some((f) => f.startsWith('file-too-large')))
  t.ok(exact.found.some((f) => f.startsWith('body-size warn')), 'the huge body is still measured')
})

t.test('file-encoding: invalid UTF-8 is reported at the first bad byte', async (t) => {
  const file = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))
  const root = t.testdir({
    latin1: {
      'bad-utf8': {
        // "Café" saved as Latin-1: 0xE9 then a space
        'SKILL.md': file('---\nname: bad-utf8\ndescription: Caf', [0xe9], ' menu. Use when testing encodings.\n---\n\n# Title\n'),
      },
    },
    'after-cjk': {
      'bad-utf8': {
        // columns count UTF-16 units of the decoded text before the bad byte: "description: 日本" is 15
        'SKILL.md': file('---\nname: bad-utf8\ndescription: 日本', [0xff], ' Use when testing encodings.\n---\n'),
      },
    },
    'in-body': {
      'bad-utf8': {
        // an overlong NUL (C0 80) after an emoji (2 UTF-16 units) on body line 7
        'SKILL.md': file('---\nname: bad-utf8\ndescription: Bad bytes in the body. Use when testing encodings.\n---\n\n# Title\n😀', [0xc0, 0x80], ' tail\n'),
      },
    },
  })
  const latin1 = await lintDir(join(root, 'latin1'))
  t.same(latin1.found, ['file-encoding error bad-utf8/SKILL.md:3:17'])
  t.match(latin1.result.findings[0].message, /invalid UTF-8 byte 0xe9/)
  t.same((await lintDir(join(root, 'after-cjk'))).found, ['file-encoding error bad-utf8/SKILL.md:3:16'])
  const inBody = await lintDir(join(root, 'in-body'))
  t.same(inBody.found, ['file-encoding error bad-utf8/SKILL.md:7:3'])
  t.match(inBody.result.findings[0].message, /byte 0xc0/)
})

t.test('no-secrets: tokens in SKILL.md and in bundled files; documentation placeholders pass', async (t) => {
  // Assembled here so that no realistic-looking token is committed to the repository.
  const aws = 'AKIA' + 'Q7XM2R9TZK4WP3NB'
  const github = 'ghp_' + 'k8Qz3VnR7wYp2LmX9tBc4HdJ6sFa1GeU5oWi'
  t.equal(github.length, 40)
  const root = t.testdir({
    secrets: {
      'SKILL.md':
        '---\nname: secrets\ndescription: Calls a cloud API. Use when testing secret detection.\n---\n\n# Title\n\n' +
        `export AWS_ACCESS_KEY_ID=${aws}\n` +
        'The AWS docs use AKIAIOSFODNN7EXAMPLE as a placeholder.\n',
      references: { 'config.md': `# Config\n\nToken: ${github}\nOr: ghp_your-token-here\n` },
    },
  })
  const { found, result } = await lintDir(root)
  t.same(found, [
    'no-secrets error secrets/SKILL.md:8:26',
    'no-secrets error secrets/references/config.md:3:8',
  ])
  t.match(result.findings[0].message, /possible AWS access key id "AKIA…"/)
  t.match(result.findings[1].message, /possible GitHub token "ghp_…"/)
  t.notMatch(result.findings.map((f) => f.message).join('\n'), /Q7XM|k8Qz/, 'the secret itself is not echoed')
})
