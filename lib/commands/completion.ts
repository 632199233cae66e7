// `dotskills completion [shell]`: print a completion script for bash, zsh or fish.
//
// The scripts are static, generated here from the command definitions (lib/commands/index.ts)
// and the global options, rather than yargs' `.completion()`, whose scripts run
// `dotskills --get-yargs-completions` on every TAB: that starts node and loads the CLI each time
// (~100 ms, felt on every key press), and would add a hidden option to the strict parser. A
// static script answers at once, and each shell can run it in a test. The price: after an
// upgrade that adds commands or options, the script is generated again (the header says so).
import type { Options, PositionalOptions } from 'yargs'
import type { CommandDefinition } from './types.js'

const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

const completionCommand: CommandDefinition<{ shell?: string }> = {
  command: 'completion [shell]',
  describe: 'Print a shell completion script for bash, zsh or fish',
  positionals: {
    shell: { describe: 'bash, zsh or fish (default: from $SHELL)', choices: SHELLS, type: 'string' },
  },
  examples: [
    ['$0 completion bash >> ~/.bashrc', 'bash: complete in every new shell'],
    ['$0 completion zsh > "${fpath[1]}/_dotskills"', 'zsh: a completion function (then start a new shell)'],
    ['$0 completion fish > ~/.config/fish/completions/dotskills.fish', 'fish: loaded on first use'],
  ],
  async run(args, ctx) {
    const { usageError } = await import('../errors.js')
    const { basename } = await import('node:path')
    // at run time, not at load: index.ts imports this module
    const { commands } = await import('./index.js')
    const { globalOptions } = await import('../cli.js')
    const { version } = await import('../version.js')
    const fromEnv = ctx.env.SHELL ? basename(ctx.env.SHELL) : undefined
    const shell = args.shell ?? fromEnv
    if (!shell || !(SHELLS as readonly string[]).includes(shell)) {
      throw usageError(`${ctx.env.SHELL ? `unknown shell "${fromEnv}" (from $SHELL)` : 'no shell given and $SHELL is not set'}: give one of ${SHELLS.join(', ')}`, {
        hint: 'for example `dotskills completion bash`',
      })
    }
    // --agent values: the built-in adapter ids (adapters added in a config are typed out)
    const { builtinAdapters } = await import('../agents/registry.js')
    const globals: Record<string, Options> = { ...globalOptions, agent: { ...globalOptions.agent, choices: builtinAdapters.map((a) => a.id) } }
    const root = model(commands, globals)
    const header = [
      `# ${shell} completion for dotskills ${version}, made by \`dotskills completion ${shell}\` from its`,
      '# command definitions: make it again after upgrading dotskills, for new commands and options.',
    ]
    const generate: Record<Shell, (root: Cmd, header: string[]) => string> = { bash, zsh, fish }
    return { exitCode: 0, stdout: generate[shell as Shell](root, header) }
  },
}

export default completionCommand

// ---------------------------------------------------------------------------------------------
// What a script needs to know, from the command definitions

interface Opt {
  /** `--format`, then its aliases (`-f`) */
  flags: string[]
  describe: string
  /** takes a value (`--format json`) */
  value: boolean
  choices?: string[]
}

interface Positional {
  describe: string
  choices?: string[]
}

interface Cmd {
  /** the name, then its aliases */
  names: string[]
  describe: string
  options: Opt[]
  positionals: Positional[]
  /** the last positional takes any number of values (`lint [paths..]`) */
  variadic: boolean
  subcommands: Cmd[]
}

const HELP: Record<string, Options> = {
  help: { alias: 'h', describe: 'show help', type: 'boolean' },
  version: { alias: 'V', describe: 'show the version', type: 'boolean' },
}

/** The command tree; the root is `dotskills` itself, whose options are the global ones. */
function model(commands: readonly CommandDefinition[], globals: Record<string, Options>): Cmd {
  return {
    names: ['dotskills'],
    describe: '',
    options: options({ ...globals, ...HELP }),
    positionals: [],
    variadic: false,
    subcommands: commands.map(command),
  }
}

