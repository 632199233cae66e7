// Credentials for one source (git-sync.md §4). Order, each tried once, never a prompt:
//   1. the source's own `auth: env:NAME`, else a token for its host (GH_TOKEN for github.com…),
//      sent up front (hosts answer 404, not 401, to anonymous requests for private repos);
//   2. otherwise, on a 401, the user's git credential helpers (`git credential fill`), approved
//      or rejected afterwards like git itself does.
// A credential never leaves this module except as an Authorization header to its own host; the
// result remembers only where it came from, for error messages.
import { spawn } from 'node:child_process'
import type { AuthCallback, AuthFailureCallback, AuthSuccessCallback, GitAuth } from 'isomorphic-git'
import { DotskillsError } from '../errors.js'

interface HostTokens {
  vars: string[]
  /** Basic user name the host expects with a token */
  user: string
}

/** Host-scoped token variables: a token is only ever sent to its own host. */
function hostTokens(host: string): HostTokens | undefined {
  if (host === 'github.com' || host.endsWith('.ghe.com')) return { vars: ['DOTSKILLS_GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN'], user: 'x-access-token' }
  if (host === 'gitlab.com') return { vars: ['GITLAB_TOKEN'], user: 'oauth2' }
  if (host === 'bitbucket.org') return { vars: ['BITBUCKET_TOKEN'], user: 'x-token-auth' }
  return undefined
}

export interface SourceAuth {
  /** headers sent with every request (a pre-emptive Authorization when we hold a token) */
  headers: Record<string, string>
  onAuth: AuthCallback
  onAuthSuccess: AuthSuccessCallback
  onAuthFailure: AuthFailureCallback
  /** where the credentials in use came from (a variable name, or "a git credential helper") */
  from?: string
  /** set when the server refused the credentials from `from` */
  rejected?: boolean
  /** set when no credentials were found for a server that asked for them */
  missing?: boolean
}

export interface AuthOptions {
  env: NodeJS.ProcessEnv
  /** false: do not ask git credential helpers (tests, or no git) */
  helpers?: boolean
}

export function authFor(url: string, auth: string | undefined, opts: AuthOptions): SourceAuth {
  const u = new URL(url)
  let cred: GitAuth | undefined
  let from: string | undefined
  if (auth) {
    const name = auth.slice('env:'.length)
    const value = opts.env[name]
    if (!value) {
      throw new DotskillsError('E_SOURCE', `auth: env:${name} is not set`, { hint: `export ${name}=<token> (or user:password) before running dotskills` })
    }
    cred = splitCredential(value, hostTokens(u.hostname)?.user ?? 'git')
    from = name
  } else {
    const tokens = hostTokens(u.hostname.toLowerCase())
    const name = tokens?.vars.find((v) => opts.env[v])
    if (tokens && name) {
      cred = splitCredential(opts.env[name]!, tokens.user)
      from = name
    }
  }
  let helperCred: { username: string; password: string } | undefined
  const state: SourceAuth = {
    headers: cred ? { authorization: basic(cred) } : {},
    from,
    onAuth: async (requestUrl) => {
      if (cred) {
        // the token we sent up front was refused: asking a helper now would mix two identities
        state.rejected = true
        return { cancel: true }
      }
      if (opts.helpers !== false && !helperCred) {
        helperCred = await credentialHelper('fill', requestUrl, undefined, opts.env)
        if (helperCred) {
          state.from = 'a git credential helper'
          return helperCred
        }
      }
      state.missing = true
      return { cancel: true }
    },
    onAuthSuccess: async (requestUrl) => {
      if (helperCred) await credentialHelper('approve', requestUrl, helperCred, opts.env)
    },
    onAuthFailure: async (requestUrl) => {
      state.rejected = true
      if (helperCred) await credentialHelper('reject', requestUrl, helperCred, opts.env)
      return { cancel: true }
    },
  }
  return state
}

/** Where a source's credentials would come from: a variable, or a git credential helper. */
export type CredentialSource = { kind: 'env'; name: string } | { kind: 'helper' }

/**
 * Where credentials for `url` would come from, without a request to its server (doctor): the
 * source's `auth: env:NAME` or its host's token variable, else what `git credential fill` gives
 * (without a prompt; never approved or rejected). Undefined: none found. The credential itself
 * never leaves this module. Throws E_SOURCE when `auth: env:NAME` names an unset variable.
 */
export async function credentialSource(url: string, auth: string | undefined, opts: AuthOptions): Promise<CredentialSource | undefined> {
  const a = authFor(url, auth, opts)
  if (a.from) return { kind: 'env', name: a.from }
  if (opts.helpers === false) return undefined
  return (await credentialHelper('fill', url, undefined, opts.env)) ? { kind: 'helper' } : undefined
}

function splitCredential(value: string, user: string): GitAuth {
  const colon = value.indexOf(':')
  return colon > 0 ? { username: value.slice(0, colon), password: value.slice(colon + 1) } : { username: user, password: value }
}

const basic = (c: GitAuth) => 'Basic ' + Buffer.from(`${c.username}:${c.password}`).toString('base64')

const HELPER_TIMEOUT_MS = 10_000

/**
 * `git credential fill|approve|reject` for a URL. No git, a helper that fails or times out, or
 * one that has nothing: no credentials, never an error. Prompts are switched off (git's own
 * terminal prompt, askpass programs, Git Credential Manager's dialogs).
 */
async function credentialHelper(
  action: 'fill' | 'approve' | 'reject',
  url: string,
  cred: { username: string; password: string } | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ username: string; password: string } | undefined> {
  const u = new URL(url)
  const lines = [`protocol=${u.protocol.slice(0, -1)}`, `host=${u.host}`, `path=${u.pathname.replace(/^\//, '').replace(/\/(info\/refs|git-upload-pack)$/, '')}`]
  if (cred) lines.push(`username=${cred.username}`, `password=${cred.password}`)
  const input = lines.join('\n') + '\n\n'
  const out = await new Promise<string | undefined>((resolve) => {
    let child
    try {
      child = spawn('git', ['credential', action], {
        env: { ...env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', GIT_ASKPASS: '', SSH_ASKPASS: '' },
        stdio: ['pipe', 'pipe', 'ignore'],
      })
    } catch {
      return resolve(undefined)
    }
    // our own timer, not spawn's `timeout`: Node leaves that one running when git is not on
    // PATH (ENOENT), which kept dotskills alive for the whole timeout before it could exit
    const timer = setTimeout(() => child.kill(), HELPER_TIMEOUT_MS)
    const done = (value: string | undefined) => {
      clearTimeout(timer)
      resolve(value)
    }
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d))
    child.on('error', () => done(undefined)) // no git on PATH
    child.on('close', (code) => done(code === 0 ? text : undefined))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
  if (action !== 'fill' || !out) return undefined
  const fields = new Map(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  const password = fields.get('password')
  return password ? { username: fields.get('username') ?? 'git', password } : undefined
}
