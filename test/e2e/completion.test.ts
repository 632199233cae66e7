// End-to-end tests of `dotskills completion`: the scripts the real binary prints, run in the
// shells themselves. bash always (its function is called with COMP_WORDS/COMP_CWORD set, as
// readline would); zsh and fish when installed (syntax check, then their completion logic), else
// the lines that make them work.
import t from 'tap'
import type { Options } from 'yargs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { commands } from '../../lib/commands/index.js'
import { globalOptions } from '../../lib/cli.js'
import { runCli, ROOT } from '../helpers/run-cli.js'

const has = (bin: string) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0

function script(shell: string): string {
  const r = runCli(['completion', shell], { cwd: ROOT })
  if (r.code !== 0) throw new Error(`completion ${shell}: ${r.stderr}`)
  return r.stdout
}

const cmdNames = commands.flatMap((c) => [c.command.split(' ')[0], ...(c.aliases ?? [])])
const learn = commands.find((c) => c.command.startsWith('learn '))!
const learnSubs = learn.subcommands!.flatMap((c) => [c.command.split(' ')[0], ...(c.aliases ?? [])])
/** The long options a command has, as completion offers them: aliases next, then a --no- form where one is on by default. */
const longOptions = (opts: Record<string, Options> = {}) =>
  Object.entries(opts).flatMap(([n, o]) => [
    `--${n}`,
    ...[o.alias ?? []].flat().filter((a) => a.length > 1).map((a) => `--${a}`),
    ...(o.type === 'boolean' && (o.default === true || o.describe?.includes(`--no-${n}`)) ? [`--no-${n}`] : []),
  ])
const globals = [...Object.keys(globalOptions).map((n) => `--${n}`), '--no-color', '--help', '--version']

/** Each case: the words on the line, the last being the one under the cursor. */
type Line = string[]

/** COMPREPLY for each line, from the bash script sourced in a clean `bash --norc`. */
function bashComplete(file: string, lines: Line[]): string[][] {
  const calls = lines
    .map((words) => `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _dotskills; printf '%s\\n' "\${COMPREPLY[*]}"`)
    .join('\n')
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}' || exit 9\n${calls}`], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`bash exited ${r.status}: ${r.stderr}`)
  return r.stdout.split('\n').slice(0, lines.length).map((l) => (l ? l.split(' ') : []))
}

t.test('bash: commands, learn subcommands, options, option values', async (t) => {
  const dir = t.testdir({})
  const file = join(dir, 'dotskills.bash')
  writeFileSync(file, script('bash'))
  const cases: [Line, string][] = [
    [['dotskills', 'in'], 'command names starting with "in"'],
    [['dotskills', ''], 'every command'],
    [['dotskills', 'learn', ''], 'learn subcommands'],
    [['dotskills', 'install', '--d'], 'install options'],
    [['dotskills', 'apply', '--f'], 'an alias completes as its command'],
    [['dotskills', '--config', 'x.yaml', 'in'], 'a global option value is skipped'],
    [['dotskills', 'lint', '--format', ''], 'option values'],
    [['dotskills', 'lint', '-f', 'j'], 'option values after a short alias'],
    [['dotskills', 'lint', '--profile', '=', 'cl'], '--opt=value, which bash splits at "="'],
    [['dotskills', 'install', '--agent', 'c'], 'agent ids'],
    [['dotskills', 'schema', ''], 'positional choices'],
    [['dotskills', 'schema', 'skill', ''], 'no positional left: options'],
    [['dotskills', 'completion', 'z'], 'shells'],
    [['dotskills', 'learn', 'show', ''], 'a free positional: nothing (readline then offers file names)'],
    [['dotskills', 'learn', 'logs/', ''], 'after a positional, no subcommands'],
    [['dotskills', 'new', '--t'], 'new --template'],
  ]
  const got = bashComplete(file, cases.map(([l]) => l))
  const [inn, all, learnSub, installD, applyF, afterConfig, formats, formatsJ, profileEq, agents, schema, schemaOpts, shells, free, afterPos, newT] = got
  t.ok(inn.includes('install'), 'dotskills in → install')
  t.ok(inn.every((w) => w.startsWith('in')), 'only words starting with "in"')
  t.same(inn, cmdNames.filter((n) => n.startsWith('in')))
  t.same(all, cmdNames, 'dotskills <TAB> → every command and alias')
  for (const c of ['install', 'learn', 'lint', 'new', 'completion', 'apply']) t.ok(all.includes(c), `${c} is offered`)
  t.same(learnSub, learnSubs)
  for (const s of ['list', 'show', 'apply', 'discard', 'compare']) t.ok(learnSub.includes(s), `learn ${s}`)
  t.same(installD, ['--dry-run'])
  t.same(applyF, ['--force', '--frozen'])
  t.same(afterConfig, cmdNames.filter((n) => n.startsWith('in')))
  t.same(formats, ['stylish', 'json', 'github', 'sarif'])
  t.same(formatsJ, ['json'])
  t.same(profileEq, ['claude-code'])
  t.ok(agents.includes('claude-code') && agents.includes('codex') && agents.every((a) => a.startsWith('c')), 'agent ids')
  t.same(schema, ['skill', 'config', 'adapter', 'lock'])
  t.same(schemaOpts, ['--profile', ...globals])
  t.same(shells, ['zsh'])
  t.same(free, [])
  t.same(afterPos, [])
  t.same(newT, ['--template'])

  // every command's own options, then the global ones, after `--`
  const withOptions = commands.map((c) => c.command.split(' ')[0])
  const optionLines = bashComplete(file, withOptions.map((n) => ['dotskills', n, '--']))
  commands.forEach((c, i) => t.same(optionLines[i], [...longOptions(c.options), ...globals], `${withOptions[i]} --`))

  // -o default: when the function offers nothing, readline completes file names
  const spec = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'; complete -p dotskills`], { encoding: 'utf8' })
  t.equal(spec.stdout, 'complete -o default -F _dotskills dotskills\n')
})

