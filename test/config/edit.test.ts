import t, { type Test } from 'tap'
import { parse as parseYaml } from 'yaml'
import { configFormat, newConfigText, withSourceAdded, withSourceExclude, withSourcesRemoved } from '../../lib/config/edit.js'
import { DotskillsError } from '../../lib/errors.js'

const Y = 'dotskills.yaml'
const lines = (...l: string[]) => l.join('\n') + '\n'

/** The error an edit throws (configError), or a failing test. */
function errorOf(t: Test, fn: () => unknown): DotskillsError | undefined {
  try {
    fn()
    t.fail('expected an error')
  } catch (err) {
    t.ok(err instanceof DotskillsError)
    t.equal((err as DotskillsError).code, 'E_CONFIG')
    return err as DotskillsError
  }
}

// A config written the way people write them: odd comment spacing, quoting, 4-space maps,
// a folded block scalar, a long line, flow collections with and without padding.
const COMMENTED = lines(
  '# yaml-language-server: $schema=./dotskills.schema.json',
  '#   my skills config   (hand-written)',
  '',
  "skills: 'skills'    # quoted on purpose",
  'agents: [claude-code,codex]',
  '',
  '# machine profiles',
  'profiles:',
  '    work:',
  '        hosts: [ work-laptop ]      # aligned comment',
  '        vars: {team: payments}',
  '',
  'sources:',
  '  # the team repo, pinned',
  '  - acme/skills@v1.2.0   # pinned',
  '',
  '  - url: "https://git.example.com:8443/team/skills.git"',
  '    ref: main',
  '    exclude: [draft-*]',
  '  # end of sources',
  '',
  'vars:',
  '  motto: >-',
  '    a folded scalar',
  '    over two lines',
  '  long: "this line is deliberately much longer than eighty characters so that a re-printer would fold it"',
  '# trailing comment',
)

t.test('configFormat', async (t) => {
  const cases: [string, string][] = [
    ['/x/dotskills.yaml', 'yaml'],
    ['/x/dotskills.yml', 'yaml'],
    ['/x/.dotskillsrc', 'yaml'],
    ['/x/.dotskillsrc.yaml', 'yaml'],
    ['/x/.dotskillsrc.yml', 'yaml'],
    ['/x/.dotskillsrc.json', 'json'],
    ['/x/package.json', 'package-json'],
    ['/x/.dotskillsrc.js', 'js'],
    ['/x/.dotskillsrc.mjs', 'js'],
    ['/x/dotskills.config.js', 'js'],
    ['/x/dotskills.config.cjs', 'js'],
  ]
  for (const [path, want] of cases) t.equal(configFormat(path), want, path)
})

t.test('YAML: add keeps every other byte', async (t) => {
  const added = withSourceAdded(Y, COMMENTED, 'other/repo')
  t.equal(
    added,
    COMMENTED.replace('    exclude: [draft-*]\n', '    exclude: [draft-*]\n  - other/repo\n'),
    'the new item goes after the last item, before the comment that closes the list',
  )
  const obj = withSourceAdded(Y, COMMENTED, { name: 'team', url: 'o/r', ref: 'v2', include: ['review-*', '*-lint'] })
  t.equal(
    obj,
    COMMENTED.replace(
      '    exclude: [draft-*]\n',
      lines('    exclude: [draft-*]', '  - name: team', '    url: o/r', '    ref: v2', '    include:', '      - review-*', '      - "*-lint"'),
    ),
    'object items in block style, values quoted only when needed',
  )
  t.same(parseYaml(obj).sources[2], { name: 'team', url: 'o/r', ref: 'v2', include: ['review-*', '*-lint'] })
  // strings that YAML would read differently are quoted
  const quoted = withSourceAdded(Y, 'sources:\n  - a/b\n', '@scope/x')
  t.equal(quoted, 'sources:\n  - a/b\n  - "@scope/x"\n')
  t.same(parseYaml(quoted).sources, ['a/b', '@scope/x'])
})

