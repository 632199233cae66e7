import t from 'tap'
import { firstInvalidUtf8, parseSkillFile, MAX_SKILL_BYTES } from '../../lib/skills/parse.js'

const kinds = (text: string | Buffer) =>
  parseSkillFile(Buffer.isBuffer(text) ? text : Buffer.from(text)).problems.map((p) => `${p.kind}@${p.line}:${p.column}`)

t.test('splits frontmatter and body by line', async (t) => {
  const p = parseSkillFile(Buffer.from('---\nname: a\ndescription: x --- y\nlicense: MIT\n---\n# Body\n---\nmore\n'))
  t.same(p.problems, [])
  t.same(p.frontmatter?.data, { name: 'a', description: 'x --- y', license: 'MIT' })
  t.equal(p.frontmatter?.closeLine, 5)
  t.equal(p.bodyLine, 6)
  t.equal(p.body, '# Body\n---\nmore\n')
})

t.test('an indented --- inside a block scalar does not close the frontmatter', async (t) => {
  const p = parseSkillFile(Buffer.from('---\nname: a\ndescription: |\n  one\n  ---\n  two\n---\nbody\n'))
  t.same(p.problems, [])
  t.equal((p.frontmatter?.data as any).description, 'one\n---\ntwo\n')
  t.equal(p.bodyLine, 8)
})

t.test('BOM and CRLF are accepted, reported, and keep line numbers', async (t) => {
  const p = parseSkillFile(Buffer.from('\ufeff---\r\nname: a\r\ndescription: b\r\n---\r\nbody\r\n'))
  t.same(p.problems.map((x) => x.kind), ['file-bom', 'file-crlf'])
  t.same(p.frontmatter?.data, { name: 'a', description: 'b' })
  t.equal(p.bodyLine, 5)
  t.equal(p.body, 'body\n')
})

t.test('structural problems are reported at their line', async (t) => {
  t.same(kinds(''), ['frontmatter-missing@1:1'])
  t.same(kinds('# Title\n'), ['frontmatter-missing@1:1'])
  t.same(kinds('---\nname: a\n'), ['frontmatter-unclosed@1:1'])
  t.same(kinds('---\n- a\n- b\n---\n'), ['frontmatter-not-mapping@2:1'])
  t.same(kinds('---\n---\n'), ['frontmatter-not-mapping@1:1'])
  t.same(kinds('---\nname: a\nname: b\n---\n'), ['yaml-duplicate-key@3:1'])
  t.same(kinds('---\nname: a\ndescription: Use when: testing\n---\n'), ['yaml-syntax@3:14'])
  t.match(parseSkillFile(Buffer.from('---\nname: a\ndescription: Use when: testing\n---\n')).problems[0].message, /must be quoted/)
  t.same(kinds('---\nmetadata:\n\tauthor: me\n---\n').map((k) => k.split('@')[0]), ['yaml-syntax'])
})

t.test('alias bombs are refused', async (t) => {
  const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]']
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
  bomb.push('---', '')
  t.same(kinds(bomb.join('\n')), ['yaml-alias-limit@2:1'])
})

t.test('files over the cap are not parsed', async (t) => {
  const p = parseSkillFile(Buffer.alloc(MAX_SKILL_BYTES + 1, 0x61))
  t.same(p.problems.map((x) => x.kind), ['file-too-large'])
  t.equal(p.frontmatter, undefined)
})

t.test('invalid UTF-8 is reported at the first bad byte', async (t) => {
  const buf = Buffer.concat([Buffer.from('---\nname: a\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')])
  t.same(kinds(buf), ['file-encoding@3:17'])
  t.equal(firstInvalidUtf8(Buffer.from('héllo ✓ 😀')), -1)
  t.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80])), 1, 'overlong encoding')
  t.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'UTF-16 surrogate')
  t.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1, 'truncated sequence')
  t.equal(firstInvalidUtf8(Buffer.from([0xf5, 0x80, 0x80, 0x80])), 0, 'beyond U+10FFFF')
})

t.test('YAML 1.2 types: yes is a string, numbers are numbers, flow style parses', async (t) => {
  const p = parseSkillFile(Buffer.from('---\nname: 3000\ndescription: yes\nmetadata: {a: b}\n---\n'))
  t.same(p.problems, [])
  t.same(p.frontmatter?.data, { name: 3000, description: 'yes', metadata: { a: 'b' } })
})
