import t from 'tap'
import { progressLine } from '../lib/progress.js'

t.test('draws at most once per interval, forced draws always, done erases only what was drawn', async (t) => {
  const drawn: string[] = []
  const p = progressLine({ progress: (text) => drawn.push(text) }, 60_000)
  p.step('a')
  p.step('b') // within the interval: skipped
  p.step('c', true)
  p.done()
  t.same(drawn, ['a', 'c', ''])
  const quiet: string[] = []
  progressLine({ progress: (text) => quiet.push(text) }).done()
  t.same(quiet, [], 'nothing drawn, nothing erased')
})
