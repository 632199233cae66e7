// The byte-level prefilter of lines.ts (records a reader drops, checked valid without being
// parsed) against the plain path (JSON.parse of every line): on real log lines and on thousands
// of seeded mutations of them, the counts must be the same, and the records given back must be
// those JSON.parse gives, minus the dropped ones, with blanked members as null.
import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jsonLines, type Prefilter } from '../../lib/learn/lines.js'
import { emptyCounts } from '../../lib/learn/types.js'

const REAL = fileURLToPath(new URL('../fixtures/sessions/claude-code/real/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl', import.meta.url))

const filter: Prefilter = {
  keys: ['type', 'sessionId'],
  skip: ([type, session]) => type === 'progress' || type === 'file-history-snapshot' || session === null,
  blank: ['toolUseResult'],
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the prefilter should give for these lines: the plain records, the dropped ones left out, blanked members null. */
const expected = (plain: Map<number, unknown>) => [...plain].filter(([, v]) => !dropped(v)).map(([line, v]) => [line, blanked(v)])

async function both(path: string) {
  const plainCounts = emptyCounts()
  const plain = new Map<number, unknown>()
  for await (const { line, value } of jsonLines(path, plainCounts)) plain.set(line, value)
  const filteredCounts = emptyCounts()
  const filtered = new Map<number, unknown>()
  for await (const { line, value } of jsonLines(path, filteredCounts, undefined, filter)) filtered.set(line, value)
  return { plain, plainCounts, filtered, filteredCounts }
}

const dropped = (v: unknown) => isObj(v) && ((typeof v.type === 'string' && (v.type === 'progress' || v.type === 'file-history-snapshot')) || ('sessionId' in v && typeof v.sessionId !== 'string'))
const blanked = (v: unknown) => (isObj(v) && (isObj(v.toolUseResult) || Array.isArray(v.toolUseResult)) ? { ...v, toolUseResult: null } : v)

/** A small seeded generator (mulberry32): the same mutations every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = ['{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\t', '0', '-', '.', 'e', 'E', '+', 'n', 't', 'u', 'l', '\u0001', '\u00e9', '\ud83d\ude00', 'progress']

t.test('real lines: same counts, the same records minus the dropped ones', async (t) => {
  const r = await both(REAL)
  t.same(r.filteredCounts, r.plainCounts)
  t.same([...r.filtered], expected(r.plain))
  t.ok(r.filtered.size < r.plain.size, 'some records were dropped')
})

t.test('seeded mutations of real lines: the prefilter agrees with JSON.parse', async (t) => {
  const lines = readFileSync(REAL, 'utf8').split('\n').filter(Boolean)
  const short = lines.filter((l) => l.length < 4000)
  const rnd = random(20261124)
  const out: string[] = []
  for (let i = 0; i < 4000; i++) {
    let l = short[Math.floor(rnd() * short.length)]!
    const edits = 1 + Math.floor(rnd() * 3)
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * l.length)
      const op = rnd()
      if (op < 0.4) l = l.slice(0, at) + l.slice(at + 1)
      else if (op < 0.8) l = l.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + l.slice(at)
      else l = l.slice(0, at)
    }
    out.push(l.replace(/\n/g, ' '))
  }
  // and hand-picked edge cases: escapes in keys, repeated keys, deep nesting, numbers, whitespace
  out.push(
    '{"type":"progress","x":1}',
    '{"type":"progress","type":"user","sessionId":"s"}',
    '{"ty\\u0070e":"progress","sessionId":"s"}',
    '{"type":"progr\\u0065ss"}',
    ' {"type":"progress"}',
    '{"type":"progress"} x',
    '{"type":"progress",}',
    '{"sessionId":7,"type":"user"}',
    '{"toolUseResult":{"a":[1,2,{"b":null}]},"type":"user","sessionId":"s"}',
    '{"toolUseResult":"User rejected tool use","type":"user","sessionId":"s"}',
    '['.repeat(300) + ']'.repeat(300),
    '['.repeat(100000) + ']'.repeat(99999),
    '{"a":' + '['.repeat(100000) + ']'.repeat(100000) + ',"type":"progress"}',
    '{"n":-0.5e+10,"m":01,"type":"user"}',
    '{"s":"\t","type":"user"}',
  )
  const file = join(t.testdir(), 'mutated.jsonl')
  writeFileSync(file, out.join('\n') + '\n')
  const r = await both(file)
  t.same(r.filteredCounts, r.plainCounts, 'the same counts (invalid lines too)')
  // only records that open with `{` and have no escaped top-level key are looked at: others are
  // parsed as usual, so a record may be kept where it could have been dropped, never the reverse
  let wrong = 0
  for (const [line, v] of r.plain) {
    const got = r.filtered.get(line)
    if (!r.filtered.has(line) ? !dropped(v) : JSON.stringify(got) !== JSON.stringify(v) && JSON.stringify(got) !== JSON.stringify(blanked(v))) wrong++
  }
  for (const line of r.filtered.keys()) if (!r.plain.has(line)) wrong++
  t.equal(wrong, 0, 'every record kept is the parsed one (or blanked), every record left out is one to drop')
  t.ok([...r.plain.values()].filter(dropped).length > [...r.filtered.values()].filter(dropped).length, 'and records were dropped')
  t.ok(r.plainCounts.invalidJson > 500 && r.plainCounts.records > 500, `both kinds are exercised (${r.plainCounts.records} valid, ${r.plainCounts.invalidJson} invalid)`)
})
