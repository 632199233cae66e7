// Scenario tests of install / status / diff / verify: the real binary in a temp home.
import t from 'tap'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/run-cli.js'

const skill = (name: string, description: string, body = 'Steps.\n', extra = '') =>
  `---\nname: ${name}\ndescription: ${description}\n${extra}---\n# ${name}\n\n${body}`

function setup(t: { testdir(fixture: any): string }, config = 'skills: skills\nagents: [claude-code, codex]\n') {
  const root = t.testdir({
    home: {},
    repo: {
      'package.json': '{"name":"dots","private":true}',
      'dotskills.yaml': config,
      skills: {
        'commit-message': {
          'SKILL.md': skill('commit-message', 'Write commit messages. Use when committing.', 'Steps.\n', 'argument-hint: "[scope]"\n'),
          scripts: { 'check.sh': '#!/bin/sh\necho ok\n' },
        },
        'code-review': { 'SKILL.md': skill('code-review', 'Review a diff. Use when asked for a review.') },
      },
    },
  })
  const home = join(root, 'home')
  const repo = join(root, 'repo')
  const run = (...args: string[]) => runCli([...args, '--home', home], { cwd: repo, env: { HOME: home } })
  return { root, home, repo, run }
}

t.test('install writes every skill into every agent, per agent format; then all is clean', async (t) => {
  const { home, run, repo } = setup(t)
  const r = run('install')
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /written/)
  const claude = join(home, '.claude/skills/commit-message/SKILL.md')
  const codex = join(home, '.agents/skills/commit-message/SKILL.md')
  t.ok(existsSync(claude) && existsSync(codex))
  t.match(readFileSync(claude, 'utf8'), 'argument-hint', 'claude-code keeps its own field')
  t.notMatch(readFileSync(codex, 'utf8'), 'argument-hint', 'codex copy drops a field codex does not read')
  t.equal(readFileSync(join(home, '.claude/skills/commit-message/scripts/check.sh'), 'utf8'), '#!/bin/sh\necho ok\n')
  t.equal(run('status').stdout, '', 'status is empty after install')
  t.equal(run('verify').code, 0)
  t.equal(run('diff', '--exit-code').code, 0)

  // state: hashes only, under the XDG state dir inside the temp home
  const stateFile = join(home, '.local/state/dotskills/state.json')
  const state = readFileSync(stateFile, 'utf8')
  t.notMatch(state, 'Write commit messages', 'no contents in the state')
  t.match(state, /"sha256": "[0-9a-f]{64}"/)
  const before = statSync(stateFile).mtimeMs
  t.equal(run('install').code, 0, 'a second install is a no-op')
  t.equal(readFileSync(stateFile, 'utf8'), state, 'no-op install leaves the state byte-identical')
  t.equal(statSync(stateFile).mtimeMs, before, 'and does not even rewrite it')
  t.notOk(existsSync(join(repo, '.cache')), 'nothing written into the repo')
})

t.test('dry-run shows status letters and writes nothing', async (t) => {
  const { home, run } = setup(t)
  const r = run('install', '--dry-run')
  t.equal(r.code, 0)
  t.match(r.stdout, ' A ~/.claude/skills/code-review/SKILL.md')
  t.same(readdirSync(home), [], 'home untouched')
})

t.test('a user edit is never overwritten: exit 3, nothing written; --force keeps a backup', async (t) => {
  const { home, run, repo } = setup(t)
  run('install')
  const installed = join(home, '.claude/skills/code-review/SKILL.md')
  writeFileSync(installed, 'my edit\n')
  writeFileSync(join(repo, 'skills/code-review/SKILL.md'), skill('code-review', 'Review a diff. Use when asked for a review.', 'New steps.\n'))
  t.match(run('status').stdout, 'MM ~/.claude/skills/code-review/SKILL.md')
  const r = run('install')
  t.equal(r.code, 3)
  t.match(r.stderr, 'dotskills: ~/.claude/skills/code-review/SKILL.md: changed since dotskills wrote it')
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
  t.equal(readFileSync(installed, 'utf8'), 'my edit\n', 'the edit is intact')
  t.notMatch(readFileSync(join(home, '.agents/skills/code-review/SKILL.md'), 'utf8'), 'New steps', 'nothing else was written either')
  t.equal(run('verify').code, 3)

  const forced = run('install', '--force')
  t.equal(forced.code, 0, forced.stderr)
  t.match(readFileSync(installed, 'utf8'), 'New steps.')
  const backups = readdirSync(join(home, '.claude/skills/code-review')).filter((f) => f.includes('dotskills-backup'))
  t.equal(backups.length, 1)
  t.equal(readFileSync(join(home, '.claude/skills/code-review', backups[0]), 'utf8'), 'my edit\n')
  t.equal(run('install').code, 0)
  t.equal(readdirSync(join(home, '.claude/skills/code-review')).filter((f) => f.includes('dotskills-backup')).length, 1, 'never a backup of its own output')
})

