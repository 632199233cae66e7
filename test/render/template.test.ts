import t from 'tap'
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Handlebars from 'handlebars'
import { DotskillsError } from '../../lib/errors.js'
import { renderTemplate, templateError } from '../../lib/render/template.js'

const where = { file: '/repo/skills/demo/SKILL.md.hbs' }
const render = (source: string, data: object = {}) => renderTemplate(source, data, where)

/** the DotskillsError a render throws, as plain data */
function failure(source: string, data: object = {}) {
  try {
    render(source, data)
  } catch (err) {
    if (!(err instanceof DotskillsError)) throw new Error(`not a DotskillsError: ${String(err)}`)
    return { code: err.code, message: err.message, ...err.details, line1: err.toLine() }
  }
  throw new Error('rendered without error')
}

t.test('plain templates', async (t) => {
  t.equal(render('Hello {{agent.name}}!\n', { agent: { name: 'Codex' } }), 'Hello Codex!\n')
  t.equal(render('no mustaches at all\n'), 'no mustaches at all\n')
  t.equal(render('{{#each skills}}- {{name}}: {{description}}\n{{/each}}', {
    skills: [{ name: 'a', description: 'A.' }, { name: 'b', description: 'B.' }],
  }), '- a: A.\n- b: B.\n')
  t.equal(render('{{#with skill}}{{name}}{{/with}}', { skill: { name: 'x' } }), 'x')
  t.equal(render('literal \\{{not a var}} stays'), 'literal {{not a var}} stays')
  t.equal(render('{{n}} {{flag}} {{zero}}', { n: 42, flag: false, zero: 0 }), '42 false 0')
})

t.test('no HTML escaping', async (t) => {
  const data = { s: `<b>&"quotes" 'single' \`tick\` =</b>` }
  t.equal(render('{{s}}', data), data.s)
  t.equal(render('{{{s}}}', data), data.s)
  t.equal(render('<b>& {{s}}', { s: '&amp;' }), '<b>& &amp;')
})

t.test('{{ inside data values is not rendered again', async (t) => {
  t.equal(render('{{v}}', { v: '{{secret}} and {{#if x}}y{{/if}}' }), '{{secret}} and {{#if x}}y{{/if}}')
  t.equal(render('{{join xs}}', { xs: ['{{a}}', '{{b}}'] }), '{{a}}, {{b}}')
})

t.test('eq', async (t) => {
  const tpl = '{{#if (eq agent.id "codex")}}codex{{else}}other{{/if}}'
  t.equal(render(tpl, { agent: { id: 'codex' } }), 'codex')
  t.equal(render(tpl, { agent: { id: 'claude-code' } }), 'other')
  t.equal(render('{{eq a b}}', { a: 1, b: 1 }), 'true')
  t.equal(render('{{eq a b}}', { a: 1, b: '1' }), 'false', 'strict equality, no coercion')
  t.equal(render('{{#unless (eq a "x")}}not x{{/unless}}', { a: 'y' }), 'not x')
  t.has(failure('x\n{{#if (eq a)}}y{{/if}}', { a: 1 }), {
    code: 'E_CONFIG', message: 'eq takes 2 arguments, got 1', path: where.file, line: 2, column: 7,
  })
})

t.test('includes', async (t) => {
  const data = { tools: ['Bash', 'Read'], text: 'use ripgrep', none: null }
  t.equal(render('{{#if (includes tools "Bash")}}yes{{else}}no{{/if}}', data), 'yes')
  t.equal(render('{{#if (includes tools "Write")}}yes{{else}}no{{/if}}', data), 'no')
  t.equal(render('{{#if (includes text "rip")}}yes{{else}}no{{/if}}', data), 'yes')
  t.equal(render('{{#if (includes text "sed")}}yes{{else}}no{{/if}}', data), 'no')
  t.equal(render('{{#if (includes none "x")}}yes{{else}}no{{/if}}', data), 'no', 'null is an empty list')
  t.equal(render('{{#if (includes skill.allowed-tools "Bash")}}yes{{/if}}', { skill: { 'allowed-tools': ['Bash'] } }), 'yes')
  t.equal(render('{{includes nums 2}}', { nums: [1, 2] }), 'true')
  t.equal(render('{{includes nums "2"}}', { nums: [1, 2] }), 'false', 'array items compare with ===')
  t.has(failure('{{includes obj "x"}}', { obj: { x: 1 } }), {
    code: 'E_CONFIG', message: 'includes expects an array or a string, got an object ("obj")', line: 1, column: 1,
  })
  t.has(failure('{{includes tools}}', data), { message: 'includes takes 2 arguments (list, value), got 1' })
})

