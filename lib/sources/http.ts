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

export class HttpTimeoutError extends Error {
  constructor() {
    super('the server stopped answering (timed out)')
  }
}
export class HttpTooLargeError extends Error {
  constructor(limit: number) {
    super(`the server sent more than ${Math.round(limit / 2 ** 20)} MiB; refusing to go on`)
  }
}

export async function makeHttpClient(opts: HttpOptions): Promise<HttpClient & { requests: number }> {
  const { default: base } = await import('isomorphic-git/http/node')
  const client = {
    requests: 0,
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      client.requests++
      const headers = { ...req.headers, 'user-agent': opts.userAgent }
      const res = await base.request({ ...req, headers, fetchOptions: { ...req.fetchOptions, timeout: opts.timeoutMs } })
      if (res.body) res.body = guarded(res.body, opts)
      return res
    },
  }
  return client
}

/** Re-yield a body, failing on a stall (no chunk for timeoutMs) or past maxBytes. */
async function* guarded(body: AsyncIterableIterator<Uint8Array>, opts: HttpOptions): AsyncIterableIterator<Uint8Array> {
  const it = body[Symbol.asyncIterator]()
  let total = 0
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HttpTimeoutError()), opts.timeoutMs)
      })
      let step: IteratorResult<Uint8Array>
      try {
        step = await Promise.race([it.next(), stalled])
      } finally {
        clearTimeout(timer)
      }
      if (step.value) {
        total += step.value.byteLength
        if (total > opts.maxBytes) throw new HttpTooLargeError(opts.maxBytes)
        opts.onBytes?.(step.value.byteLength)
        yield step.value
      }
      if (step.done) return
    }
  } finally {
    await it.return?.()
  }
}
