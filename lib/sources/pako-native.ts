// pako (zlib written in JavaScript) as isomorphic-git uses it, on Node's own zlib. The build
// aliases `pako` to this module (scripts/build.js): in pure JavaScript, inflating every object
// of a fetched pack to index it, and every file read back out of the pack, was the largest
// single cost of a cold `dotskills add`. isomorphic-git calls exactly these three.
import { deflateSync, inflateSync, type ZlibOptions } from 'node:zlib'

export const inflate = (data: Uint8Array): Buffer => inflateSync(data)
export const deflate = (data: Uint8Array): Buffer => deflateSync(data)

type WithInfo = (buf: Uint8Array, options: ZlibOptions & { info: true }) => { buffer: Buffer; engine: { bytesWritten: number } }

/**
 * pako's streaming inflater, as isomorphic-git's pack reader drives it: push() bytes (the rest of
 * the pack, or the next piece of it) until `result` holds one object's inflated bytes; then
 * `strm.avail_in` says how many bytes of the last push were past the end of its zlib stream.
 * Node's inflate stops at the end of the first stream and reports what it consumed.
 */
export class Inflate {
  result: Buffer | undefined
  err = 0
  msg = ''
  strm = { avail_in: 0 }
  private pending: Buffer | undefined

  push(chunk: Uint8Array, _last?: boolean): boolean {
    const input = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    try {
      const { buffer, engine } = (inflateSync as unknown as WithInfo)(input, { info: true })
      this.result = buffer
      this.strm.avail_in = input.length - engine.bytesWritten
      this.pending = undefined
      return true
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      if (e.code === 'Z_BUF_ERROR') {
        // the stream goes on past this chunk: keep it for the next push (pako keeps its state)
        this.pending = Buffer.from(input)
        return true
      }
      this.err = typeof e.errno === 'number' ? e.errno : -3
      this.msg = e.message
      return false
    }
  }
}

export default { inflate, deflate, Inflate }