t.test('join', async (t) => {
  const data = { xs: ['a', 'b', 'c'], one: ['only'], empty: [], none: null, s: 'str' }
  t.equal(render('{{join xs}}', data), 'a, b, c')
  t.equal(render('{{join xs " | "}}', data), 'a | b | c')
  t.equal(render('{{join xs ""}}', data), 'abc')
  t.equal(render('{{join one}}', data), 'only')
  t.equal(render('[{{join empty}}]', data), '[]')
  t.equal(render('[{{join none}}]', data), '[]')
  t.equal(render('{{join s}}', data), 'str')
  t.equal(render('{{#each groups}}{{join this "+"}};{{/each}}', { groups: [[1, 2], [3]] }), '1+2;3;')
  t.has(failure('a\n  {{join n}}', { n: 5 }), { message: 'join expects an array, got a number ("n")', line: 2, column: 3 })
  t.has(failure('{{join xs 1}}', data), { message: "join's separator must be a string, got a number" })
  t.has(failure('{{join}}', data), { message: 'join takes 1 or 2 arguments (list, separator), got 0' })
  // join produces output, so a missing list is as strict as {{vars.tags}}
  t.has(failure('x\n{{join vars.tags}}', { vars: {} }), {
    code: 'E_CONFIG', message: 'template variable "vars.tags" is not defined', line: 2, column: 1,
  })
})

t.test('block helpers test optional values without error', async (t) => {
  const data = { vars: { set: 'v' } }
  t.equal(render('{{#if vars.unset}}a{{else}}b{{/if}}', data), 'b')
  t.equal(render('{{#if vars.set}}{{vars.set}}{{/if}}', data), 'v')
  t.equal(render('{{#each vars.unset}}x{{/each}}.', data), '.')
  t.equal(render('{{#if (eq vars.unset "x")}}a{{else}}b{{/if}}', data), 'b')
})

