import t from 'tap'
import { frontmatterForAgent, keepForAdapter, SPEC_FIELDS } from '../../lib/render/frontmatter.js'
import { parseSkillFile } from '../../lib/skills/parse.js'

// Claude Code-like: the spec fields plus a few of its own
const keep = keepForAdapter(['model', 'disable-model-invocation'])
const run = (text: string) => frontmatterForAgent(text, keep)

/** the result still parses cleanly as a SKILL.md, with these values */
function data(text: string) {
  const p = parseSkillFile(Buffer.from(text))
  return { problems: p.problems.map((x) => x.kind), data: p.frontmatter?.data, body: p.body }
}

t.test('SPEC_FIELDS and keepForAdapter', async (t) => {
  t.same(SPEC_FIELDS, ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'])
  const k = keepForAdapter(['model'])
  t.same(['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools', 'model', 'context', 'Name', ''].map(k),
    [true, true, true, true, true, true, true, false, false, false])
  const none = keepForAdapter([])
  t.same(SPEC_FIELDS.map(none), SPEC_FIELDS.map(() => true), 'spec fields are always kept')
  t.equal(none('model'), false)
  const all = keepForAdapter('*')
  t.same(['anything', 'x-custom', 'name'].map(all), [true, true, true])
})

t.test('drops a block-style mapping spanning several lines', async (t) => {
  const text = [
    '---',
    'name: demo',
    'hooks:',
    '  PreToolUse:',
    '    - matcher: Bash',
    '      command: ./check.sh',
    '  # a comment inside the block',
    '  Stop: []',
    'description: Does things. Use when needed.',
    '---',
    '# Demo',
    '',
  ].join('\n')
  const r = run(text)
  t.same(r.dropped, ['hooks'])
  t.equal(r.text, '---\nname: demo\ndescription: Does things. Use when needed.\n---\n# Demo\n')
})

t.test('drops a flow field, a field with a trailing comment, keeps comments and the rest byte for byte', async (t) => {
  const text = [
    '---',
    '# Skill header comment',
    "name: 'demo'   # quoted name",
    'arguments: [path, "mode"]',
    'context: fork # runs in a fork',
    '',
    'description: >-',
    '  Folded description: with a colon,',
    '  over two lines.',
    '# before model',
    'model: "sonnet"',
    'tags: {a: 1, b: [2, 3]}   # flow map',
    'allowed-tools: Bash(git:*) Read',
    '---',
    'body',
    '',
  ].join('\n')
  const r = run(text)
  t.same(r.dropped, ['arguments', 'context', 'tags'])
  t.equal(r.text, [
    '---',
    '# Skill header comment',
    "name: 'demo'   # quoted name",
    '',
    'description: >-',
    '  Folded description: with a colon,',
    '  over two lines.',
    '# before model',
    'model: "sonnet"',
    'allowed-tools: Bash(git:*) Read',
    '---',
    'body',
    '',
  ].join('\n'))
  t.same(data(r.text), {
    problems: [],
    data: {
      name: 'demo',
      description: 'Folded description: with a colon, over two lines.',
      model: 'sonnet',
      'allowed-tools': 'Bash(git:*) Read',
    },
    body: 'body\n',
  })
})

t.test('drops the last field before the closing ---', async (t) => {
  t.same(run('---\nname: a\ndescription: b\ncontext: fork\n---\nbody\n'), {
    text: '---\nname: a\ndescription: b\n---\nbody\n',
    dropped: ['context'],
  })
  // a block value that is the last field, with trailing spaces on the marker line and no body
  t.same(run('---\nname: a\ndescription: b\nhooks:\n  Stop:\n    - x\n--- \t'), {
    text: '---\nname: a\ndescription: b\n--- \t',
    dropped: ['hooks'],
  })
  // the first field
  t.same(run('---\nagent: x\nname: a\ndescription: b\n---\n'), {
    text: '---\nname: a\ndescription: b\n---\n',
    dropped: ['agent'],
  })
})

t.test('drops quoted multi-line scalars and block scalars whole', async (t) => {
  const text = [
    '---',
    'name: a',
    'when: "first line',
    '  second line: with colon',
    '  third"',
    'description: b',
    "argument-hint: 'single ''quoted''",
    "  over lines'",
    'notes: |',
    '  literal',
    '    indented',
    '',
    '  after a blank line',
    'license: MIT',
    'keep-me: |+',
    '  kept trailing',
    '',
    '---',
    'body',
  ].join('\n')
  t.same(data(text).problems, [])
  t.same((data(text).data as Record<string, unknown>)['argument-hint'], "single 'quoted' over lines")
  const r = frontmatterForAgent(text, keepForAdapter(['keep-me']))
  t.same(r.dropped, ['when', 'argument-hint', 'notes'])
  t.equal(r.text, '---\nname: a\ndescription: b\nlicense: MIT\nkeep-me: |+\n  kept trailing\n\n---\nbody')
  t.same(data(r.text).data, { name: 'a', description: 'b', license: 'MIT', 'keep-me': 'kept trailing\n' })
})

t.test('blank lines and comments around a dropped field stay', async (t) => {
  const text = '---\nname: a\n\n# about context\ncontext: fork\n\n# end\ndescription: b\n---\n'
  t.equal(run(text).text, '---\nname: a\n\n# about context\n\n# end\ndescription: b\n---\n')
  // a comment line after a dropped block value stays too, indented or not
  const block = '---\nname: a\nhooks:\n  a: 1\n  # indented, after the value\n# column 0\ndescription: b\n---\n'
  t.equal(run(block).text, '---\nname: a\n  # indented, after the value\n# column 0\ndescription: b\n---\n')
  t.same(data(run(block).text).data, { name: 'a', description: 'b' })
})

t.test('the identical string when nothing is dropped', async (t) => {
  const text = '---\n# c\nname: "a"   # x\ndescription: |\n  b\nmodel: opus\n---\nbody {{x}}\n'
  const r = run(text)
  t.equal(r.text, text)
  t.same(r.dropped, [])
  const all = frontmatterForAgent('---\nname: a\nanything: 1\n---\n', keepForAdapter('*'))
  t.same(all, { text: '---\nname: a\nanything: 1\n---\n', dropped: [] })
})

t.test('the body is never touched, even when it looks like frontmatter', async (t) => {
  const body = [
    '# Title',
    '',
    '---',
    'context: fork',
    'hooks:',
    '  Stop: []',
    '---',
    '',
    '```yaml',
    'context: fork',
    '```',
    'trailing spaces   ',
    '\ttab',
    '',
    '',
  ].join('\n')
  const text = '---\nname: a\ncontext: fork\ndescription: b\n---\n' + body
  const r = run(text)
  t.same(r.dropped, ['context'])
  t.equal(r.text, '---\nname: a\ndescription: b\n---\n' + body)
  t.equal(data(r.text).body, body)
})

t.test('a --- inside a block scalar is part of the value, not the end of the frontmatter', async (t) => {
  const text = '---\nname: a\nextra: |\n  one\n  ---\n  two\ndescription: b\n---\nbody\n'
  t.same(run(text), { text: '---\nname: a\ndescription: b\n---\nbody\n', dropped: ['extra'] })
})

t.test('no frontmatter or broken frontmatter: unchanged, nothing dropped', async (t) => {
  const cases = [
    '',
    '# Just a body\ncontext: fork\n',
    '---\nname: a\ncontext: fork\n', // never closed
    '---\n---\nbody\n', // empty
    '---\n- a\n- b\n---\n', // not a mapping
    '---\nname: a\ncontext: [unclosed\n---\n', // YAML syntax error
    '---\nname: a\ncontext: x\ncontext: y\n---\n', // duplicate key
    '---\r\nname: a\r\ncontext: fork\r\n---\r\nbody\r\n', // CRLF: not the LF text parseSkillFile returns
    '\ufeff---\nname: a\ncontext: fork\n---\n', // BOM: likewise
  ]
  for (const text of cases) {
    const r = run(text)
    t.equal(r.text, text, JSON.stringify(text))
    t.same(r.dropped, [])
  }
})

t.test('output keeps LF line endings', async (t) => {
  const r = run('---\nname: a\ncontext: fork\nhooks:\n  a: 1\ndescription: b\n---\nbody\nmore\n')
  t.equal(r.text, '---\nname: a\ndescription: b\n---\nbody\nmore\n')
  t.notOk(r.text.includes('\r'))
})

t.test('odd keys are kept as written', async (t) => {
  const text = '---\nname: a\n1: one\n? [complex]\n: value\n"quoted key": q\n&anchor anchored: v\n---\n'
  const r = frontmatterForAgent(text, keepForAdapter([]))
  // only string keys are field names; the quoted and anchored ones are fields too
  t.same(r.dropped, ['quoted key', 'anchored'])
  t.equal(r.text, '---\nname: a\n1: one\n? [complex]\n: value\n---\n')
})

t.test('explicit key syntax is cut whole', async (t) => {
  const r = run('---\nname: a\n? context\n: fork\ndescription: b\n---\n')
  t.same(r, { text: '---\nname: a\ndescription: b\n---\n', dropped: ['context'] })
})

t.test('an alias into a dropped field: rewritten from the values', async (t) => {
  const text = '---\n# comment\nshared: &d Does things. Use when needed.\nname: a\ndescription: *d\n---\nbody\n'
  const r = run(text)
  t.same(r.dropped, ['shared'])
  t.equal(r.text, '---\nname: a\ndescription: Does things. Use when needed.\n---\nbody\n')
})

t.test('a flow-mapping frontmatter: rewritten from the values', async (t) => {
  const r = run('---\n{name: a, context: fork, description: "b: c"}\n---\nbody\n')
  t.same(r.dropped, ['context'])
  t.equal(r.text, '---\nname: a\ndescription: "b: c"\n---\nbody\n')
  t.same(data(r.text).data, { name: 'a', description: 'b: c' })
})

t.test('every field dropped leaves an empty frontmatter block', async (t) => {
  t.same(frontmatterForAgent('---\na: 1\nb:\n  - 2\n---\nbody\n', () => false), { text: '---\n---\nbody\n', dropped: ['a', 'b'] })
  t.same(frontmatterForAgent('---\na: 1\n# left\n---\nbody\n', () => false), { text: '---\n# left\n---\nbody\n', dropped: ['a'] })
})

t.test('one text, several agents: each gets its own cut', async (t) => {
  const text = '---\nname: a\ndescription: b\nmodel: opus\ncontext: fork\n---\n'
  t.same(frontmatterForAgent(text, keepForAdapter(['model'])), { text: '---\nname: a\ndescription: b\nmodel: opus\n---\n', dropped: ['context'] })
  t.same(frontmatterForAgent(text, keepForAdapter(['context'])), { text: '---\nname: a\ndescription: b\ncontext: fork\n---\n', dropped: ['model'] })
  t.same(frontmatterForAgent(text, keepForAdapter('*')), { text, dropped: [] })
  t.same(frontmatterForAgent(text, keepForAdapter([])), { text: '---\nname: a\ndescription: b\n---\n', dropped: ['model', 'context'] })
})
