// Doctor's `git` row: dotskills itself speaks git through isomorphic-git, but git credential
// helpers need the git program. Its version is asked without a prompt and without input.
import { spawnSync } from 'node:child_process'
import { findOnPath } from '../agents/registry.js'
import type { Context } from '../context.js'
import { row, type CheckRow, type Display } from './rows.js'

const WITHOUT_GIT = 'install git to use git credential helpers; tokens from the environment (auth: env:NAME, GH_TOKEN, …) work without it'

export function gitRow(ctx: Context, d: Display): CheckRow {
  const git = findOnPath('git', ctx.env)
  if (!git) return row('git', 'warn', 'git not found on PATH', WITHOUT_GIT)
  const r = spawnSync(git, ['--version'], {
    env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  })
  const version = r.status === 0 ? r.stdout.trim().split('\n')[0] : ''
  if (!version) return row('git', 'warn', `${d.path(git)} --version failed${r.error ? ` (${r.error.message})` : ''}`, WITHOUT_GIT)
  return row('git', 'ok', `${version} (${d.path(git)})`)
}
