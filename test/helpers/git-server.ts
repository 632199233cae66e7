// A smart-HTTP git server for tests: a loopback Node server that runs `git http-backend` (CGI)
// per request, so clients talk to real git over real HTTP without network or npm dependencies.
// Spec: /work/shared/reference/git-sync.md §7.1.
import { spawn, type ChildProcess } from 'node:child_process'
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GitServerRequest {
  method: string
  /** URL path as sent (not decoded) */
  path: string
  /** query string without the leading `?` ('' when none) */
  query: string
  /** whether the request carried an Authorization header */
  authorization: boolean
  /** the user of a decodable Basic Authorization header; the password is never kept */
  user?: string
  /** status answered; 0 while no head has been sent (e.g. a 'hang' or a dropped connection) */
  status: number
}

export interface FailRule {
  kind: '500' | 'drop' | 'hang' | 'slow' | 'redirect'
  /**
   * only requests whose path+query matches; default all. Mind that the ref advertisement is
   * `/x.git/info/refs?service=git-upload-pack`, so /git-upload-pack$/ matches it too: use
   * /\/git-upload-pack$/ to hit only the pack POSTs.
   */
  match?: RegExp
  /** how many matching requests to affect; default Infinity */
  times?: number
  /** for 'slow': ms delay before each chunk of the response (default 200) */
  delayMs?: number
  /** for 'redirect': the absolute base URL to redirect to (same path+query appended), status 302 */
  to?: string
}

export interface GitServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string
  port: number
  /** folder holding bare repos; <root>/<name>.git is served at <baseUrl>/<name>.git */
  root: string
  /** every request, in order */
  requests: GitServerRequest[]
  /**
   * inject failures. Rules are checked in order when a request arrives, before auth; the first
   * matching one with `times` left is used up (a `slow` rule with delayMs 0 makes a no-op rule,
   * e.g. to let protocol v2's ls-refs POST through and drop only the pack POST after it)
   */
  fail(rule: FailRule): void
  clearFailures(): void
  close(): Promise<void>
}

export interface GitServerOptions {
  root: string
  /** repos whose name (first path segment, e.g. 'private-team.git') matches get HTTP Basic; value 'user:password' */
  private?: Record<string, string>
  /** answer 404 instead of 401 to anonymous requests for private repos (like GitHub) */
  anonymous404?: boolean
}

interface ActiveRule extends FailRule {
  left: number
}

export async function startGitServer(opts: GitServerOptions): Promise<GitServer> {
  const requests: GitServerRequest[] = []
  let rules: ActiveRule[] = []
  const children = new Set<ChildProcess>()
  const timers = new Set<NodeJS.Timeout>()
  let closed = false
  let closing: Promise<void> | undefined

  function takeRule(target: string): ActiveRule | undefined {
    const rule = rules.find((r) => r.left > 0 && (!r.match || r.match.test(target)))
    if (rule) rule.left--
    return rule
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    const query = q === -1 ? '' : url.slice(q + 1)
    const auth = parseBasic(req.headers.authorization)
    const entry: GitServerRequest = { method: req.method ?? 'GET', path, query, authorization: req.headers.authorization !== undefined, status: 0 }
    if (auth) entry.user = auth.user
    requests.push(entry)
    const answer = (status: number, headers: Record<string, string> = {}, body = '') => {
      entry.status = status
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(body)
    }

    const rule = takeRule(url)
    if (rule?.kind === 'hang') return // closeAllConnections() in close() ends it
    if (rule?.kind === '500') return answer(500, {}, 'injected failure\n')
    if (rule?.kind === 'redirect') return answer(302, { Location: `${(rule.to ?? '').replace(/\/+$/, '')}${url}` })

    const repo = decodeSafe(path).split('/').filter(Boolean)[0] ?? ''
    const expected = opts.private?.[repo]
    if (expected !== undefined && !(auth && sameSecret(auth.raw, expected))) {
      if (opts.anonymous404 && !auth) return answer(404, {}, 'Repository not found\n')
      return answer(401, { 'WWW-Authenticate': 'Basic realm="test"' }, 'Unauthorized\n')
    }
    runBackend(req, res, entry, {
      root: opts.root,
      user: expected !== undefined ? auth?.user : undefined,
      rule: rule?.kind === 'drop' || rule?.kind === 'slow' ? rule : undefined,
      children,
      isClosed: () => closed,
      delay: (ms) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer)
            resolve()
          }, ms)
          timers.add(timer)
        }),
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    root: opts.root,
    requests,
    fail(rule) {
      rules.push({ ...rule, left: rule.times ?? Infinity })
    },
    clearFailures() {
      rules = []
    },
    /** idempotent, so a test may close early and still leave close() to its teardown */
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        closed = true
        for (const child of children) child.kill('SIGKILL')
        // a pending 'slow' delay would otherwise keep the test process alive after close()
        for (const timer of timers) clearTimeout(timer)
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function parseBasic(header: string | undefined): { user: string; raw: string } | undefined {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')
  if (!m) return undefined
  const raw = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = raw.indexOf(':')
  return { user: colon === -1 ? raw : raw.slice(0, colon), raw }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  // timingSafeEqual throws on different lengths; the length itself is not the secret here
  return a.length === b.length && timingSafeEqual(a, b)
}

