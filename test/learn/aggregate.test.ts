import t from 'tap'
import { Aggregator, distinctProcedures, MAX_EVIDENCE, mergeEdits, type Candidate } from '../../lib/learn/aggregate.js'
import { detectors } from '../../lib/learn/signals/index.js'
import type { Evidence, Finding } from '../../lib/learn/signals/types.js'

const ev = (sessionId: string, line = 1): Evidence => ({ agent: 'claude-code', file: `/logs/${sessionId}.jsonl`, line, sessionId, role: 'failed', quote: 'x' })
const finding = (over: Partial<Finding>, session: string): Finding => ({
  signal: 'failed-command',
  skill: 'deploy',
  key: 'failed-command:deploy:make deploy',
  edit: { kind: 'gotcha', bullets: ['`make deploy` can fail.'] },
  confidence: 0.6,
  evidence: [ev(session)],
  ...over,
})

t.test('default to no proposal: an unvalidated finding needs its detector\'s number of sessions', async (t) => {
  const a = new Aggregator()
  a.add([finding({}, 's1')])
  t.same(a.candidates(detectors), [], 'one session is not enough')
  a.add([finding({}, 's1')])
  t.same(a.candidates(detectors), [], 'the same session twice is still one')
  a.add([finding({}, 's2')])
  const [c] = a.candidates(detectors)
  t.equal(c!.recurrence, 2)
  t.equal(c!.confidence, 0.65, 'each further session adds 0.05')
  t.equal(c!.evidence.length, 3)
})

t.test('a validated finding counts once; a replacement beats a bullet; the fix most sessions made wins', async (t) => {
  const a = new Aggregator()
  const fix = (to: string, s: string): Finding => finding({ edit: { kind: 'replace', line: 3, from: 'make deploy', to }, validated: true, confidence: 0.8 }, s)
  a.add([finding({}, 's0')])
  a.add([fix('make ship', 's1')])
  a.add([fix('make release', 's2')])
  a.add([fix('make release', 's3')])
  const [c] = a.candidates(detectors)
  t.same(c!.edit, { kind: 'replace', line: 3, from: 'make deploy', to: 'make release' })
  t.equal(c!.validated, true)
  t.equal(c!.recurrence, 4)
  t.equal(c!.confidence, 0.95, 'capped')
})

t.test('evidence is capped, sessions are not', async (t) => {
  const a = new Aggregator()
  for (let i = 0; i < 40; i++) a.add([finding({}, `s${i}`)])
  const [c] = a.candidates(detectors)
  t.equal(c!.recurrence, 40)
  t.equal(c!.evidence.length, MAX_EVIDENCE)
})

t.test('mergeEdits: bullets and phrases by frequency, three at most', async (t) => {
  const g = (bullets: string[], n: number) => ({ edit: { kind: 'gotcha' as const, bullets }, n, confidence: 0.6 })
  t.same(mergeEdits([g(['a'], 1), g(['b', 'c'], 3), g(['d', 'b'], 2), g(['e'], 1)]), { kind: 'gotcha', bullets: ['b', 'c', 'd'] })
  const p = (phrases: string[], n: number) => ({ edit: { kind: 'triggers' as const, phrases }, n, confidence: 0.6 })
  t.same(mergeEdits([p(['x'], 1), p(['y', 'x'], 1)]), { kind: 'triggers', phrases: ['x', 'y'] })
})

t.test('different keys stay apart; candidates sort by confidence', async (t) => {
  const a = new Aggregator()
  a.add([finding({ key: 'k1', validated: true, confidence: 0.5 }, 's1'), finding({ key: 'k2', validated: true, confidence: 0.9 }, 's1')])
  t.same(a.candidates(detectors).map((c) => c.key), ['k2', 'k1'])
})

t.test('distinctProcedures: the longest procedure, not the runs inside it, and one draft per name', async (t) => {
  const proc = (steps: string[], name: string, recurrence = 2): Candidate => ({
    key: `repeated-procedure:${steps.join(' → ')}`,
    signal: 'repeated-procedure',
    skill: name,
    edit: { kind: 'new-skill', name, description: 'd', steps },
    recurrence,
    validated: false,
    confidence: 0.5,
    evidence: [],
  })
  const long = proc(['npm ci', 'npm run build', 'npm test', 'git commit'], 'build-test-commit')
  const inner = proc(['npm run build', 'npm test', 'git commit'], 'build-test-commit-2', 3)
  const other = proc(['cargo fmt', 'cargo clippy', 'cargo test'], 'cargo-check')
  const sameName = proc(['cargo fmt', 'cargo test', 'cargo doc'], 'cargo-check')
  const partial = proc(['npm test', 'git commit', 'git push'], 'test-commit-push')
  const fix = { ...long, key: 'failed-command:x:y', signal: 'failed-command' as const }
  t.same(distinctProcedures([inner, other, long, sameName, partial, fix]).map((c) => c.key), [other.key, long.key, partial.key, fix.key])
})
