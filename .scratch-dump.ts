import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readSessions } from './lib/learn/sessions.js'
import { readSkill, skillIndex } from './lib/learn/skills.js'
import { emptyCounts } from './lib/learn/types.js'
import mt from './lib/learn/signals/missed-trigger.js'
import rp from './lib/learn/signals/repeated-procedure.js'
const which = process.argv[2]!
const root = join('test/fixtures/learn', which)
const skills = skillIndex(readdirSync(join(root, 'skills')).map((n) => readSkill(join(root, 'skills', n), join(root, 'skills', n, 'SKILL.md'), root)))
const walk = (d: string): string[] => readdirSync(d).sort().flatMap((n) => statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)])
for (const f of walk(join(root, 'sessions'))) {
  const counts = emptyCounts()
  const sessions = await readSessions(f, counts)
  console.log('==', f, JSON.stringify(counts))
  for (const s of sessions) {
    if (process.argv[3]) for (const e of s.events) console.log('  ', e.line, e.kind, (e as any).how ?? '', (e as any).name ?? '', JSON.stringify((e as any).text ?? (e as any).command ?? (e as any).ok ?? '').slice(0, 80), e.subagent ? 'SUB' : '')
    const det = which === 'missed-trigger' ? mt : rp
    console.log(JSON.stringify(det.detect(s, skills), null, 1))
  }
}