t.test('an unmanaged file in the way is refused', async (t) => {
  const { home, run } = setup(t)
  const path = join(home, '.claude/skills/code-review/SKILL.md')
  run('install', '--agent', 'codex')
  mkdirSync(join(home, '.claude/skills/code-review'), { recursive: true })
  writeFileSync(path, 'mine\n')
  const r = run('install')
  t.equal(r.code, 3)
  t.match(r.stderr, 'a file dotskills did not write is in the way')
  t.equal(readFileSync(path, 'utf8'), 'mine\n')
})

t.test('the same bytes already on disk are adopted silently', async (t) => {
  const { home, run, repo } = setup(t)
  const path = join(home, '.claude/skills/code-review/SKILL.md')
  mkdirSync(join(home, '.claude/skills/code-review'), { recursive: true })
  writeFileSync(path, readFileSync(join(repo, 'skills/code-review/SKILL.md')))
  t.equal(run('install').code, 0)
  t.equal(run('status').stdout, '')
})

t.test('a deleted installed file is recreated (DA); a removed skill is uninstalled (D)', async (t) => {
  const { home, run, repo } = setup(t)
  run('install')
  const path = join(home, '.claude/skills/code-review/SKILL.md')
  rmSync(path)
  t.match(run('status').stdout, 'DA ~/.claude/skills/code-review/SKILL.md')
  t.equal(run('install').code, 0)
  t.ok(existsSync(path))

  rmSync(join(repo, 'skills/commit-message'), { recursive: true })
  const st = run('status').stdout
  t.match(st, ' D ~/.claude/skills/commit-message/SKILL.md')
  t.match(st, ' D ~/.agents/skills/commit-message/scripts/check.sh')
  t.equal(run('install').code, 0)
  t.notOk(existsSync(join(home, '.claude/skills/commit-message')), 'its folders are gone too')
  t.ok(existsSync(join(home, '.claude/skills/code-review/SKILL.md')))
})

t.test('an agent removed from the config is uninstalled; --agent limits a run', async (t) => {
  const { home, run, repo } = setup(t)
  t.equal(run('install', '--agent', 'claude-code').code, 0)
  t.notOk(existsSync(join(home, '.agents/skills')), '--agent claude-code wrote only its files')
  run('install')
  writeFileSync(join(repo, 'dotskills.yaml'), 'skills: skills\nagents: [claude-code]\n')
  t.match(run('status').stdout, ' D ~/.agents/skills/code-review/SKILL.md')
  run('install')
  t.notOk(existsSync(join(home, '.agents/skills/code-review')))
  t.ok(existsSync(join(home, '.claude/skills/code-review/SKILL.md')))
})