function command(def: CommandDefinition): Cmd {
  // `learn [logs..]`, `compare <a> <b>`: the positionals, in order, from the command string
  const words = def.command.split(' ')
  const names = words.slice(1).map((w) => w.replace(/[<>[\]]|\.\./g, ''))
  return {
    names: [words[0], ...(def.aliases ?? [])],
    describe: def.describe,
    options: options(def.options ?? {}),
    positionals: names.map((n) => positional(def.positionals?.[n])),
    variadic: words.length > 1 && words[words.length - 1].includes('..'),
    subcommands: (def.subcommands ?? []).map(command),
  }
}

function positional(p: PositionalOptions | undefined): Positional {
  return { describe: p?.describe ?? '', choices: p?.choices?.map(String) }
}

function options(defs: Record<string, Options>): Opt[] {
  const out: Opt[] = []
  for (const [name, o] of Object.entries(defs)) {
    const aliases = o.alias === undefined ? [] : typeof o.alias === 'string' ? [o.alias] : [...o.alias]
    const flag = (n: string) => (n.length === 1 ? `-${n}` : `--${n}`)
    const describe = o.describe ?? ''
    const value = o.type !== 'boolean' && o.type !== 'count'
    out.push({ flags: [flag(name), ...aliases.map(flag)], describe, value, choices: o.choices?.map(String) })
    // a flag that is on by default is turned off with --no-<name> (yargs' boolean negation)
    if (o.type === 'boolean' && (o.default === true || describe.includes(`--no-${name}`))) {
      out.push({ flags: [`--no-${name}`], describe: `turn off --${name}`, value: false })
    }
  }
  return out
}

/** Every command with the words that lead to it: [['lint'], lintCmd], [['learn', 'list'], …]. */
function walk(cmd: Cmd, path: Cmd[] = []): [Cmd[], Cmd][] {
  return cmd.subcommands.flatMap((sub) => [[[...path, sub], sub] as [Cmd[], Cmd], ...walk(sub, [...path, sub])])
}

/** The ways a command path can be typed, aliases included: `install`, `apply`. */
function spellings(path: Cmd[]): string[] {
  return path.reduce<string[]>((acc, c) => acc.flatMap((a) => c.names.map((n) => (a ? `${a} ${n}` : n))), [''])
}

const longFlags = (opts: Opt[]) => opts.flatMap((o) => o.flags.filter((f) => f.startsWith('--')))
const valueFlags = (opts: Opt[]) => opts.filter((o) => o.value).flatMap((o) => o.flags)
const words = (list: string[]) => list.join(' ')
/** A shell single-quoted string (bash and zsh): `'` becomes `'\''`. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
/** Positional count for the scripts: how many, or -1 for any number. */
const npos = (c: Cmd) => (c.variadic ? -1 : c.positionals.length)

// ---------------------------------------------------------------------------------------------
// bash: one function per question, case statements keyed by the command path as typed. No
// associative arrays or mapfile, so the bash 3.2 that macOS ships runs it too.

