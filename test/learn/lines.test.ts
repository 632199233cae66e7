// The streaming JSONL reader (lib/learn/lines.ts) on the byte-level cases of session-logs.md §3:
// every odd line is skipped and counted, reading always goes on, line numbers stay exact.
import t from 'tap'
import type { Test } from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { jsonLines, type JsonLine } from '../../lib/learn/lines.js'
import { emptyCounts, type ReadCounts } from '../../lib/learn/types.js'

const read = async (path: string, maxLineBytes?: number) => {
  const counts = emptyCounts()
  const out: JsonLine[] = []
  for await (const l of jsonLines(path, counts, maxLineBytes)) out.push(l)
  return { out, counts }
}

const file = (t: Test, content: string | Buffer) => {
  const path = join(t.testdir(), 'log.jsonl')
  writeFileSync(path, content)
  return path
}

const counts = (partial: Partial<ReadCounts>): ReadCounts => ({ ...emptyCounts(), ...partial })

t.test('BOM, CRLF, blank lines, an all-NUL line, bad JSON, a NUL inside JSON, an unterminated valid last line', async (t) => {
  const path = file(
    t,
    [
      '\uFEFF{"a":1}\r\n', // 1: BOM stripped, CRLF accepted
      '\r\n', // 2: blank (only the CR)
      '   \t \n', // 3: blank
      '\0\0\0\0\0\0\n', // 4: all NUL (a crash left it)
      '{"b":\n', // 5: invalid, terminated
      '{"c":"x\0y"}\n', // 6: a raw NUL inside a JSON string is invalid JSON
      '{"d":"\uFEFF"}\r\n', // 7: a BOM elsewhere than the file start is data
      '[1,2]', // 8: no newline at the end, but complete: read
    ].join(''),
  )
  const { out, counts: c } = await read(path)
  t.same(out, [
    { line: 1, value: { a: 1 } },
    { line: 7, value: { d: '\uFEFF' } },
    { line: 8, value: [1, 2] },
  ])
  t.same(c, counts({ lines: 8, records: 3, blank: 2, nul: 1, invalidJson: 2 }))
})

t.test('an empty file and a file of one newline', async (t) => {
  t.same(await read(file(t, '')), { out: [], counts: emptyCounts() })
  t.same(await read(file(t, '\n')), { out: [], counts: counts({ lines: 1, blank: 1 }) })
})

t.test('a line over maxLineBytes is counted as oversized and the next line is still read', async (t) => {
  const path = file(t, ['{"a":1}', `{"long":"${'x'.repeat(40)}"}`, '{"b":2}', '{"one_over":"xx"}', '{"tail":"yyyyyyyyyyyyy"}'].join('\n'))
  t.equal(Buffer.byteLength('{"one_over":"xx"}'), 17, 'one byte over the cap')
  const { out, counts: c } = await read(path, 16)
  t.same(out, [
    { line: 1, value: { a: 1 } },
    { line: 3, value: { b: 2 } },
  ])
  // the unterminated last line is over the cap too: oversized, not pending
  t.same(c, counts({ lines: 5, records: 2, oversized: 3 }))
  // at the cap exactly, a line is read
  const { out: out2 } = await read(file(t, '{"exactly":"1"}\n'), Buffer.byteLength('{"exactly":"1"}'))
  t.same(out2, [{ line: 1, value: { exactly: '1' } }])
})

t.test('a half-written last line is pending, not invalid JSON', async (t) => {
  const path = file(t, '{"a":1}\n{"bad"\n{"type":"assistant","message":{"content":[{"type":"te')
  const { out, counts: c } = await read(path)
  t.same(out, [{ line: 1, value: { a: 1 } }])
  t.same(c, counts({ lines: 3, records: 1, invalidJson: 1, pending: 1 }))
})

t.test('lines split across stream chunks keep their bytes (multi-byte UTF-8 too) and exact line numbers', async (t) => {
  // createReadStream reads 64 KiB at a time: ~1 MB of lines of varied lengths with 2-, 3- and
  // 4-byte characters puts chunk borders inside lines and inside characters.
  const lines: string[] = []
  const expected: JsonLine[] = []
  for (let i = 0; i < 6000; i++) {
    const pad = 'é日😀x'.repeat(i % 97) + 'z'.repeat(i % 13)
    const value = { i, pad }
    if (i % 500 === 250) {
      lines.push('') // a blank line now and then
      continue
    }
    lines.push(JSON.stringify(value))
    expected.push({ line: i + 1, value })
  }
  // one line far bigger than a chunk, well under the default cap
  const big = { big: 'é'.repeat(300_000) }
  lines.push(JSON.stringify(big))
  expected.push({ line: lines.length, value: big })
  lines.push('{"after":"big"}')
  expected.push({ line: lines.length, value: { after: 'big' } })
  const text = lines.join('\n') + '\n'
  t.ok(Buffer.byteLength(text) > 10 * 65536, 'many chunks')
  const path = file(t, text)
  const { out, counts: c } = await read(path)
  t.equal(out.length, expected.length)
  t.same(out, expected)
  t.same(c, counts({ lines: lines.length, records: expected.length, blank: 12 }))

  // the same big line over a smaller cap: dropped across chunks, the next line read
  const capped = await read(path, 400_000)
  t.equal(capped.counts.oversized, 1)
  t.same(capped.out.at(-1), { line: lines.length, value: { after: 'big' } })
  t.equal(capped.out.length, expected.length - 1)
})