t.test('diff shows a unified diff; --name-only lists paths; --json for both diff and verify', async (t) => {
  const { run, repo, home } = setup(t)
  run('install')
  writeFileSync(join(repo, 'skills/code-review/SKILL.md'), skill('code-review', 'Review a diff. Use when asked for a review.', 'Better steps.\n'))
  const d = run('diff')
  t.match(d.stdout, '--- a/~/.claude/skills/code-review/SKILL.md')
  t.match(d.stdout, '-Steps.\n+Better steps.')
  t.equal(run('diff', '--exit-code').code, 1)
  t.equal(run('diff', '--name-only').stdout, '~/.agents/skills/code-review/SKILL.md\n~/.claude/skills/code-review/SKILL.md\n')
  t.equal(run('verify').code, 1)
  const paths = [join(home, '.agents/skills/code-review/SKILL.md'), join(home, '.claude/skills/code-review/SKILL.md')]
  const json = run('diff', '--json', '--exit-code')
  t.equal(json.code, 1)
  t.same(JSON.parse(json.stdout).map((c: { path: string; action: string }) => [c.path, c.action]), paths.map((p) => [p, 'update']))
  const verify = run('verify', '--json')
  t.equal(verify.code, 1)
  t.same(JSON.parse(verify.stdout).map((c: { path: string }) => c.path), paths)
})

t.test('templates render per agent; a missing variable is an error with file and line', async (t) => {
  const { home, run, repo } = setup(t, 'skills: skills\nagents: [claude-code, codex]\nvars:\n  team: platform\n')
  writeFileSync(join(repo, 'skills/code-review/notes.md.hbs'), 'Team {{vars.team}} on {{agent.id}}.\n')
  t.equal(run('install').code, 0)
  t.equal(readFileSync(join(home, '.claude/skills/code-review/notes.md'), 'utf8'), 'Team platform on claude-code.\n')
  t.equal(readFileSync(join(home, '.agents/skills/code-review/notes.md'), 'utf8'), 'Team platform on codex.\n')
  writeFileSync(join(repo, 'skills/code-review/notes.md.hbs'), 'Team {{vars.team}}\n{{vars.nope}}\n')
  const r = run('install')
  t.equal(r.code, 2)
  t.match(r.stderr, /notes\.md\.hbs:2/)
  t.notMatch(r.stderr, /\n\s+at /)
})

t.test('a second install waits for the lock, then gives up clearly', async (t) => {
  const { home, run } = setup(t)
  const lockDir = join(home, '.local/state/dotskills')
  mkdirSync(lockDir, { recursive: true })
  writeFileSync(join(lockDir, 'install.lock'), String(process.pid))
  const r = run('install')
  t.equal(r.code, 3)
  t.match(r.stderr, `another dotskills install is running (pid ${process.pid})`)
  writeFileSync(join(lockDir, 'install.lock'), '999999999')
  t.equal(run('install').code, 0, 'a stale lock is taken over')
})


t.test('list shows skills × agents; uninstall removes exactly what was written', async (t) => {
  const { home, run } = setup(t)
  t.equal(run('list').stdout, 'skill           claude-code  codex\ncode-review     pending      pending\ncommit-message  pending      pending\n')
  run('install')
  const listed = JSON.parse(run('list', '--json').stdout)
  t.same(listed, [
    { skill: 'code-review', agents: { 'claude-code': 'installed', codex: 'installed' } },
    { skill: 'commit-message', agents: { 'claude-code': 'installed', codex: 'installed' } },
  ])
  // a file of the user's own inside an agent folder, and an edit to an installed file
  writeFileSync(join(home, '.claude/skills/mine.md'), 'mine\n')
  writeFileSync(join(home, '.agents/skills/code-review/SKILL.md'), 'edited\n')
  t.match(run('uninstall', '--dry-run').stdout, ' D ~/.claude/skills/code-review/SKILL.md')
  const r = run('uninstall')
  t.equal(r.code, 0)
  t.match(r.stderr, '~/.agents/skills/code-review/SKILL.md: kept')
  t.equal(readFileSync(join(home, '.claude/skills/mine.md'), 'utf8'), 'mine\n', 'never touches files it did not write')
  t.equal(readFileSync(join(home, '.agents/skills/code-review/SKILL.md'), 'utf8'), 'edited\n', 'keeps a changed file')
  t.notOk(existsSync(join(home, '.claude/skills/code-review')), 'removes its own files and emptied folders')
  t.same(readdirSync(join(home, '.claude/skills')), ['mine.md'])
  t.match(run('status').stdout, ' A ~/.claude/skills/code-review/SKILL.md', 'everything is pending again')
})