function bash(root: Cmd, header: string[]): string {
  const globals = root.options
  const all = walk(root)
  const pattern = (path: Cmd[]) => spellings(path).map(sq).join('|')
  const spec = [
    `    '') subs=${sq(words(root.subcommands.flatMap((c) => c.names)))} ;;`,
    ...all.map(([path, c]) => {
      const set = [
        c.subcommands.length ? `subs=${sq(words(c.subcommands.flatMap((s) => s.names)))}` : '',
        `opts=${sq(words(longFlags(c.options)))}`,
        `valued=${sq(words(valueFlags(c.options)))}`,
        `npos=${npos(c)}`,
        c.positionals.length ? `pchoices=(${c.positionals.map((p) => sq(words(p.choices ?? []))).join(' ')})` : '',
      ]
      return `    ${pattern(path)}) ${set.filter(Boolean).join(' ')} ;;`
    }),
  ]
  const values = [
    ...all.flatMap(([path, c]) =>
      c.options.filter((o) => o.choices).map((o) => `    ${spellings(path).flatMap((p) => o.flags.map((f) => sq(`${p} ${f}`))).join('|')}) values=${sq(words(o.choices!))} ;;`),
    ),
    ...globals.filter((o) => o.choices).map((o) => `    ${o.flags.map((f) => `*${sq(' ' + f)}`).join('|')}) values=${sq(words(o.choices!))} ;;`),
  ]
  return `${header.join('\n')}
# Install: dotskills completion bash >> ~/.bashrc
#   (or save it as ~/.local/share/bash-completion/completions/dotskills)

# _dotskills_spec PATH: what may follow the command PATH (as typed, aliases included): its
# subcommands (subs), options (opts), options that take a value (valued), how many positionals
# (npos, -1: any number) and the fixed values of each (pchoices).
_dotskills_spec() {
  subs= opts= valued= npos=0 pchoices=()
  case $1 in
${spec.join('\n')}
  esac
  opts="$opts ${words(longFlags(globals))}"
  valued="$valued ${words(valueFlags(globals))}"
}

# _dotskills_values PATH OPTION: the fixed values of an option (none: file names)
_dotskills_values() {
  values=
  case "$1 $2" in
${values.join('\n')}
  esac
}

_dotskills() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd= word opt= skip= seen=0 i k
  local subs opts valued npos pchoices values
  _dotskills_spec ''
  # the words before the cursor: which command they name, its positionals, option values
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    # bash splits --opt=value at "=": what follows it is a value
    if [[ $word == = ]]; then skip=1; continue; fi
    if [[ -n $skip ]]; then skip=; continue; fi
    case $word in
      --*=*) ;;
      -*) if [[ " $valued " == *" $word "* ]]; then skip=1 opt=$word; fi ;;
      *)
        if (( seen == 0 )) && [[ " $subs " == *" $word "* ]]; then
          cmd=\${cmd:+$cmd }$word
          _dotskills_spec "$cmd"
        else
          seen=$((seen + 1))
        fi ;;
    esac
  done
  [[ $cur == = ]] && cur=
  COMPREPLY=()
  if [[ -n $skip ]]; then
    _dotskills_values "$cmd" "$opt"
    [[ -n $values ]] && COMPREPLY=($(compgen -W "$values" -- "$cur"))
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return 0
  fi
  local offer=
  (( seen == 0 )) && offer=$subs
  if (( npos < 0 || seen < npos )); then
    k=$seen
    (( k >= \${#pchoices[@]} )) && k=$((\${#pchoices[@]} - 1))
    offer="$offer \${pchoices[k]}"
  elif [[ -z $offer ]]; then
    offer=$opts # no positional left: only options can follow
  fi
  COMPREPLY=($(compgen -W "$offer" -- "$cur"))
  return 0 # nothing offered: file names (-o default)
}

complete -o default -F _dotskills dotskills
`
}

// ---------------------------------------------------------------------------------------------
// zsh: the same walk over $words, offering candidates with their descriptions.

/** `name:description` for _describe: a colon in the name is escaped. */
const described = (name: string, describe: string) => sq(`${name.replace(/:/g, '\\:')}:${describe}`)