t.test('a missing variable is an error with file, line and column', async (t) => {
  const source = 'first line\nsecond line\nvalue: {{vars.nope}}\n'
  const f = failure(source, { vars: { here: 1, there: 2 } })
  t.same(f, {
    code: 'E_CONFIG',
    message: 'template variable "vars.nope" is not defined',
    path: where.file,
    line: 3,
    column: 10,
    hint: '"vars" has here, there; for an optional value use {{#if vars.nope}}…{{/if}}',
    line1: `${where.file}:3:10: template variable "vars.nope" is not defined`,
  })

  t.has(failure('  {{nope}}', { agent: {}, skill: {} }), {
    message: 'template variable "nope" is not defined',
    line: 1,
    column: 5,
    hint: 'the template data has agent, skill; for an optional value use {{#if nope}}…{{/if}}',
  })
  t.has(failure('{{a.b.c}}', { a: { x: 1 } }), {
    message: 'template variable "a.b.c" is not defined: "a.b" is missing', line: 1, column: 3,
    hint: '"a" has x; for an optional value use {{#if a.b.c}}…{{/if}}',
  })
  t.has(failure('{{a.b}}', { a: null }), {
    message: 'template variable "a.b" is not defined', hint: '"a" is null; for an optional value use {{#if a.b}}…{{/if}}',
  })
  t.has(failure('{{a.[b c]}}', { a: {} }), {
    message: 'template variable "a.[b c]" is not defined', hint: '"a" is empty; for an optional value use {{#if a.[b c]}}…{{/if}}',
  })
  t.has(failure('{{@root.gone}}', {}), {
    message: 'template variable "@root.gone" is not defined',
    hint: 'the template data is empty; for an optional value use {{#if @root.gone}}…{{/if}}',
  })
  const many = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, i]))
  t.has(failure('{{vars.x}}', { vars: many }), {
    hint: '"vars" has k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, …; for an optional value use {{#if vars.x}}…{{/if}}',
  })
  t.has(failure('\n{{#each xs}}\n  {{this.z}}\n{{/each}}', { xs: [{ y: 1 }] }), {
    message: 'template variable "this.z" is not defined', line: 3, column: 5,
  })
  t.has(failure('{{^gone}}x{{/gone}}', {}), { message: 'template variable "gone" is not defined', line: 1, column: 4 })
  // an expression spread over lines: Handlebars gives the start, we name what it reported
  t.has(failure('a\n{{\n  vars.nope\n}}', { vars: {} }), { message: 'template variable "vars.nope" is not defined', line: 3, column: 3 })
  // a missing parent inside a helper argument crashes in Handlebars' lookup: still located
  t.has(failure('one\n{{#if cfg.flag}}x{{/if}}', { vars: {} }), {
    message: 'template variable "cfg.flag" is not defined: "cfg" is missing', line: 2, column: 7,
  })
  // a path into a value that is not an object
  t.has(failure('x\n {{skill.name.length}}', { skill: { name: 'abc' } }), {
    message: 'template variable "skill.name.length" is not defined',
    line: 2,
    column: 4,
    hint: '"skill.name" is a string; for an optional value use {{#if skill.name.length}}…{{/if}}',
  })
  // unknown helpers are missing variables too
  t.has(failure('{{shout name}}', { name: 'x' }), { message: 'template variable "shout" is not defined', line: 1, column: 3 })
})

t.test('templateError reads both shapes of Handlebars strict-mode errors', async (t) => {
  const source = 'a\nb\ncc {{x.y}}\n'
  // with lineNumber/column properties (what Handlebars 4.7 throws)
  const withProps = Object.assign(new Error('"y" not defined in [object Object] - 3:5'), {
    lineNumber: 3, column: 5, endLineNumber: 3, endColumn: 8,
  })
  const a = templateError(withProps, source, { x: {} }, 'f.hbs')
  t.equal(a.code, 'E_CONFIG')
  t.same(a.details, { path: 'f.hbs', line: 3, column: 6, hint: '"x" is empty; for an optional value use {{#if x.y}}…{{/if}}' })
  t.equal(a.message, 'template variable "x.y" is not defined')
  // only the message: `"x" not defined in [object Object] - 3:4`
  const b = templateError(new Error('"x" not defined in [object Object] - 3:4'), 'a\nb\ncc {{x}}\n', { z: 1 }, 'f.hbs')
  t.equal(b.message, 'template variable "x" is not defined')
  t.same(b.details, { path: 'f.hbs', line: 3, column: 5, hint: 'the template data has z; for an optional value use {{#if x}}…{{/if}}' })
  // anything else: one line, never the raw error
  const c = templateError(new RangeError('Maximum call stack size exceeded'), '', {}, 'f.hbs')
  t.equal(c.message, 'template error: Maximum call stack size exceeded')
  t.same(c.details, { path: 'f.hbs' })
  const d = templateError('a string', '', {}, 'f.hbs')
  t.equal(d.message, 'template error: a string')
})

t.test('parse errors carry the line, and the column when it can be told', async (t) => {
  t.has(failure('line1\nline2 {{ foo bar }}}'), {
    code: 'E_CONFIG', path: where.file, line: 2, column: 18, message: 'template syntax error: unexpected "}}}"',
    hint: 'check that every {{ has its }} and every {{#block}} its {{/block}}; write \\{{ for a literal {{',
  })
  t.has(failure('one\ntwo\n{{#if x}}\nthree\n', { x: 1 }), {
    line: 5, column: 1, message: 'template syntax error: a block is never closed: the template ends before its {{/…}}',
  })
  t.has(failure('{{foo bar}'), { line: 1, column: 10, message: 'template syntax error: unexpected text that is not valid inside {{…}}' })
  t.has(failure('x\n{{{raw}}'), { line: 2, column: 7, message: 'template syntax error: unexpected "}}"' })
  // the excerpt is cut to 20 characters: still located on the right line
  const long = 'a'.repeat(60) + '\n' + 'b'.repeat(40) + ' {{x}}\nccc {{#each}}'
  t.has(failure(long, { x: 1 }), { line: 3, column: 14 })
  // a parse error is reported again on the next render of the same (cached) source
  t.has(failure('line1\nline2 {{ foo bar }}}'), { line: 2, column: 18 })
})

