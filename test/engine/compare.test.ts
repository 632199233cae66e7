// The decision table of state-model.md §3, row by row: last written (L), actual (A), target (T).
import t from 'tap'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compare, sha256 } from '../../lib/engine/compare.js'
import { State } from '../../lib/engine/state.js'
import type { TargetFile } from '../../lib/engine/types.js'

t.test('every row of the decision table', async (t) => {
  const dir = t.testdir({ state: {}, root: {} })
  const root = join(dir, 'root')
  const state = State.load(join(dir, 'state'))
  const target = (name: string, text: string): TargetFile => ({
    path: join(root, name),
    bytes: Buffer.from(text),
    mode: 0o644,
    skill: 's',
    agents: ['claude-code'],
    root,
  })
  const onDisk = (name: string, text: string) => writeFileSync(join(root, name), text, { mode: 0o644 })
  const wrote = (name: string, text: string) =>
    state.record(join(root, name), { sha256: sha256(text), mode: 0o644, skill: 's', agents: ['claude-code'], root })

  const plan: TargetFile[] = []
  // L=∅ A=∅ T → create
  plan.push(target('create', 'x'))
  // L=∅ A=T → adopt silently
  plan.push(target('adopt-same', 'x')); onDisk('adopt-same', 'x')
  // L=∅ A≠T → unmanaged conflict
  plan.push(target('unmanaged', 'x')); onDisk('unmanaged', 'mine')
  // L A=L T≠L → update
  plan.push(target('update', 'new')); wrote('update', 'old'); onDisk('update', 'old')
  // L A≠L A=T → adopt (same edit both sides)
  plan.push(target('same-edit', 'new')); wrote('same-edit', 'old'); onDisk('same-edit', 'new')
  // L A≠L A≠T → modified conflict
  plan.push(target('modified', 'new')); wrote('modified', 'old'); onDisk('modified', 'edited')
  // L A=∅ T → recreate
  plan.push(target('recreate', 'x')); wrote('recreate', 'x')
  // L A=L T=∅ → delete
  wrote('delete', 'x'); onDisk('delete', 'x')
  // L A≠L T=∅ → keep the file, drop ownership
  wrote('orphan', 'x'); onDisk('orphan', 'edited')
  // L A=∅ T=∅ → forget
  wrote('forget', 'x')
  // L A=L T=L → nothing
  plan.push(target('clean', 'x')); wrote('clean', 'x'); onDisk('clean', 'x')
  // a folder in the way
  plan.push(target('folder', 'x')); mkdirSync(join(root, 'folder'))

  const got = Object.fromEntries(compare(plan, state).map((c) => [c.path.slice(root.length + 1), `${c.action}|${c.status}`]))
  t.same(got, {
    'adopt-same': 'adopt|  ',
    clean: 'none|  ',
    create: 'create| A',
    delete: 'delete| D',
    folder: 'conflict-unmanaged| M',
    forget: 'forget|  ',
    modified: 'conflict-modified|MM',
    orphan: 'orphan|M ',
    recreate: 'recreate|DA',
    'same-edit': 'adopt|  ',
    unmanaged: 'conflict-unmanaged| M',
    update: 'update| M',
  } as any)
})