function zsh(root: Cmd, header: string[]): string {
  const all = walk(root)
  const optList = (opts: Opt[]) => opts.flatMap((o) => o.flags.filter((f) => f.startsWith('--')).map((f) => described(f, o.describe)))
  const subList = (c: Cmd) => c.subcommands.flatMap((s) => s.names.map((n) => described(n, s.describe)))
  const spec = [
    `    '') subs=(${subList(root).join(' ')}) ;;`,
    ...all.map(([path, c]) => {
      const set = [
        c.subcommands.length ? `subs=(${subList(c).join(' ')})` : '',
        `opts=(${optList(c.options).join(' ')})`,
        `valued=(${valueFlags(c.options).join(' ')})`,
        `npos=${npos(c)}`,
        c.positionals.length ? `pchoices=(${c.positionals.map((p) => sq(words(p.choices ?? []))).join(' ')})` : '',
      ]
      return `    ${spellings(path).map(sq).join('|')}) ${set.filter(Boolean).join(' ')} ;;`
    }),
  ]
  const values = [
    ...all.flatMap(([path, c]) =>
      c.options.filter((o) => o.choices).map((o) => `    ${spellings(path).flatMap((p) => o.flags.map((f) => sq(`${p} ${f}`))).join('|')}) values=(${o.choices!.map(sq).join(' ')}) ;;`),
    ),
    ...root.options.filter((o) => o.choices).map((o) => `    ${o.flags.map((f) => `*' ${f}'`).join('|')}) values=(${o.choices!.map(sq).join(' ')}) ;;`),
  ]
  return `#compdef dotskills
${header.join('\n')}
# Install: dotskills completion zsh > "\${fpath[1]}/_dotskills"   (then start a new shell)
#   or, after compinit in ~/.zshrc: source <(dotskills completion zsh)

# _dotskills_spec PATH: what may follow the command PATH (as typed, aliases included): its
# subcommands (subs), options (opts), options that take a value (valued), how many positionals
# (npos, -1: any number) and the fixed values of each (pchoices).
_dotskills_spec() {
  subs=() opts=() valued=() npos=0 pchoices=()
  case $1 in
${spec.join('\n')}
  esac
  opts+=(${optList(root.options).join(' ')})
  valued+=(${valueFlags(root.options).join(' ')})
}

# _dotskills_values PATH OPTION: the fixed values of an option (none: file names)
_dotskills_values() {
  values=()
  case "$1 $2" in
${values.join('\n')}
  esac
}

_dotskills() {
  # not \`path\`: zsh ties that one to $PATH
  local cmd= word opt= skip= seen=0 i k npos cur=$words[CURRENT]
  local -a subs opts valued pchoices values
  _dotskills_spec ''
  # the words before the cursor: which command they name, its positionals, option values
  for (( i = 2; i < CURRENT; i++ )); do
    word=$words[i]
    if [[ -n $skip ]]; then skip=; continue; fi
    case $word in
      --*=*) ;;
      -*) if (( \${valued[(Ie)$word]} )); then skip=1 opt=$word; fi ;;
      *)
        if (( seen == 0 )) && [[ -n \${subs[(r)\${(b)word}:*]} ]]; then
          cmd=\${cmd:+$cmd }$word
          _dotskills_spec "$cmd"
        else
          seen=$((seen + 1))
        fi ;;
    esac
  done
  if [[ -z $skip && $cur == --*=* ]]; then
    # --opt=value: complete the value after the "="
    opt=\${cur%%=*}
    (( \${valued[(Ie)$opt]} )) || return 1
    compset -P '*='
    skip=1
  fi
  if [[ -n $skip ]]; then
    _dotskills_values "$cmd" "$opt"
    if (( $#values )); then compadd -a values; else _files; fi
    return
  fi
  if [[ $cur == -* ]]; then
    _describe -t options 'option' opts
    return
  fi
  if (( seen == 0 && $#subs )); then
    _describe -t commands 'dotskills command' subs
  elif (( npos < 0 || seen < npos )); then
    k=$(( seen + 1 > $#pchoices ? $#pchoices : seen + 1 ))
    if [[ -n $pchoices[k] ]]; then compadd -- \${=pchoices[k]}; else _files; fi
  else
    _describe -t options 'option' opts # no positional left: only options can follow
  fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _dotskills "$@"
else
  compdef _dotskills dotskills
fi
`
}

// ---------------------------------------------------------------------------------------------
// fish: declarative \`complete\` lines, conditioned on the command path that a small function
// reads from the command line.

/** A fish single-quoted string: `\\` and `'` are escaped. */
const fq = (s: string) => `'${s.replace(/[\\']/g, '\\$&')}'`