t.test('YAML: remove keeps every other byte, and add→remove is the identity', async (t) => {
  t.equal(
    withSourcesRemoved(Y, COMMENTED, [0]),
    COMMENTED.replace('  - acme/skills@v1.2.0   # pinned\n', ''),
    'the item and its trailing comment go; the comment above it and the blank line stay',
  )
  t.equal(
    withSourcesRemoved(Y, COMMENTED, [1]),
    COMMENTED.replace('  - url: "https://git.example.com:8443/team/skills.git"\n    ref: main\n    exclude: [draft-*]\n', ''),
  )
  // removing every entry removes the key, the comments inside its list and the list's own trailing comment
  t.equal(
    withSourcesRemoved(Y, COMMENTED, [1, 0]),
    COMMENTED.replace(/sources:\n[\s\S]*?# end of sources\n/, ''),
  )
  t.equal(withSourcesRemoved(Y, COMMENTED, []), COMMENTED, 'no indexes: unchanged')

  const added = withSourceAdded(Y, COMMENTED, 'other/repo')
  t.equal(withSourcesRemoved(Y, added, [2]), COMMENTED, 'add then remove gives the original back')
  const addedObj = withSourceAdded(Y, COMMENTED, { url: 'o/r', exclude: ['x'] })
  t.equal(withSourcesRemoved(Y, addedObj, [2]), COMMENTED)
})

t.test('YAML: creating the key', async (t) => {
  const noSources = lines('# top', 'skills: x   # c', 'agents:', '  - claude-code', '# end')
  const added = withSourceAdded(Y, noSources, 'o/r')
  t.equal(added, noSources + 'sources:\n  - o/r\n', 'at the end of the top-level map, as a block list')
  t.equal(withSourcesRemoved(Y, added, [0]), noSources, 'round trip')

  // the file's own list indentation is followed
  const flush = lines('agents:', '- claude-code')
  t.equal(withSourceAdded(Y, flush, 'o/r'), flush + 'sources:\n- o/r\n')
  const four = lines('agents:', '    - claude-code')
  t.equal(withSourceAdded(Y, four, { url: 'o/r', include: ['a'] }), four + lines('sources:', '    - url: o/r', '      include:', '        - a'))

  // no final line break: one is added, and a remove cannot take it back
  const bare = 'skills: x'
  const addedBare = withSourceAdded(Y, bare, 'o/r')
  t.equal(addedBare, 'skills: x\nsources:\n  - o/r\n')
  t.equal(withSourcesRemoved(Y, addedBare, [0]), 'skills: x\n', 'the added line break stays')

  t.equal(withSourceAdded(Y, '', 'o/r'), 'sources:\n  - o/r\n', 'empty file')
  t.equal(withSourceAdded(Y, '# only a comment\n', 'o/r'), '# only a comment\nsources:\n  - o/r\n')
  t.equal(withSourceAdded(Y, '---\n', 'o/r'), '---\nsources:\n  - o/r\n', 'an empty document')
  // explicit null root: the yaml Document prints it (the null is replaced by the map)
  t.equal(withSourceAdded(Y, '~\n', 'o/r'), 'sources:\n  - o/r\n')
  // `sources:` with no value, or null
  t.equal(withSourceAdded(Y, 'sources:\nskills: x\n', 'o/r'), 'sources:\n  - o/r\nskills: x\n')
  t.equal(withSourceAdded(Y, 'sources:   # none yet\nskills: x\n', 'o/r'), 'sources:   # none yet\n  - o/r\nskills: x\n')
  t.equal(withSourceAdded(Y, 'sources: ~\nskills: x\n', 'o/r'), 'sources:\n  - o/r\nskills: x\n')
  t.equal(withSourceAdded(Y, 'sources: null # later\n', 'o/r'), 'sources:  # later\n  - o/r\n')
  t.equal(withSourceAdded(Y, 'skills: x\r\nagents: [a]\r\n', 'o/r'), 'skills: x\r\nagents: [a]\r\nsources:\r\n  - o/r\r\n', 'CRLF files stay CRLF')
})

t.test('YAML: flow-style sources stay flow style', async (t) => {
  const flow = 'skills: x\nsources: [ a/b, "c/d" ]   # two\nagents: [a]\n'
  t.equal(withSourceAdded(Y, flow, 'e/f@v1'), 'skills: x\nsources: [ a/b, "c/d", e/f@v1 ]   # two\nagents: [a]\n')
  t.equal(withSourceAdded(Y, flow, 'x, y'), 'skills: x\nsources: [ a/b, "c/d", "x, y" ]   # two\nagents: [a]\n', 'quoted when flow needs it')
  t.equal(
    withSourceAdded(Y, flow, { url: 'e/f', ref: 'v1' }),
    'skills: x\nsources: [ a/b, "c/d", { url: e/f, ref: v1 } ]   # two\nagents: [a]\n',
  )
  t.equal(withSourceAdded(Y, 'sources: []\n', 'a/b'), 'sources: [a/b]\n')
  t.equal(withSourceAdded(Y, 'sources: [a/b,]\n', 'c/d'), 'sources: [a/b, c/d,]\n', 'a trailing comma stays valid')
  t.equal(withSourceAdded(Y, 'sources: [\n  a/b,\n  c/d\n]\n', 'e/f'), 'sources: [\n  a/b,\n  c/d,\n  e/f\n]\n', 'multi-line: one item per line')

  const added = withSourceAdded(Y, flow, 'e/f@v1')
  t.equal(withSourcesRemoved(Y, added, [2]), flow, 'add→remove round trip')
  t.equal(withSourcesRemoved(Y, flow, [0]), 'skills: x\nsources: [ "c/d" ]   # two\nagents: [a]\n')
  t.equal(withSourcesRemoved(Y, 'sources: [a/b, {url: c/d, ref: v1}, e/f]\n', [0, 2]), 'sources: [{url: c/d, ref: v1}]\n')
  t.equal(withSourcesRemoved(Y, flow, [0, 1]), 'skills: x\nagents: [a]\n', 'the key goes with its last entry')
  // a multi-line flow list is rewritten on one line (comments inside it would be lost)
  t.equal(withSourcesRemoved(Y, 'sources: [\n  a/b,\n  c/d\n]\nx: 1\n', [0]), 'sources: [c/d]\nx: 1\n')
})

t.test('YAML: layouts the splicer leaves to the yaml Document', async (t) => {
  // a flow-style root map is printed by doc.toString(): same data, the library's spacing
  t.equal(withSourceAdded(Y, '{skills: x}\n', 'o/r'), '{ skills: x, sources: [ o/r ] }\n')
  t.equal(withSourcesRemoved(Y, '{skills: x, sources: [o/r]}\n', [0]), '{ skills: x }\n')
})

t.test('YAML: exclude', async (t) => {
  const text = lines('sources:', '  - o/r   # main repo', '  - url: a/b', '    ref: v1   # pinned', '  - url: c/d', '    exclude: [x]', 'agents: [a]')
  const e0 = withSourceExclude(Y, text, 0, ['draft-*', '*-old'])
  t.equal(
    e0,
    lines('sources:', '  - url: o/r   # main repo', '    exclude:', '      - draft-*', '      - "*-old"', '  - url: a/b', '    ref: v1   # pinned', '  - url: c/d', '    exclude: [x]', 'agents: [a]'),
    'a string entry becomes { url, exclude }; its comment stays on its line',
  )
  t.same(parseYaml(e0).sources[0], { url: 'o/r', exclude: ['draft-*', '*-old'] })
  const e1 = withSourceExclude(Y, text, 1, ['y'])
  t.equal(e1, text.replace('    ref: v1   # pinned\n', '    ref: v1   # pinned\n    exclude:\n      - y\n'))
  t.equal(withSourceExclude(Y, e1, 1, ['y', 'z']), text.replace('    ref: v1   # pinned\n', '    ref: v1   # pinned\n    exclude:\n      - y\n      - z\n'), 'a block list is replaced')
  t.equal(withSourceExclude(Y, e1, 1, []), text, 'an empty list removes the key')
  t.equal(withSourceExclude(Y, text, 2, ['x', 'w']), text.replace('exclude: [x]', 'exclude: [x, w]'), 'a flow list stays flow')
  t.equal(withSourceExclude(Y, text, 2, []), text.replace('    exclude: [x]\n', ''))
  t.equal(withSourceExclude(Y, text, 0, []), text, 'nothing to exclude on a string entry: unchanged')
  // flow sources: the Document prints it
  t.equal(withSourceExclude(Y, 'sources: [o/r]\n', 0, ['x']), 'sources: [ { url: o/r, exclude: [ x ] } ]\n')
})

t.test('YAML: errors', async (t) => {
  t.match(errorOf(t, () => withSourceAdded(Y, 'sources: [a\n', 'o/r'))?.message, /^invalid YAML: /)
  t.equal(errorOf(t, () => withSourceAdded(Y, '- a\n- b\n', 'o/r'))?.message, 'the config is not a mapping of settings')
  const notList = errorOf(t, () => withSourceAdded('/c/dotskills.yaml', 'sources: o/r\n', 'x/y'))
  t.equal(notList?.message, 'sources is not a list')
  t.equal(notList?.details.path, '/c/dotskills.yaml')
  t.equal(errorOf(t, () => withSourcesRemoved(Y, 'sources: [a/b]\n', [1]))?.message, 'the config has no sources[1] (it has 1)')
  t.equal(errorOf(t, () => withSourcesRemoved(Y, 'skills: x\n', [0]))?.message, 'the config has no sources')
  t.equal(errorOf(t, () => withSourceExclude(Y, 'sources: [a/b]\n', 3, ['x']))?.message, 'the config has no sources[3] (it has 1)')
})

t.test('JSON keeps its indentation and final line break', async (t) => {
  const four = '{\n    "skills": "skills",\n    "agents": ["codex"]\n}\n'
  const added4 = withSourceAdded('/c/.dotskillsrc.json', four, 'o/r')
  t.equal(added4, '{\n    "skills": "skills",\n    "agents": [\n        "codex"\n    ],\n    "sources": [\n        "o/r"\n    ]\n}\n')
  t.equal(
    withSourcesRemoved('/c/.dotskillsrc.json', added4, [0]),
    '{\n    "skills": "skills",\n    "agents": [\n        "codex"\n    ]\n}\n',
    'JSON.stringify prints arrays one item per line: the round trip gives the data back, not the layout',
  )
  const tab = '{\n\t"sources": [\n\t\t"a/b"\n\t]\n}'
  const addedTab = withSourceAdded('/c/.dotskillsrc.json', tab, { url: 'c/d', ref: 'v1' })
  t.equal(addedTab, '{\n\t"sources": [\n\t\t"a/b",\n\t\t{\n\t\t\t"url": "c/d",\n\t\t\t"ref": "v1"\n\t\t}\n\t]\n}', 'no final line break added')
  t.equal(withSourcesRemoved('/c/.dotskillsrc.json', addedTab, [1]), tab, 'round trip')
  t.equal(withSourceExclude('/c/.dotskillsrc.json', tab, 0, ['x']), '{\n\t"sources": [\n\t\t{\n\t\t\t"url": "a/b",\n\t\t\t"exclude": [\n\t\t\t\t"x"\n\t\t\t]\n\t\t}\n\t]\n}')
  // a .dotskillsrc whose text is JSON is edited as JSON
  t.equal(withSourceAdded('/c/.dotskillsrc', '{\n  "skills": "s"\n}\n', 'o/r'), '{\n  "skills": "s",\n  "sources": [\n    "o/r"\n  ]\n}\n')
  t.equal(withSourceAdded('/c/.dotskillsrc.json', '{"skills":"s"}', 'o/r'), '{"skills":"s","sources":["o/r"]}', 'one-line JSON stays one line')
  t.equal(withSourceAdded('/c/.dotskillsrc.json', '{\r\n  "skills": "s"\r\n}\r\n', 'o/r'), '{\r\n  "skills": "s",\r\n  "sources": [\r\n    "o/r"\r\n  ]\r\n}\r\n')
  t.match(errorOf(t, () => withSourceAdded('/c/.dotskillsrc.json', '{"a": ', 'o/r'))?.message, /^invalid JSON: /)
  t.equal(errorOf(t, () => withSourceAdded('/c/.dotskillsrc.json', '[]', 'o/r'))?.message, 'the config is not a JSON object')
})

t.test('package.json: only the dotskills key changes', async (t) => {
  const pkg = '{\n  "name": "p",\n  "version": "1.0.0",\n  "scripts": {\n    "test": "tap"\n  }\n}\n'
  const added = withSourceAdded('/c/package.json', pkg, 'o/r')
  t.equal(added, '{\n  "name": "p",\n  "version": "1.0.0",\n  "scripts": {\n    "test": "tap"\n  },\n  "dotskills": {\n    "sources": [\n      "o/r"\n    ]\n  }\n}\n')
  const withKey = '{\n  "dotskills": {\n    "skills": "s"\n  },\n  "name": "p"\n}\n'
  const added2 = withSourceAdded('/c/package.json', withKey, 'o/r')
  t.equal(added2, '{\n  "dotskills": {\n    "skills": "s",\n    "sources": [\n      "o/r"\n    ]\n  },\n  "name": "p"\n}\n', 'key order kept')
  t.equal(withSourcesRemoved('/c/package.json', added2, [0]), withKey, 'round trip')
  t.equal(errorOf(t, () => withSourceAdded('/c/package.json', '{"dotskills": 1}', 'o/r'))?.message, '"dotskills" in package.json is not an object')
})

t.test('JS configs are refused with what to write by hand', async (t) => {
  const e = errorOf(t, () => withSourceAdded('/c/dotskills.config.js', 'export default {}\n', { url: 'o/r', ref: 'v1' }))
  t.equal(e?.message, 'cannot edit dotskills.config.js: add this to its sources by hand: {"url":"o/r","ref":"v1"}')
  t.equal(e?.details.path, '/c/dotskills.config.js')
  t.equal(errorOf(t, () => withSourceAdded('/c/.dotskillsrc.mjs', '', 'o/r'))?.message, 'cannot edit .dotskillsrc.mjs: add this to its sources by hand: "o/r"')
  t.equal(errorOf(t, () => withSourcesRemoved('/c/.dotskillsrc.cjs', '', [2, 0]))?.message, 'cannot edit .dotskillsrc.cjs: remove sources[0], sources[2] by hand')
  t.equal(errorOf(t, () => withSourceExclude('/c/.dotskillsrc.js', '', 1, ['a']))?.message, 'cannot edit .dotskillsrc.js: set exclude of sources[1] to ["a"] by hand')
})

t.test('newConfigText', async (t) => {
  t.equal(
    newConfigText('o/r'),
    lines('# yaml-language-server: $schema=https://dotskills.dev/schemas/config.schema.json', '# dotskills config. `dotskills schema config` lists every setting.', 'sources:', '  - o/r'),
  )
  const obj = newConfigText({ url: 'o/r', ref: 'v1' })
  t.ok(obj.startsWith('# yaml-language-server: $schema=https://dotskills.dev/schemas/config.schema.json\n'))
  t.same(parseYaml(obj), { sources: [{ url: 'o/r', ref: 'v1' }] })
})
