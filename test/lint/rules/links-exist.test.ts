import t from 'tap'
import { join } from 'node:path'
import { findingsOf, skillMd, where } from './helpers.js'

const USE = 'Test skill. Use when testing.'

t.test('reports missing, wrongly cased and outside targets at the link', async (t) => {
  const body = [
    '# A', // 5
    'See [guide](references/guide.md) and ![pic](assets/missing.png).', // 6
    'Run `scripts/run.sh` first.', // 7
    '[notes]: references/nope.md', // 8
    'Read [up](../other/file.md) and [gone](../nowhere.md).', // 9
    'And [case](References/Guide.md).', // 10
    '',
  ].join('\n')
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', USE, body), references: { 'guide.md': 'x' } },
    other: { 'file.md': 'y' },
  })
  const found = await findingsOf('links-exist', join(root, 'a'))
  t.same(where(found), [[6, 38], [7, 5], [8, 1], [9, 6], [9, 33], [10, 5]])
  t.ok(found.every((f) => f.ruleId === 'links-exist' && f.severity === 'error' && f.file === join(root, 'a', 'SKILL.md')))
  t.match(found[0].message, /"assets\/missing.png" does not exist/)
  t.match(found[1].message, /referenced file "scripts\/run.sh"/)
  t.match(found[3].message, /points outside the skill folder; it breaks when the skill is installed on its own/)
  t.match(found[4].message, /does not exist and points outside/)
  t.match(found[5].message, /differs in case from "references\/guide.md"/)
})

t.test('existing targets and things that are not local paths pass', async (t) => {
  const body = [
    '[guide](references/guide.md) [dir](references/) [self](./SKILL.md) [root](.)',
    '[enc](references/my%20notes.md) [angle](<references/my notes.md>) [titled](references/guide.md "Guide")',
    '[frag](references/guide.md#setup) [query](references/guide.md?raw=1) ![img](assets/logo.png)',
    '[web](https://example.com/x.md) [mail](mailto:a@b.c) [anchor](#usage) [abs](/etc/hosts) [home](~/x.md)',
    '[tpl]({{baseDir}}/x.md) [var](${CLAUDE_SKILL_DIR}/x.md) [ph](<name>.md) [ob]({baseDir}/x.md)',
    '`[code](missing.md)` and `scripts/missing.sh --flag` and `scripts/*.sh` and `references/filename.md`',
    '```markdown',
    '[example](missing.md)',
    '```',
    '~~~',
    '[example](missing2.md)',
    '~~~',
    '<!-- [hidden](missing3.md) -->',
    '[^1]: a footnote, not a link',
    'Nested skill: [sub](sub/SKILL.md) and [its file](sub/ref.md)',
    '',
  ].join('\n')
  const root = t.testdir({
    'SKILL.md': skillMd('root', USE, body),
    references: { 'guide.md': 'x', 'my notes.md': 'y' },
    assets: { 'logo.png': '' },
    sub: { 'SKILL.md': skillMd('sub', USE), 'ref.md': 'z' },
  })
  t.same(await findingsOf('links-exist', root), [])
})
