// What every command receives. Commands never read process.* directly, so tests can give
// them a temp home, a fake environment and a non-TTY output.
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

export interface GlobalOptions {
  config?: string
  home?: string
  project?: string
  agent?: string[]
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  color?: boolean
}

export interface Context {
  cwd: string
  /** target home: every default location resolves under it */
  home: string
  /** dotskills' cache folder: $XDG_CACHE_HOME/dotskills, else <home>/.cache/dotskills */
  cacheDir: string
  /** dotskills' state folder (what it wrote): $XDG_STATE_HOME/dotskills, else <home>/.local/state/dotskills */
  stateDir: string
  /** dotskills' data folder (a cloned dotfiles repo): $XDG_DATA_HOME/dotskills, else <home>/.local/share/dotskills */
  dataDir: string
  /** project folder for project-scoped installs (--project, default cwd) */
  project: string
  /** agent ids given with --agent */
  agents?: string[]
  env: NodeJS.ProcessEnv
  /** the config path or folder given with --config, resolved against cwd */
  configPath?: string
  json: boolean
  quiet: boolean
  verbose: boolean
  /** colors on stdout: TTY, not NO_COLOR, not --no-color (FORCE_COLOR forces) */
  color: boolean
  /** write a progress/diagnostic line to stderr (suppressed by --quiet) */
  info(line: string): void
  /** redraw a one-line progress display on stderr; undefined unless stderr is a terminal (and not --quiet) */
  progress?: (text: string) => void
  /** ask the user on the terminal; undefined when there is none (scripts, CI) */
  ask?: (question: string) => Promise<string>
}

export interface ContextInput {
  options: GlobalOptions
  cwd?: string
  env?: NodeJS.ProcessEnv
  stdoutIsTTY?: boolean
  stderrIsTTY?: boolean
  ask?: (question: string) => Promise<string>
  stderr?: (text: string) => void
}

export function wantsColor(
  env: NodeJS.ProcessEnv,
  isTTY: boolean,
  flag: boolean | undefined,
): boolean {
  if (flag === false) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  if (flag === true && isTTY) return true
  return isTTY && env.TERM !== 'dumb'
}

/** An XDG_* variable's value when it is an absolute path (the spec says to ignore others). */
const xdg = (v: string | undefined) => (v && isAbsolute(v) ? v : undefined)

export function createContext(input: ContextInput): Context {
  const env = input.env ?? process.env
  const cwd = input.cwd ?? process.cwd()
  const o = input.options
  const stderr = input.stderr ?? ((t: string) => process.stderr.write(t))
  const quiet = !!o.quiet
  const home = o.home ? resolve(cwd, o.home) : homedir()
  return {
    cwd,
    home,
    // an XDG variable wins over --home, as the XDG spec intends; relative values are ignored
    cacheDir: join(xdg(env.XDG_CACHE_HOME) ?? join(home, '.cache'), 'dotskills'),
    stateDir: join(xdg(env.XDG_STATE_HOME) ?? join(home, '.local', 'state'), 'dotskills'),
    dataDir: join(xdg(env.XDG_DATA_HOME) ?? join(home, '.local', 'share'), 'dotskills'),
    project: o.project ? resolve(cwd, o.project) : cwd,
    agents: o.agent?.length ? o.agent : undefined,
    env,
    configPath: o.config ? resolve(cwd, o.config) : undefined,
    json: !!o.json,
    quiet,
    verbose: !!o.verbose && !quiet,
    color: wantsColor(env, input.stdoutIsTTY ?? !!process.stdout.isTTY, o.color),
    info: (line) => {
      if (!quiet) stderr(line + '\n')
    },
    // \r + erase line: each call replaces the last; a text ending in \n keeps it
    progress: input.stderrIsTTY && !quiet ? (text) => stderr(`\r\x1b[K${text}`) : undefined,
    ask: input.ask,
  }
}
