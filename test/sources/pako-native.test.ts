// lib/sources/pako-native.ts stands in for pako inside isomorphic-git (the build aliases it).
// Differential tests: the real pako (isomorphic-git's own dependency) and the stand-in are driven
// the way isomorphic-git's pack reader drives them, on the same bytes, and must agree.
import t from 'tap'
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'
import { Inflate, deflate, inflate } from '../../lib/sources/pako-native.js'

interface InflaterLike {
  result?: Uint8Array
  err: number
  msg: string
  strm: { avail_in: number }
  push(chunk: Uint8Array, end: boolean): boolean
}
const pako = createRequire(import.meta.url)('pako') as { Inflate: new () => InflaterLike; inflate(b: Uint8Array): Uint8Array }

/** A pack-like run of zlib streams back to back, as the objects of a packfile are. */
const objects = [Buffer.from('tree 1234\n'.repeat(40)), Buffer.alloc(0), Buffer.from('x'), Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))]
const packed = Buffer.concat(objects.map((o) => deflateSync(o)))

/** listpack's loop: push chunks until a result, then rewind to where the stream ended. */
function readAll(make: () => InflaterLike, chunkSize: number) {
  const out: { data: Buffer; end: number }[] = []
  let pos = 0
  while (pos < packed.length) {
    const inflater = make()
    let fed = pos
    let last = 0
    while (!inflater.result && fed < packed.length) {
      const chunk = packed.subarray(fed, Math.min(packed.length, fed + chunkSize))
      inflater.push(chunk, false)
      if (inflater.err) throw new Error(inflater.msg)
      fed += chunk.length
      last = chunk.length
    }
    if (!inflater.result) break
    pos = fed - last + (last - inflater.strm.avail_in)
    out.push({ data: Buffer.from(inflater.result), end: pos })
  }
  return out
}

t.test('the streaming inflater finds each object and where it ends, as pako does', async (t) => {
  for (const chunkSize of [packed.length, 7, 64, 1000]) {
    const ours = readAll(() => new Inflate(), chunkSize)
    const theirs = readAll(() => new pako.Inflate(), chunkSize)
    t.same(ours.map((o) => o.end), theirs.map((o) => o.end), `chunks of ${chunkSize}: same stream ends`)
    t.same(ours.map((o) => o.data), objects, `chunks of ${chunkSize}: every object inflated`)
  }
})

t.test('corrupt data is an error with a message, not a result', async (t) => {
  const bad = Buffer.from(packed)
  bad[3] ^= 0xff
  bad[4] ^= 0xff
  const ours = new Inflate()
  ours.push(bad, false)
  const theirs = new pako.Inflate()
  theirs.push(bad, false)
  t.ok(theirs.err, 'pako reports an error')
  t.ok(ours.err, 'so does the stand-in')
  t.ok(ours.msg.length > 0, `with a message (${ours.msg})`)
  t.equal(ours.result, undefined)
})

t.test('a stream cut short gives no result (a truncated pack)', async (t) => {
  const cut = deflateSync(objects[3]!).subarray(0, 50)
  const ours = new Inflate()
  ours.push(cut, false)
  t.equal(ours.result, undefined)
  t.equal(ours.err, 0, 'not an error yet: more bytes may come')
})

t.test('inflate and deflate agree with pako', async (t) => {
  for (const o of objects) {
    t.same(inflate(deflateSync(o)), Buffer.from(pako.inflate(deflateSync(o))))
    t.same(inflate(deflate(o)), o, 'round trip')
  }
})
