// End-to-end tests of `dotskills new` (real binary): where the skill goes (config, no config,
// --dir), what it contains, that the real `dotskills lint` finds nothing in it, and the errors.
import t, { type Test } from 'tap'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { runCli } from '../helpers/run-cli.js'
import { PKG, noStack } from '../helpers/e2e.js'

/** Every file under a folder, relative and sorted: to show what a run wrote, or that it wrote nothing. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1) + (e.isDirectory() ? '/' : ''))
    .sort()
}

/** `dotskills lint` on the given paths, without the cache: zero problems means exit 0, no findings. */
function lintClean(t: Test, cwd: string, paths: string[], skills: number) {
  const r = runCli(['lint', ...paths, '--no-cache', '--max-warnings', '0', '--format', 'json'], { cwd })
  t.equal(r.code, 0, `lint ${paths.join(' ')} exits 0`)
  t.equal(r.stderr, '', 'lint says nothing on stderr')
  const report = JSON.parse(r.stdout)
  t.same({ skillCount: report.skillCount, errorCount: report.errorCount, warningCount: report.warningCount, files: report.files }, { skillCount: skills, errorCount: 0, warningCount: 0, files: [] }, 'no errors, no warnings')
  const stylish = runCli(['lint', ...paths, '--no-cache'], { cwd })
  t.equal(stylish.stdout, `✔ ${skills} skill${skills === 1 ? '' : 's'} checked, no problems\n`)
}

t.test('no config: ./skills/<name>/SKILL.md, a placeholder description that lints clean', async (t) => {
  const dir = t.testdir({ 'package.json': PKG })
  const r = runCli(['new', 'release-notes'], { cwd: dir })
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '')
  t.equal(
    r.stdout,
    'created skills/release-notes/SKILL.md\n' +
      'next: edit skills/release-notes/SKILL.md, then check it with `dotskills lint skills/release-notes`\n' +
      'no dotskills config here: `dotskills init` makes one, then `dotskills install` installs your skills\n',
  )
  t.same(tree(dir), ['package.json', 'skills/', 'skills/release-notes/', 'skills/release-notes/SKILL.md'], 'only the skill, no temp folder left')
  const md = readFileSync(join(dir, 'skills/release-notes/SKILL.md'), 'utf8')
  t.ok(md.startsWith('---\nname: release-notes\ndescription: Say what release-notes does here. Use when the user needs release-notes.\n---\n'), 'frontmatter: name and a description that says when to use it')
  for (const section of ['# Release notes', '## When to use', '## Steps', '## Gotchas']) t.match(md, `\n${section}\n`, section)
  t.notMatch(md, 'scripts/', 'the default skill has no scripts')
  lintClean(t, dir, ['skills/release-notes'], 1)
  // every agent profile accepts it too
  for (const profile of ['claude-code', 'codex', 'copilot', 'openclaw', 'opencode']) {
    t.equal(runCli(['lint', 'skills', '--no-cache', '--max-warnings', '0', '--profile', profile], { cwd: dir }).code, 0, `clean for ${profile}`)
  }
})

t.test('--template: scripts/ with an executable script and references/, both referenced from SKILL.md', async (t) => {
  const dir = t.testdir({ 'package.json': PKG })
  const r = runCli(['new', 'pdf-forms', '--template'], { cwd: dir })
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '')
  t.match(r.stdout, /^created skills\/pdf-forms\/SKILL.md\ncreated skills\/pdf-forms\/scripts\/run.sh\ncreated skills\/pdf-forms\/references\/REFERENCE.md\nnext: /)
  t.same(tree(join(dir, 'skills/pdf-forms')), ['SKILL.md', 'references/', 'references/REFERENCE.md', 'scripts/', 'scripts/run.sh'])
  const skill = join(dir, 'skills/pdf-forms')
  const md = readFileSync(join(skill, 'SKILL.md'), 'utf8')
  t.match(md, '`scripts/run.sh`', 'the script is named where links-exist checks it')
  t.match(md, '](references/REFERENCE.md)', 'the reference is linked')
  t.equal(statSync(join(skill, 'scripts/run.sh')).mode & 0o777, 0o755, 'the script is executable')
  t.equal(statSync(join(skill, 'SKILL.md')).mode & 0o777, 0o644)
  const ran = spawnSync(join(skill, 'scripts/run.sh'), ['invoice.pdf'], { encoding: 'utf8' })
  t.equal(ran.stdout, 'pdf-forms: got invoice.pdf\n', 'the example script runs')
  const usage = spawnSync(join(skill, 'scripts/run.sh'), [], { encoding: 'utf8' })
  t.equal(usage.status, 2, 'and says how to call it')
  lintClean(t, dir, ['skills/pdf-forms'], 1)

  // --full is the same; two new skills side by side lint clean together (no description overlap)
  t.equal(runCli(['new', 'commit-message', '--full'], { cwd: dir }).code, 0)
  t.ok(existsSync(join(dir, 'skills/commit-message/references/REFERENCE.md')))
  t.equal(runCli(['new', 'code-review'], { cwd: dir }).code, 0)
  lintClean(t, dir, ['skills'], 3)
})

