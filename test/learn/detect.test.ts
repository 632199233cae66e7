// Each fixture is recognised as its agent's format from its content, and a file of no known
// format is recognised as none.
import t from 'tap'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectReader, readers } from '../../lib/learn/readers/index.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/sessions/', import.meta.url))

function jsonlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? jsonlFiles(p) : name.endsWith('.jsonl') ? [p] : []
  })
}

t.test('every fixture is detected as the agent whose folder it is in', async (t) => {
  for (const agent of readers.map((r) => r.agent)) {
    const files = jsonlFiles(join(FIXTURES, agent)).filter((f) => !f.includes('robustness'))
    t.ok(files.length > 0, `${agent} has fixtures`)
    for (const f of files) t.equal((await detectReader(f))?.agent, agent, f.slice(FIXTURES.length))
  }
})

t.test('a JSONL file of no known agent is detected as none', async (t) => {
  const dir = t.testdir({ 'other.jsonl': '{"hello":"world"}\n{"level":"info","msg":"x"}\n', 'empty.jsonl': '' })
  t.equal(await detectReader(join(dir, 'other.jsonl')), undefined)
  t.equal(await detectReader(join(dir, 'empty.jsonl')), undefined)
})
