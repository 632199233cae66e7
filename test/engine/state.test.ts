// State survives a crash mid-install: each record is journaled before the next file is touched.
import t from 'tap'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { State } from '../../lib/engine/state.js'

const entry = (sha: string) => ({ sha256: sha, mode: 0o644, skill: 's', agents: ['claude-code'], root: '/r' })

t.test('records are durable before save; a torn journal line is ignored; save folds the journal', async (t) => {
  const dir = t.testdir()
  const s = State.load(dir)
  s.record('/r/a', entry('1'))
  s.record('/r/b', entry('2'))
  s.record('/r/a', null)
  // "crash": no save(). A new process sees what was recorded.
  appendFileSync(join(dir, 'state.journal'), '{"path":"/r/c","entry":{"sha2') // torn by the crash
  const after = State.load(dir)
  t.same([...after.entries.keys()], ['/r/b'])
  after.save()
  t.notOk(existsSync(join(dir, 'state.journal')), 'journal folded into state.json')
  t.same(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).entries, { '/r/b': entry('2') })
  const text = readFileSync(join(dir, 'state.json'), 'utf8')
  State.load(dir).save()
  t.equal(readFileSync(join(dir, 'state.json'), 'utf8'), text, 'a load and save with no change rewrites nothing')
})