t.test('re-add copies an edit back into the source; reports what it cannot map back', async (t) => {
  const { home, run, repo } = setup(t, 'skills: skills\nagents: [claude-code, codex]\nvars: {team: a}\n')
  writeFileSync(join(repo, 'skills/code-review/notes.md.hbs'), 'Team {{vars.team}}\n')
  run('install')
  t.equal(run('re-add').code, 1, 'nothing edited: nothing captured is not success')

  writeFileSync(join(home, '.claude/skills/code-review/SKILL.md'), skill('code-review', 'Review a diff. Use when asked for a review.', 'Edited steps.\n'))
  writeFileSync(join(home, '.claude/skills/code-review/notes.md'), 'Team b\n')
  writeFileSync(join(home, '.agents/skills/commit-message/SKILL.md'), 'edited codex copy\n')
  const r = run('re-add', 'code-review', 'commit-message')
  t.equal(r.code, 1, 'some files could not be mapped back')
  t.match(r.stdout, 're-added ~/.claude/skills/code-review/SKILL.md')
  t.match(readFileSync(join(repo, 'skills/code-review/SKILL.md'), 'utf8'), 'Edited steps.')
  t.match(r.stderr, 'notes.md: not re-added: it is rendered from a template')
  t.match(r.stderr, "~/.agents/skills/commit-message/SKILL.md: not re-added: this agent's copy differs from the source")
  t.notMatch(readFileSync(join(repo, 'skills/commit-message/SKILL.md'), 'utf8'), 'edited codex copy')
  t.equal(readFileSync(join(repo, 'skills/code-review/notes.md.hbs'), 'utf8'), 'Team {{vars.team}}\n', 'template untouched')

  // the re-added edit now spreads to the other agent; the claude copy is adopted
  t.match(run('status').stdout, ' M ~/.agents/skills/code-review/SKILL.md')
  t.notMatch(run('status').stdout, '~/.claude/skills/code-review/SKILL.md')
})

t.test('config adapters: override a built-in, add a new one; collisions stop before writing', async (t) => {
  const config = [
    'skills: skills',
    'agents: [claude-code, my-agent]',
    'adapters:',
    '  - id: claude-code',
    '    skills: { global: "~/dotclaude/skills" }',
    '  - id: my-agent',
    '    name: My Agent',
    '    skills: { global: "~/.my-agent/skills" }',
    '    extraFields: []',
    'agentSkills:',
    '  my-agent: { exclude: [code-review] }',
    '',
  ].join('\n')
  const { home, run, repo } = setup(t, config)
  t.equal(run('install').code, 0)
  t.ok(existsSync(join(home, 'dotclaude/skills/code-review/SKILL.md')), 'built-in path overridden')
  t.notOk(existsSync(join(home, '.claude')), 'the old path is not used')
  t.ok(existsSync(join(home, '.my-agent/skills/commit-message/SKILL.md')), 'new adapter installed')
  t.notOk(existsSync(join(home, '.my-agent/skills/code-review')), 'agentSkills exclude honoured')

  // two adapters, one folder, different bytes (one keeps argument-hint, one drops it)
  writeFileSync(join(repo, 'dotskills.yaml'), config.replace('"~/.my-agent/skills"', '"~/dotclaude/skills"').replace('  my-agent: { exclude: [code-review] }\n', '  my-agent: { include: [commit-message] }\n'))
  const r = run('install')
  t.equal(r.code, 2)
  t.match(r.stderr, /dotclaude\/skills\/commit-message\/SKILL\.md: agents claude-code and my-agent would write different contents here/)
  t.notMatch(r.stderr, /\n\s+at /)

  writeFileSync(join(repo, 'dotskills.yaml'), 'skills: skills\nagents: [x]\nadapters:\n  - id: x\n')
  const bad = run('install')
  t.equal(bad.code, 2)
  t.match(bad.stderr, 'adapter "x" is not a built-in one, so it needs "name" and "skills"')
})

t.test('skills with lint errors are not installed (--no-lint overrides)', async (t) => {
  const { home, run, repo } = setup(t)
  writeFileSync(join(repo, 'skills/code-review/SKILL.md'), skill('wrong-name', 'Review a diff. Use when asked for a review.'))
  const r = run('install')
  t.equal(r.code, 1)
  t.match(r.stderr, 'name "wrong-name" does not match its folder "code-review"')
  t.match(r.stderr, 'nothing was installed')
  t.same(readdirSync(home).filter((f) => f !== '.cache'), [], 'nothing written but the lint cache')
  t.equal(run('install', '--no-lint').code, 0)
})

