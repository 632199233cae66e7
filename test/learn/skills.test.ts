import t from 'tap'
import { join } from 'node:path'
import { readSkill, scanBody, skillIndex } from '../../lib/learn/skills.js'
import { prescribedIn } from '../../lib/learn/signals/common.js'

const BODY = `# Title

Context: !\`git log --oneline main..HEAD\`

\`\`\`bash
# a comment
$ npm ci
npm run build \\
  --if-present
\`\`\`

\`\`\`json
{"not": "a command"}
\`\`\`

Run \`npm test\` then \`if you like\`; see [the guide](references/guide.md#part) and [site](https://example.com).
Use \`scripts/check.sh\` and ./templates/pr.md too. A \`word\` is not a command.
`

t.test('scanBody: prescribed commands with their lines, and referenced files', async (t) => {
  const { commands, references } = scanBody(BODY, 6)
  t.same(commands, [
    { text: 'git log --oneline main..HEAD', line: 8, dynamic: true },
    { text: 'npm ci', line: 12, dynamic: false },
    { text: 'npm run build --if-present', line: 14, dynamic: false },
    { text: 'npm test', line: 21, dynamic: false },
  ])
  t.same(references, [
    { path: 'references/guide.md', line: 21 },
    { path: 'scripts/check.sh', line: 22 },
    { path: 'templates/pr.md', line: 22 },
  ])
})

t.test('linking a log\'s skill use to a repo skill', async (t) => {
  const dir = t.testdir({ skills: { commit: { 'SKILL.md': '---\nname: commit\ndescription: Commit. Use when asked.\n---\n\nRun `git commit -v`.\n' } } })
  const skill = readSkill(join(dir, 'skills/commit'), join(dir, 'skills/commit/SKILL.md'), dir)
  t.equal(skill.rel, 'skills/commit/SKILL.md')
  t.same(skill.commands, [{ text: 'git commit -v', line: 6, dynamic: false }])
  const index = skillIndex([skill])
  t.equal(index.link({ name: 'handgemacht:commit' })?.name, 'commit', 'plugin namespace dropped')
  t.equal(index.link({ name: '/commit' })?.name, 'commit')
  t.equal(index.link({ name: 'other', path: '/home/u/.claude/skills/commit/SKILL.md' })?.name, 'commit', 'by the installed copy\'s path')
  t.equal(index.link({ name: 'other' }), undefined)
  t.equal(index.byPath(join(dir, 'skills/commit/scripts/x.sh'))?.name, 'commit', 'a file in the repo folder')
  t.equal(index.byPath('/elsewhere/commit/notes.md'), undefined, 'a folder of that name that is not under skills/')
  t.equal(prescribedIn('cd /app && git commit -v 2>&1', skill)?.text, 'git commit -v', 'found among simple commands, redirections aside')
  t.equal(prescribedIn('git commit -m x', skill), undefined)
})
