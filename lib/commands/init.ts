// `dotskills init [dir]`: start a dotfiles repo for skills (a commented config, an example skill, a
// .gitignore for the learn inbox, a CI workflow, `git init`). `dotskills init <git-url|owner/repo>`
// clones an existing one into dotskills' data folder instead, and with --apply installs it: one
// command, no questions, for a new machine or a container.
import type { CommandDefinition } from './types.js'

interface InitArgs {
  repo?: string
  apply?: boolean
  dir?: string
  ref?: string
  auth?: string
}

/** A git URL or `owner/repo` (not an existing folder): clone; anything else is a folder to scaffold. */
const looksRemote = (arg: string) => /^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/.test(arg) || /^[A-Za-z0-9][\w.-]*\/[\w.-]+(@[^\s]+)?$/.test(arg)

const initCommand: CommandDefinition<InitArgs> = {
  command: 'init [repo]',
  describe: 'Start a dotfiles repo for skills, or clone yours (owner/repo or a git URL) and install it',
  positionals: {
    repo: { describe: 'a folder to set up (default: this one), or a repo to clone: owner/repo or an https URL', type: 'string' },
  },
  options: {
    apply: { describe: 'after cloning, install the repo\'s skills (no questions asked)', type: 'boolean' },
    dir: { describe: 'where to clone (default: $XDG_DATA_HOME/dotskills/repo, i.e. ~/.local/share/dotskills/repo)', type: 'string', requiresArg: true },
    ref: { describe: 'branch or tag to clone (default: the remote\'s default branch)', type: 'string', requiresArg: true },
    auth: { describe: 'credentials for a private repo: env:NAME (a token or user:password in that variable)', type: 'string', requiresArg: true },
  },
  examples: [
    ['$0 init', 'set up this folder as a dotfiles repo for skills'],
    ['$0 init ~/dotfiles/skills', 'set up another folder'],
    ['$0 init me/dotskills --apply', 'a new machine: clone github.com/me/dotskills and install it'],
  ],
  async run(args, ctx) {
    const { existsSync } = await import('node:fs')
    const { resolve } = await import('node:path')
    const arg = args.repo
    if (arg && looksRemote(arg) && !existsSync(resolve(ctx.cwd, arg))) {
      const { cloneRepo } = await import('../init/clone.js')
      return cloneRepo(ctx, { input: arg, apply: !!args.apply, dir: args.dir, ref: args.ref, auth: args.auth })
    }
    const { usageError } = await import('../errors.js')
    if (args.apply || args.ref || args.auth) throw usageError('--apply, --ref and --auth are for cloning: give owner/repo or a git URL', { hint: `\`dotskills init ${arg ?? '.'}\` sets up a folder; \`dotskills install\` installs it` })
    const { scaffoldRepo, shown } = await import('../init/scaffold.js')
    const { exampleSkill } = await import('../skills/scaffold.js')
    const dir = resolve(ctx.cwd, arg ?? '.')
    const r = scaffoldRepo(dir, exampleSkill(), ctx.cwd)
    const { initRepo } = await import('../init/clone.js')
    const git = await initRepo(dir)
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify({ ...r, gitInit: git }, null, 2) + '\n' }
    const lines = [
      ...r.created.map((f) => `created ${shown(ctx.cwd, dir, f)}`),
      ...r.updated.map((f) => `updated ${shown(ctx.cwd, dir, f)}`),
      ...r.kept.map((f) => `kept    ${shown(ctx.cwd, dir, f)} (already there)`),
      ...(git ? [`created ${shown(ctx.cwd, dir, '.git')} (git init)`] : []),
      '',
      'next: `dotskills new <name>` for a skill, `dotskills lint`, then `dotskills install`',
    ]
    return { exitCode: 0, stdout: ctx.quiet ? '' : lines.join('\n') + '\n' }
  },
}
export default initCommand