interface BackendContext {
  root: string
  user: string | undefined
  rule: ActiveRule | undefined
  children: Set<ChildProcess>
  isClosed: () => boolean
  delay: (ms: number) => Promise<void>
}

function runBackend(req: IncomingMessage, res: ServerResponse, entry: GitServerRequest, ctx: BackendContext): void {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // the machine's git config must not change what the fixtures serve
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: ctx.root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeSafe(entry.path),
    QUERY_STRING: q === -1 ? '' : url.slice(q + 1),
    REQUEST_METHOD: entry.method,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
  }
  const h = req.headers
  if (h['content-type']) env.CONTENT_TYPE = h['content-type']
  // chunked bodies have no length; http-backend then reads stdin to EOF
  if (h['content-length'] !== undefined) env.CONTENT_LENGTH = h['content-length']
  // native git gzips large POST bodies; http-backend inflates them only when told
  if (h['content-encoding']) env.HTTP_CONTENT_ENCODING = String(h['content-encoding'])
  // without it the backend speaks protocol v0 even to clients asking for v2
  if (h['git-protocol']) env.GIT_PROTOCOL = String(h['git-protocol'])
  if (ctx.user !== undefined) env.REMOTE_USER = ctx.user

  const fail = (status: number, message: string) => {
    if (res.headersSent || res.destroyed) return void res.destroy()
    entry.status = status
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(message)
  }

  let child: ChildProcess
  try {
    child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  } catch (err) {
    return fail(500, `cannot run git http-backend: ${(err as Error).message}\n`)
  }
  ctx.children.add(child)
  const stdout = child.stdout!
  child.on('error', (err) => fail(500, `cannot run git http-backend: ${err.message}\n`))
  // the backend may exit before reading the whole body (e.g. on a 403); that is not our error
  child.stdin!.on('error', () => {})
  req.pipe(child.stdin!)
  child.stderr!.setEncoding('utf8').on('data', (d: string) => process.stderr.write(`[git-server] ${d.endsWith('\n') ? d : `${d}\n`}`))
  // a client that went away must not leave a backend waiting on a pipe nobody reads
  res.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })

  const drop = ctx.rule?.kind === 'drop'
  const delayMs = ctx.rule?.kind === 'slow' ? (ctx.rule.delayMs ?? 200) : 0
  let head: Buffer | undefined = Buffer.alloc(0) // undefined once the CGI head has been sent
  const held: Buffer[] = [] // the body, for 'drop', which needs its length to cut it in half

  const writeBody = async (chunk: Buffer) => {
    if (drop) return void held.push(chunk)
    if (chunk.length === 0 || res.destroyed) return
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }

  const handle = async (chunk: Buffer) => {
    if (delayMs) await ctx.delay(delayMs)
    if (ctx.isClosed() || res.destroyed) return
    if (head === undefined) return writeBody(chunk)
    head = Buffer.concat([head, chunk])
    const end = headEnd(head)
    if (!end) return
    const rest = head.subarray(end.bodyStart)
    const status = writeCgiHead(res, head.subarray(0, end.headLength).toString('latin1'))
    entry.status = status
    head = undefined
    return writeBody(rest)
  }

  // One chunk at a time, in order: stdout stays paused while a chunk waits for a delay or a drain.
  let queue = Promise.resolve()
  const enqueue = (step: () => Promise<void> | void) => {
    queue = queue.then(step).catch((err: Error) => fail(500, `git-server: ${err.message}\n`))
  }
  stdout.on('data', (chunk: Buffer) => {
    stdout.pause()
    enqueue(async () => {
      await handle(chunk)
      stdout.resume()
    })
  })
  stdout.on('end', () =>
    enqueue(() => {
      ctx.children.delete(child)
      if (res.destroyed) return
      if (head !== undefined) return fail(500, 'git http-backend ended without a complete CGI head\n')
      if (!drop) return void res.end()
      const body = Buffer.concat(held)
      // enough bytes that the client has started reading the body, never the whole of it
      const cut = Math.max(Math.floor(body.length / 2), Math.min(body.length, 4))
      if (cut > 0) return void res.write(body.subarray(0, cut), () => res.destroy())
      res.flushHeaders()
      res.socket?.end()
    }),
  )
  child.on('exit', () => ctx.children.delete(child))
}

function headEnd(buf: Buffer): { headLength: number; bodyStart: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n')
  const lf = buf.indexOf('\n\n')
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headLength: crlf, bodyStart: crlf + 4 }
  if (lf !== -1) return { headLength: lf, bodyStart: lf + 2 }
  return undefined
}

/** Writes the CGI header block as the HTTP head; returns the status it sent. */
function writeCgiHead(res: ServerResponse, text: string): number {
  let status = 200
  let message: string | undefined
  const headers: Record<string, string | string[]> = {}
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') {
      const m = /^(\d{3})\s*(.*)$/.exec(value)
      if (m) {
        status = Number(m[1])
        message = m[2] || undefined
      }
      continue
    }
    const prev = headers[name]
    headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]
  }
  if (message) res.writeHead(status, message, headers)
  else res.writeHead(status, headers)
  return status
}