t.test('zsh: syntax and completion logic', async (t) => {
  const text = script('zsh')
  t.ok(text.startsWith('#compdef dotskills\n'), 'autoloadable from $fpath')
  t.match(text, '\n  compdef _dotskills dotskills\n', 'registers itself when sourced')
  t.match(text, `\n    'learn') subs=('list:`, 'learn subcommands')
  if (!has('zsh')) {
    t.comment('zsh not installed: syntax and behaviour not checked')
    return
  }
  const dir = t.testdir({})
  const file = join(dir, '_dotskills')
  writeFileSync(file, text)
  const syntax = spawnSync('zsh', ['-n', file], { encoding: 'utf8' })
  t.equal(syntax.status, 0, syntax.stderr)
  // zsh's completion widgets need a terminal; their builtins are replaced by functions that
  // print what they were given, and the script's function is called with $words and $CURRENT.
  const stubs = [
    'compdef() { :; }',
    '_describe() { print -r -- "describe:$2"; print -rl -- "${(@P)4}"; }',
    'compadd() { if [[ $1 == -a ]]; then print -rl -- "compadd:" "${(@P)2}"; else shift; print -rl -- "compadd:" "$@"; fi; }',
    '_files() { print -r -- "_files"; }',
    'compset() { print -r -- "compset $*"; }',
  ].join('\n')
  const run = (words: string[]) => {
    const r = spawnSync('zsh', ['-f', '-c', `${stubs}\nsource '${file}'\nwords=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _dotskills`], { encoding: 'utf8' })
    t.equal(r.status, 0, r.stderr)
    return r.stdout.trimEnd().split('\n')
  }
  const names = (out: string[]) => out.slice(1).map((l) => l.split(':')[0])
  const root = run(['dotskills', 'in'])
  t.equal(root[0], 'describe:commands')
  t.same(names(root), cmdNames, 'every command, described (zsh filters by prefix itself)')
  t.match(root.find((l) => l.startsWith('install:')), /^install:Install every skill/)
  const sub = run(['dotskills', 'learn', ''])
  t.same(names(sub), learnSubs, 'learn subcommands')
  t.same(names(run(['dotskills', 'install', '--d'])), [...longOptions(commands.find((c) => c.command === 'install')!.options), ...globals], 'install options')
  t.same(run(['dotskills', 'lint', '--format', '']), ['compadd:', 'stylish', 'json', 'github', 'sarif'])
  t.same(run(['dotskills', 'lint', '--format=j']), ['compset -P *=', 'compadd:', 'stylish', 'json', 'github', 'sarif'], '--opt=value')
  t.same(run(['dotskills', '--config', 'x.yaml', 'schema', '']), ['compadd:', 'skill', 'config', 'adapter', 'lock'])
  t.same(run(['dotskills', 'learn', 'show', '']), ['_files'], 'a free positional: file names')
})

