// The one HTTP client every git request goes through: isomorphic-git's Node client plus what it
// lacks (git-sync.md §3): a `git/dotskills-<version>` user agent, an idle timeout on the
// response body as well as the request, a cap on download size, and byte counts for progress.
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git'

export interface HttpOptions {
  userAgent: string
  /** ms without a byte before a request fails */
  timeoutMs: number
  /** a response body larger than this fails the request (packs are held in memory whole) */
  maxBytes: number
  /** called with each received chunk's size */
  onBytes?: (n: number) => void
}

/** A response this client gave up on (a stall, or too many bytes): its message is for the user. */
export class HttpGuardError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message)
  }
}

export async function makeHttpClient(opts: HttpOptions): Promise<HttpClient & { requests: number }> {
  const { default: base } = await import('isomorphic-git/http/node')
  // A repository that answers its ref advertisement with a redirect (renamed or moved) has
  // moved: later requests go straight to the new place, as native git does. isomorphic-git
  // would send its POST to the old URL, where a redirect cannot replay the body.
  const moved = new Map<string, string>()
  const client = {
    requests: 0,
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      client.requests++
      let headers: Record<string, string> = { ...req.headers, 'user-agent': opts.userAgent }
      let url = req.url
      for (const [from, to] of moved) {
        if (url.startsWith(from)) {
          headers = forOrigin(headers, from, to)
          url = to + url.slice(from.length)
          break
        }
      }
      for (let hops = 0; ; hops++) {
        const res = await base.request({ ...req, url, headers, fetchOptions: { ...req.fetchOptions, timeout: opts.timeoutMs, followRedirects: false } })
        const location = res.headers?.location
        if (res.statusCode < 300 || res.statusCode >= 400 || !location || req.method === 'POST') {
          if (res.body) res.body = guarded(res.body, opts)
          return res
        }
        await res.body?.return?.()
        if (hops >= 10) throw new Error('too many redirects')
        const next = new URL(location, url).href
        headers = forOrigin(headers, url, next)
        if (ADVERT.test(url) && ADVERT.test(next)) moved.set(req.url.replace(ADVERT, ''), next.replace(ADVERT, ''))
        url = next
      }
    },
  }
  return client
}

const ADVERT = /\/info\/refs\?service=git-upload-pack$/

/** Credentials belong to the origin they were given for: none go along to another one. */
function forOrigin(headers: Record<string, string>, from: string, to: string): Record<string, string> {
  if (new URL(to).origin === new URL(from).origin) return headers
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !['authorization', 'cookie'].includes(k.toLowerCase())))
}

/** Re-yield a body, failing on a stall (no chunk for timeoutMs) or past maxBytes. */
async function* guarded(body: AsyncIterableIterator<Uint8Array>, opts: HttpOptions): AsyncIterableIterator<Uint8Array> {
  const it = body[Symbol.asyncIterator]()
  let total = 0
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HttpGuardError('the server stopped answering (timed out)', 'check the network, or try again later')), opts.timeoutMs)
      })
      let step: IteratorResult<Uint8Array>
      try {
        step = await Promise.race([it.next(), stalled])
      } finally {
        clearTimeout(timer)
      }
      if (step.value) {
        total += step.value.byteLength
        if (total > opts.maxBytes) throw new HttpGuardError(`the server sent more than ${Math.round(opts.maxBytes / 2 ** 20)} MiB; refusing to go on`)
        opts.onBytes?.(step.value.byteLength)
        yield step.value
      }
      if (step.done) return
    }
  } finally {
    await it.return?.()
  }
}
