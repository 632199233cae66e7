import t from 'tap'
import { findingsOf, skillMd, where } from './helpers.js'

const USE = 'Test skill. Use when testing.'

t.test('absolute home-directory paths are reported in every text file', async (t) => {
  const body = [
    'Run /Users/alice/tools/build.sh first.', // 5
    'Logs go to /home/bob/logs and C:\\Users\\carol\\AppData.', // 6
    '',
  ].join('\n')
  const root = t.testdir({
    a: {
      'SKILL.md': skillMd('a', USE, body),
      scripts: { 'run.py': 'CONFIG = "C:/Users/dave/config.json"\nDATA = "C:\\\\Users\\\\erin\\\\data"\n' },
    },
  })
  const found = await findingsOf('no-home-path', root)
  t.same(where(found), [[5, 5], [6, 12], [6, 31], [1, 11], [2, 9]])
  t.ok(found.every((f) => f.ruleId === 'no-home-path' && f.severity === 'warn'))
  t.same(found.map((f) => f.file.slice(root.length + 1)), ['a/SKILL.md', 'a/SKILL.md', 'a/SKILL.md', 'a/scripts/run.py', 'a/scripts/run.py'])
  t.match(found[0].message, /"\/Users\/alice" exists only on one machine; use ~ or a path relative to the skill/)
  t.match(found[2].message, /"C:\\Users\\carol"/)
})

t.test('placeholders, shared folders and non-home paths pass', async (t) => {
  const body = [
    'Homes live under /home/ and /Users/ on macOS.',
    'Example: /home/user/project, /Users/you/memo.md, /Users/<name>/x, /home/$USER/x, /home/{user}/x',
    'C:\\Users\\<profile>\\AppData, C:\\Users\\Public\\Documents, /Users/Shared/x, /home/runner/work',
    '~/config, $HOME/x, https://example.com/home/bob/page, /var/home/bob, /home/linuxbrew/.linuxbrew',
    'SCIM: GET /Users/2819c223-7f76-453a-919d-413861904646 and GET /Users/123',
    '',
  ].join('\n')
  const root = t.testdir({ a: { 'SKILL.md': skillMd('a', USE, body) } })
  t.same(await findingsOf('no-home-path', root), [])
})