t.test('other Handlebars errors become located DotskillsErrors', async (t) => {
  t.has(failure('a\n{{#if x}}\nhi{{/each}}', { x: 1 }), {
    code: 'E_CONFIG', message: "template error: if doesn't match each", line: 2, column: 4,
  })
  t.has(failure('a\n  {{> partial}}'), { message: 'template error: The partial partial could not be found', line: 2, column: 3 })
  t.has(failure('\n\n{{#unless a b}}x{{/unless}}', { a: 1, b: 2 }), {
    message: 'template error: #unless requires exactly one argument', line: 3, column: 1,
  })
  t.has(failure('a\n {{#each}}x{{/each}}'), { message: 'template error: Must pass iterator to #each', line: 2, column: 2 })
})

t.test('an isolated Handlebars instance', async (t) => {
  Handlebars.registerHelper('leaky', () => 'LEAK')
  t.teardown(() => Handlebars.unregisterHelper('leaky'))
  t.has(failure('{{leaky x}}', { x: 1 }), { message: 'template variable "leaky" is not defined' })
  render('{{eq a a}}', { a: 1 })
  t.equal(Handlebars.helpers.eq, undefined, 'our helpers stay off the global instance')
  t.equal(Handlebars.helpers.join, undefined)
})

t.test('no prototype access through data, and nothing logged about it', async (t) => {
  const logged = t.capture(console, 'error')
  const warned = t.capture(console, 'warn')
  t.equal(render('[{{constructor}}][{{a.__proto__}}][{{a.toString}}]', { a: {} }), '[][][]')
  t.same(logged(), [])
  t.same(warned(), [])
})

t.test('the same source renders with each data in turn', async (t) => {
  const tpl = '{{agent.id}}\n'
  t.equal(render(tpl, { agent: { id: 'a' } }), 'a\n')
  t.equal(render(tpl, { agent: { id: 'b' } }), 'b\n')
  t.has(failure(tpl, { agent: {} }), { message: 'template variable "agent.id" is not defined' })
  t.equal(render(tpl, { agent: { id: 'c' } }), 'c\n')
})

t.test('nothing on the lint path imports the template renderer', async (t) => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
  const target = join(root, 'lib/render/template.ts')
  const seen = new Set<string>()
  const queue = [join(root, 'lib/commands/lint.ts'), join(root, 'lib/lint/engine.ts'), join(root, 'lib/skills/parse.ts')]
  const offenders: string[] = []
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    const src = readFileSync(file, 'utf8')
    // static `from '…'` and dynamic `import('…')`
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1]
      if (spec === 'handlebars') offenders.push(`${file} imports handlebars`)
      if (!spec.startsWith('.')) continue
      const dep = resolve(dirname(file), spec.replace(/\.js$/, '.ts'))
      if (dep === target) offenders.push(`${file} imports lib/render/template.ts`)
      queue.push(dep)
    }
  }
  t.ok(seen.size > 5, `followed the lint path (${seen.size} modules)`)
  t.same(offenders, [])
})

t.test('oneLine folds line breaks and runs of whitespace', async (t) => {
  t.equal(renderTemplate('d: {{oneLine s}}', { s: '  Review diffs.\n  Use when\tasked.\n' }, { file: 'x.hbs' }), 'd: Review diffs. Use when asked.')
  t.throws(() => renderTemplate('{{oneLine n}}', { n: 3 }, { file: 'x.hbs' }), { code: 'E_CONFIG', message: /oneLine expects a string/ })
})
