// End-to-end tests of `dotskills agents` (real binary, temp homes).
import t from 'tap'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { noStack } from '../helpers/e2e.js'

const IDS = [
  'agents', 'amp', 'claude-code', 'cline', 'codex', 'copilot', 'cursor',
  'gemini-cli', 'goose', 'kiro', 'openclaw', 'opencode', 'roo', 'windsurf',
]

t.test('agents --json lists every adapter; detection follows the temp home', async (t) => {
  const root = t.testdir({ home: { '.claude': {}, '.config': { opencode: {} } }, project: {}, bin: {} })
  const home = join(root, 'home')
  writeFileSync(join(root, 'bin', 'codex'), '#!/bin/sh\n')
  chmodSync(join(root, 'bin', 'codex'), 0o755)
  const r = runCli(['agents', '--home', home, '--project', 'project', '--json'], { cwd: root, env: { PATH: join(root, 'bin') } })
  t.equal(r.code, 0, r.stderr)
  const rows = JSON.parse(r.stdout)
  t.equal(rows.length, 14)
  t.same(rows.map((x: any) => x.id), IDS)
  const by = Object.fromEntries(rows.map((x: any) => [x.id, x]))
  t.match(by['claude-code'], {
    name: 'Claude Code',
    detected: true,
    via: '~/.claude',
    global: '~/.claude/skills',
    project: '.claude/skills',
    paths: { global: join(home, '.claude/skills'), project: join(root, 'project', '.claude/skills') },
    outputs: [],
  })
  t.match(by.opencode, { detected: true, via: '~/.config/opencode', global: '~/.config/opencode/skills' })
  t.match(by.codex, { detected: true, via: join(root, 'bin', 'codex'), global: '~/.agents/skills', project: '.agents/skills' })
  t.match(by.cursor, { detected: false, outputs: ['.cursor/rules/{{name}}.mdc'] })
  t.notOk('via' in by.cursor)
  t.same(rows.filter((x: any) => x.detected).map((x: any) => x.id), ['claude-code', 'codex', 'opencode'])
})

t.test('agents prints an aligned table with ~ paths', async (t) => {
  const home = t.testdir({ '.claude': {} })
  const r = runCli(['agents', '--home', home], { cwd: home, env: { PATH: '' } })
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, '~/.claude/skills')
  t.match(r.stdout, /^ID\s+NAME\s+DETECTED\s+GLOBAL SKILLS\s+PROJECT SKILLS\s+OUTPUTS$/m)
  t.match(r.stdout, /^claude-code\s+Claude Code\s+yes \(~\/\.claude\)\s+~\/\.claude\/skills\s+\.claude\/skills\s+—$/m)
  t.match(r.stdout, '1 of 14 agents detected')
  t.match(r.stdout, /^  \.agents\/skills: agents, amp, cline, codex, goose$/m)
  t.match(r.stdout, /^  ~\/\.agents\/skills: agents, cline, codex, goose$/m)
  t.notMatch(r.stdout, home + '/.claude', 'home shown as ~')
  const lines = r.stdout.split('\n')
  const header = lines[0]
  const col = header.indexOf('GLOBAL SKILLS')
  for (const line of lines.slice(1, 15)) {
    t.equal(line.slice(col - 2, col + 2), '  ~/', `aligned: ${line.split(' ')[0]}`)
  }
  t.notMatch(r.stdout, /\x1b\[/, 'no colors')
})

t.test('agents --agent filters; an unknown id is a usage error', async (t) => {
  const home = t.testdir({})
  const r = runCli(['agents', '--home', home, '--agent', 'cursor', '--agent', 'roo', '--json'], { cwd: home })
  t.equal(r.code, 0, r.stderr)
  t.same(JSON.parse(r.stdout).map((x: any) => x.id), ['cursor', 'roo'])
  const bad = runCli(['agents', '--home', home, '--agent', 'nope'], { cwd: home })
  t.equal(bad.code, 2)
  t.match(bad.stderr, /dotskills: unknown agent "nope"/)
  t.match(bad.stderr, /hint: known agents: agents, amp, claude-code/)
  noStack(t, bad)
})