t.test('a managed block in a shared file: only the block is ours', async (t) => {
  const config = [
    'skills: skills',
    'scope: project',
    'agents: [index-agent]',
    'adapters:',
    '  - id: index-agent',
    '    name: Index Agent',
    '    skills: { project: .index/skills }',
    '    extraFields: []',
    '    outputs:',
    '      - kind: block',
    '        per: index',
    '        path: { project: AGENTS.md }',
    '        template: "## Skills\\n{{#each skills}}\\n- {{name}}: {{description}}\\n{{/each}}"',
    '',
  ].join('\n')
  const { run, repo } = setup(t, config)
  const agentsMd = join(repo, 'AGENTS.md')
  writeFileSync(agentsMd, '# My project\n\nOwn text.\n')
  const r = run('install')
  t.equal(r.code, 0, r.stderr)
  t.equal(
    readFileSync(agentsMd, 'utf8'),
    '# My project\n\nOwn text.\n\n' +
      '<!-- dotskills:begin index-agent (managed by dotskills: edit the skills, not this block) -->\n' +
      '## Skills\n- code-review: Review a diff. Use when asked for a review.\n- commit-message: Write commit messages. Use when committing.\n' +
      '<!-- dotskills:end index-agent -->\n',
  )
  t.ok(existsSync(join(repo, '.index/skills/code-review/SKILL.md')), 'project scope: skills under the project')

  // the user's own part of the file is theirs to edit
  writeFileSync(agentsMd, readFileSync(agentsMd, 'utf8').replace('Own text.', 'Own text, edited.'))
  t.equal(run('status').stdout, '')

  // a skill change updates the block only
  writeFileSync(join(repo, 'skills/code-review/SKILL.md'), skill('code-review', 'Review diffs. Use when asked.'))
  t.match(run('status').stdout, ' M AGENTS.md [index-agent block]')
  t.match(run('diff').stdout, '-- code-review: Review a diff. Use when asked for a review.\n+- code-review: Review diffs. Use when asked.')
  t.equal(run('install').code, 0)
  t.match(readFileSync(agentsMd, 'utf8'), /^# My project\n\nOwn text, edited\.\n\n<!-- dotskills:begin index-agent/)
  t.match(readFileSync(agentsMd, 'utf8'), '- code-review: Review diffs. Use when asked.')

  // an edit inside the block is a conflict like any other
  writeFileSync(agentsMd, readFileSync(agentsMd, 'utf8').replace('## Skills', '## My skills'))
  writeFileSync(join(repo, 'skills/code-review/SKILL.md'), skill('code-review', 'Review diffs well. Use when asked.'))
  const conflict = run('install')
  t.equal(conflict.code, 3)
  t.match(conflict.stderr, 'AGENTS.md: the dotskills block "index-agent" was edited since dotskills wrote it')
  t.equal(run('install', '--force').code, 0)
  t.match(readFileSync(agentsMd, 'utf8'), '## Skills\n- code-review: Review diffs well.')

  // uninstall takes the block out and leaves the user's text exactly as it was
  t.equal(run('uninstall').code, 0)
  t.equal(readFileSync(agentsMd, 'utf8'), '# My project\n\nOwn text, edited.\n')
})

t.test('machine profiles: by hostname or DOTSKILLS_PROFILE, vars and agents per machine', async (t) => {
  const { hostname } = await import('node:os')
  const config = [
    'skills: skills',
    'agents: [claude-code]',
    'vars: { team: core, editor: vim }',
    'profiles:',
    `  work: { hosts: [${JSON.stringify(hostname())}], vars: { team: platform } }`,
    '  laptop: { agents: [codex], vars: { team: home } }',
    '',
  ].join('\n')
  const { home, run, repo } = setup(t, config)
  writeFileSync(join(repo, 'skills/code-review/notes.md.hbs'), '{{vars.team}} {{vars.editor}} {{machine.profile}}\n')
  t.equal(run('install').code, 0)
  t.equal(readFileSync(join(home, '.claude/skills/code-review/notes.md'), 'utf8'), 'platform vim work\n', 'this host: the work profile')

  const laptop = (...args: string[]) => runCli([...args, '--home', home], { cwd: repo, env: { HOME: home, DOTSKILLS_PROFILE: 'laptop' } })
  t.equal(laptop('install').code, 0)
  t.equal(readFileSync(join(home, '.agents/skills/code-review/notes.md'), 'utf8'), 'home vim laptop\n', 'DOTSKILLS_PROFILE wins')
  t.notOk(existsSync(join(home, '.claude/skills/code-review')), "the laptop profile's agents replace the top-level ones")

  const bad = runCli(['status', '--home', home], { cwd: repo, env: { HOME: home, DOTSKILLS_PROFILE: 'nope' } })
  t.equal(bad.code, 2)
  t.match(bad.stderr, 'DOTSKILLS_PROFILE=nope: no such profile (have: work, laptop)')
})

t.test('a skill whose SKILL.md is a template (SKILL.md.hbs) is found, linted and rendered per agent', async (t) => {
  const { home, run, repo } = setup(t, 'skills: skills\nagents: [claude-code, codex]\nvars: { env: staging }\n')
  rmSync(join(repo, 'skills/code-review/SKILL.md'))
  writeFileSync(
    join(repo, 'skills/code-review/SKILL.md.hbs'),
    skill('code-review', 'Review a diff. Use when asked for a review.', 'Deploy to {{vars.env}} from {{agent.id}}; {{skill.name}}.\n'),
  )
  const linted = runCli(['lint', 'skills/code-review'], { cwd: repo })
  t.equal(linted.code, 0, 'lint finds the template skill and accepts its file name')
  t.match(linted.stdout, '1 skill checked')
  t.equal(run('install').code, 0)
  t.match(readFileSync(join(home, '.claude/skills/code-review/SKILL.md'), 'utf8'), 'Deploy to staging from claude-code; code-review.')
  t.match(readFileSync(join(home, '.agents/skills/code-review/SKILL.md'), 'utf8'), 'Deploy to staging from codex; code-review.')
  t.notOk(existsSync(join(home, '.claude/skills/code-review/SKILL.md.hbs')), 'the template itself is not installed')
})

t.test('mode: symlink links files that reach an agent unchanged, copies the rest', async (t) => {
  const { home, run, repo } = setup(t, 'skills: skills\nagents: [claude-code, codex]\nmode: symlink\n')
  t.equal(run('install').code, 0)
  const { lstatSync, readlinkSync, realpathSync } = await import('node:fs')
  const claude = join(home, '.claude/skills/commit-message/SKILL.md')
  t.ok(lstatSync(claude).isSymbolicLink(), 'claude-code reads every field: a link')
  t.equal(readlinkSync(claude), realpathSync(join(repo, 'skills/commit-message/SKILL.md')))
  t.ok(lstatSync(join(home, '.agents/skills/commit-message/SKILL.md')).isFile(), 'codex copy drops a field: a copy')
  t.equal(run('status').stdout, '')
  // editing the source is seen through the link: nothing to do for it
  writeFileSync(join(repo, 'skills/commit-message/SKILL.md'), skill('commit-message', 'Write commit messages. Use when committing.', 'New.\n', 'argument-hint: "[scope]"\n'))
  t.equal(run('status').stdout, ' M ~/.agents/skills/commit-message/SKILL.md\n', 'only the copy needs an update')
  // back to copies: links are replaced, never followed
  writeFileSync(join(repo, 'dotskills.yaml'), 'skills: skills\nagents: [claude-code, codex]\n')
  t.match(run('status').stdout, ' M ~/.claude/skills/commit-message/SKILL.md')
  t.equal(run('install').code, 0)
  t.ok(lstatSync(claude).isFile())
  t.match(readFileSync(join(repo, 'skills/commit-message/SKILL.md'), 'utf8'), 'New.', 'the source was not touched')
  t.equal(run('uninstall').code, 0)
})