t.test('with a config: the first folder of its skills setting, found from a subfolder too', async (t) => {
  const dir = t.testdir({
    'package.json': PKG,
    'dotskills.yaml': 'skills: [my-skills, more-skills]\n',
    docs: {},
  })
  const r = runCli(['new', 'adr'], { cwd: dir })
  t.equal(r.code, 0, r.stderr)
  t.equal(
    r.stdout,
    'created my-skills/adr/SKILL.md\nnext: edit my-skills/adr/SKILL.md, then check it with `dotskills lint my-skills/adr`\n`dotskills install` then installs it into your agents\n',
  )
  t.ok(existsSync(join(dir, 'my-skills/adr/SKILL.md')), 'the folder named first, created when missing')
  t.notOk(existsSync(join(dir, 'more-skills')))

  // from a subfolder: the config is found above, and paths are shown relative to where we are
  const sub = runCli(['new', 'changelog'], { cwd: join(dir, 'docs'), writable: [dir] })
  t.equal(sub.code, 0, sub.stderr)
  t.match(sub.stdout, /^created \.\.\/my-skills\/changelog\/SKILL\.md\n/)
  t.ok(existsSync(join(dir, 'my-skills/changelog/SKILL.md')))
  lintClean(t, dir, ['my-skills'], 2)

})

t.test('with a config that sets no skills folder, or one named by --config', async (t) => {
  const dir = t.testdir({
    plain: { 'package.json': PKG, 'dotskills.yaml': 'agents: [claude-code]\n' },
    other: { 'package.json': PKG, repo: { 'dotskills.yaml': 'skills: s\n' } },
  })
  // the default `skills` folder beside the config
  t.equal(runCli(['new', 'one'], { cwd: join(dir, 'plain') }).code, 0)
  t.ok(existsSync(join(dir, 'plain/skills/one/SKILL.md')))

  // --config names a config elsewhere: its folder is the base
  const viaConfig = runCli(['new', 'two', '--config', 'repo/dotskills.yaml'], { cwd: join(dir, 'other') })
  t.equal(viaConfig.code, 0, viaConfig.stderr)
  t.ok(existsSync(join(dir, 'other/repo/s/two/SKILL.md')))
  t.match(viaConfig.stdout, /^created repo\/s\/two\/SKILL\.md\n/)
})