function fish(root: Cmd, header: string[]): string {
  const all = walk(root)
  const canonical = (path: Cmd[]) => path.map((c) => c.names[0]).join(' ')
  const optionLine = (o: Opt, cond?: string) => {
    const parts = ['complete -c dotskills']
    if (cond) parts.push(`-n ${fq(cond)}`)
    for (const f of o.flags) parts.push(f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)
    if (o.value) parts.push(o.choices ? `-x -a ${fq(words(o.choices))}` : '-r')
    parts.push(`-d ${fq(o.describe)}`)
    return parts.join(' ')
  }
  const subLines = (c: Cmd, at: string) =>
    c.subcommands.flatMap((s) => s.names.map((n) => `complete -c dotskills -n ${fq(`__dotskills_can_sub ${fq(at)}`)} -f -a ${n} -d ${fq(s.describe)}`))
  const subCases = [['', root] as const, ...all.map(([path, c]) => [canonical(path), c] as const)]
    .flatMap(([at, c]) => c.subcommands.map((s) => `        case ${s.names.map((n) => fq(`${at}:${n}`)).join(' ')}\n            echo ${s.names[0]}`))
  const valuedCases = [
    `        case ${valueFlags(root.options).map((f) => fq(`*:${f}`)).join(' ')}\n            return 0`,
    ...all.filter(([, c]) => valueFlags(c.options).length).map(([path, c]) => `        case ${valueFlags(c.options).map((f) => fq(`${canonical(path)}:${f}`)).join(' ')}\n            return 0`),
  ]
  const lines: string[] = []
  lines.push(...subLines(root, ''))
  for (const [path, c] of all) {
    const at = canonical(path)
    const cond = `__dotskills_at ${fq(at)}`
    lines.push(`# ${at}`)
    // no file names where none can follow: the command takes no positional, or only fixed ones
    if (c.positionals.every((p) => p.choices) && !c.subcommands.length) lines.push(`complete -c dotskills -n ${fq(cond)} -f`)
    lines.push(...subLines(c, at))
    for (const p of c.positionals) if (p.choices) lines.push(`complete -c dotskills -n ${fq(cond)} -f -a ${fq(words(p.choices))} -d ${fq(p.describe)}`)
    lines.push(...c.options.map((o) => optionLine(o, cond)))
  }
  return `${header.join('\n')}
# Install: dotskills completion fish > ~/.config/fish/completions/dotskills.fish

# The command path typed so far (canonical names) and how many positionals follow it: two lines,
# the count first, then the path after a "=" (so an empty path is still a line).
function __dotskills_state
    set -l cmd
    set -l seen 0
    set -l skip 0
    for w in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case '--*=*'
            case '-*'
                __dotskills_valued "$cmd" $w; and set skip 1
            case '*'
                set -l sub (__dotskills_sub "$cmd" $w)
                if test $seen = 0 -a -n "$sub"
                    set cmd (string join ' ' -- $cmd $sub)
                else
                    set seen (math $seen + 1)
                end
        end
    end
    echo $seen
    echo "=$cmd"
end

# __dotskills_sub PATH WORD: the canonical name when WORD is a subcommand of PATH
function __dotskills_sub
    switch "$argv[1]:$argv[2]"
${subCases.join('\n')}
    end
end

# __dotskills_valued PATH OPTION: does the option take a value?
function __dotskills_valued
    switch "$argv[1]:$argv[2]"
${valuedCases.join('\n')}
    end
    return 1
end

# the command path is this one
function __dotskills_at
    set -l state (__dotskills_state)
    test "$state[2]" = "=$argv[1]"
end

# the command path is this one and no positional follows yet: a subcommand may come next
function __dotskills_can_sub
    set -l state (__dotskills_state)
    test "$state[2]" = "=$argv[1]" -a "$state[1]" = 0
end

# global options, everywhere
${root.options.map((o) => optionLine(o)).join('\n')}

# commands
complete -c dotskills -n ${fq("__dotskills_at ''")} -f
${lines.join('\n')}
`
}