t.test('fish: syntax and completions', async (t) => {
  const text = script('fish')
  t.match(text, '\nfunction __dotskills_state\n')
  t.match(text, `\ncomplete -c dotskills -n '__dotskills_can_sub \\'learn\\'' -f -a show -d `, 'learn subcommands')
  t.match(text, `\ncomplete -c dotskills -n '__dotskills_at \\'install\\'' -l dry-run -s n -d `, 'install options')
  t.match(text, '\ncomplete -c dotskills -l config -r -d ', 'global options')
  if (!has('fish')) {
    t.comment('fish not installed: syntax and behaviour not checked')
    return
  }
  const dir = t.testdir({ 'a-folder': {} })
  const file = join(dir, 'dotskills.fish')
  writeFileSync(file, text)
  const syntax = spawnSync('fish', ['--no-config', '-n', file], { encoding: 'utf8' })
  t.equal(syntax.status, 0, syntax.stderr)
  // `complete -C LINE` prints what fish would offer at the end of LINE: candidate<TAB>description
  const complete = (line: string) => {
    const r = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8', cwd: dir })
    t.equal(r.status, 0, r.stderr)
    return r.stdout.trimEnd().split('\n').filter(Boolean).map((l) => l.split('\t')[0])
  }
  t.same(complete('dotskills in'), cmdNames.filter((n) => n.startsWith('in')).sort())
  t.same(complete('dotskills learn ').sort(), [...learnSubs].sort())
  t.same(complete('dotskills install --d'), ['--dry-run'])
  t.same(complete('dotskills apply --f').sort(), ['--force', '--frozen'])
  t.same(complete('dotskills --config x.yaml lint --format j'), ['json'])
  t.same(complete('dotskills lint --format=j'), ['--format=json'])
  t.same(complete('dotskills schema ').sort(), ['adapter', 'config', 'lock', 'skill'])
  t.same(complete('dotskills learn show '), ['a-folder/', 'dotskills.fish'], 'a free positional: file names')
  t.same(complete('dotskills install '), [], 'no positional: no file names')
  const rootLine = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C 'dotskills ne'`], { encoding: 'utf8' })
  t.match(rootLine.stdout, /^new\tCreate a skill folder/m, 'with descriptions')
})

t.test('the shell comes from $SHELL unless given; an unknown one is a usage error', async (t) => {
  t.match(runCli(['completion'], { cwd: ROOT, env: { SHELL: '/usr/bin/fish' } }).stdout, /^# fish completion for dotskills /)
  t.match(runCli(['completion'], { cwd: ROOT, env: { SHELL: '/bin/zsh' } }).stdout, /^#compdef dotskills\n/)
  t.match(runCli(['completion', 'bash'], { cwd: ROOT, env: { SHELL: '/bin/zsh' } }).stdout, /^# bash completion for dotskills /, 'the argument wins')

  const tcsh = runCli(['completion'], { cwd: ROOT, env: { SHELL: '/bin/tcsh' } })
  t.equal(tcsh.code, 2)
  t.equal(tcsh.stderr, 'dotskills: unknown shell "tcsh" (from $SHELL): give one of bash, zsh, fish\n  hint: for example `dotskills completion bash`\n')
  t.equal(tcsh.stdout, '')
  const unset = runCli(['completion'], { cwd: ROOT, env: { SHELL: '' } })
  t.equal(unset.code, 2)
  t.equal(unset.stderr, 'dotskills: no shell given and $SHELL is not set: give one of bash, zsh, fish\n  hint: for example `dotskills completion bash`\n')
  const given = runCli(['completion', 'tcsh'], { cwd: ROOT })
  t.equal(given.code, 2)
  t.match(given.stderr, /"bash", "zsh", "fish"/, 'lists the three')

  const help = runCli(['completion', '--help'], { cwd: ROOT })
  t.match(help.stdout, 'dotskills completion bash >> ~/.bashrc', 'installation in --help')
  t.match(help.stdout, 'dotskills completion fish > ~/.config/fish/completions/dotskills.fish')
})