t.test('--dir puts it anywhere, and says when install will not see it there', async (t) => {
  const dir = t.testdir({ 'package.json': PKG, 'dotskills.yaml': 'skills: skills\n' })
  const r = runCli(['new', 'scratch', '--dir', 'drafts/new'], { cwd: dir })
  t.equal(r.code, 0, r.stderr)
  t.ok(existsSync(join(dir, 'drafts/new/scratch/SKILL.md')))
  t.notOk(existsSync(join(dir, 'skills')), 'not in the config\'s folder')
  t.match(r.stdout, /\nnote: drafts\/new\/scratch is outside the config's skills folders, so `dotskills install` will not see it\n$/)

  // --dir inside the config's folder: install sees it
  const inside = runCli(['new', 'nested', '--dir', 'skills/team'], { cwd: dir })
  t.match(inside.stdout, /\n`dotskills install` then installs it into your agents\n$/)

})

t.test('--dir without a config wins over ./skills', async (t) => {
  const bare = t.testdir({ 'package.json': PKG })
  t.equal(runCli(['new', 'x1', '--dir', '.'], { cwd: bare }).code, 0)
  t.same(tree(bare), ['package.json', 'x1/', 'x1/SKILL.md'])
})

t.test('--json gives name, dir and files', async (t) => {
  const dir = t.testdir({ 'package.json': PKG })
  const r = runCli(['new', 'api-docs', '--template', '--json'], { cwd: dir })
  t.equal(r.code, 0, r.stderr)
  t.same(JSON.parse(r.stdout), { name: 'api-docs', dir: join(dir, 'skills/api-docs'), files: ['SKILL.md', 'scripts/run.sh', 'references/REFERENCE.md'] })
  t.equal(runCli(['new', 'quiet-one', '--quiet'], { cwd: dir }).stdout, '', '--quiet prints nothing')
})

t.test('--description: written as valid YAML; lint findings in it are shown at once', async (t) => {
  const dir = t.testdir({ 'package.json': PKG })
  const good = runCli(['new', 'triage', '--description', 'Triage flaky tests: find the cause, not a retry. Use when CI fails intermittently.'], { cwd: dir })
  t.equal(good.code, 0, good.stderr)
  t.equal(good.stderr, '')
  t.match(readFileSync(join(dir, 'skills/triage/SKILL.md'), 'utf8'), '\ndescription: "Triage flaky tests: find the cause, not a retry. Use when CI fails intermittently."\n', 'quoted: it has ": "')
  lintClean(t, dir, ['skills/triage'], 1)

  const vague = runCli(['new', 'vague', '--description', 'Formats things.'], { cwd: dir })
  t.equal(vague.code, 0, 'created all the same')
  t.match(vague.stderr, 'description-when-to-use', 'the missing "when to use" is reported now')
  t.ok(existsSync(join(dir, 'skills/vague/SKILL.md')))

  const empty = runCli(['new', 'blank', '--description', '  '], { cwd: dir })
  t.equal(empty.code, 2)
  t.equal(empty.stderr, 'dotskills: --description is empty\n  hint: say what the skill does and when to use it\n')
  const long = runCli(['new', 'long', '--description', 'Use when '.repeat(120)], { cwd: dir })
  t.equal(long.code, 2)
  t.equal(long.stderr, 'dotskills: --description is 1079 characters; the limit is 1024\n')
  t.notOk(existsSync(join(dir, 'skills/blank')) || existsSync(join(dir, 'skills/long')), 'nothing written')
})

t.test('a bad name: exit 2, one line and a hint, nothing written', async (t) => {
  const dir = t.testdir({ 'package.json': PKG })
  const r = runCli(['new', 'My Skill'], { cwd: dir })
  t.equal(r.code, 2)
  t.equal(r.stderr, 'dotskills: invalid skill name "My Skill": use lowercase letters, digits and single hyphens\n  hint: try `dotskills new my-skill`\n')
  t.equal(r.stdout, '')
  noStack(t, r)
  for (const name of ['a--b', 'UPPER', 'trail-', 'under_score', '../escape', 'Ünï']) {
    const bad = runCli(['new', name], { cwd: dir })
    t.equal(bad.code, 2, `${name}: exit 2`)
    t.match(bad.stderr, /^dotskills: invalid skill name ".*": use lowercase letters, digits and single hyphens\n  hint: /)
  }
  const long = 'a'.repeat(65)
  const tooLong = runCli(['new', long], { cwd: dir })
  t.equal(tooLong.code, 2)
  t.equal(tooLong.stderr, `dotskills: invalid skill name "${long}": 65 characters, the limit is 64\n  hint: try \`dotskills new ${'a'.repeat(64)}\`\n`)
  t.same(tree(dir), ['package.json'], 'nothing written')
  t.equal(runCli(['new', 'a'.repeat(64)], { cwd: dir }).code, 0, '64 characters is fine')
})

t.test('an existing folder: exit 3, one line, nothing written', async (t) => {
  const dir = t.testdir({
    'package.json': PKG,
    'dotskills.yaml': 'skills: skills\n',
    skills: { taken: { 'notes.txt': 'mine\n' }, team: { dup: { 'SKILL.md': '---\nname: dup\ndescription: Dup. Use when testing.\n---\n' } } },
    'a-file': 'not a folder\n',
  })
  const before = tree(dir)
  const r = runCli(['new', 'taken'], { cwd: dir })
  t.equal(r.code, 3)
  t.equal(r.stderr, 'dotskills: skills/taken: already exists; choose another name or remove the folder\n')
  t.equal(r.stdout, '')
  t.equal(readFileSync(join(dir, 'skills/taken/notes.txt'), 'utf8'), 'mine\n')

  // a skill of that name deeper in the skills folder would collide at install
  const dup = runCli(['new', 'dup'], { cwd: dir })
  t.equal(dup.code, 3)
  t.equal(dup.stderr, 'dotskills: skills/team/dup: a skill named "dup" is already here; choose another name\n')

  // --dir naming a file: nothing can be made there
  const onFile = runCli(['new', 'fresh', '--dir', 'a-file'], { cwd: dir })
  t.equal(onFile.code, 2)
  t.equal(onFile.stderr, 'dotskills: a-file: cannot create the skill here (ENOTDIR)\n')
  noStack(t, onFile)
  t.same(tree(dir), before, 'nothing written, no temp folder left')
})
