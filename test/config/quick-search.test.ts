// quickSearch answers config discovery without loading cosmiconfig when the answer is plain. It
// must never disagree with cosmiconfig: each layout here is also searched by cosmiconfig itself
// (the same options lib/config/load.ts gives it), and the two answers are compared.
import t from 'tap'
import { join } from 'node:path'
import { cosmiconfig } from 'cosmiconfig'
import { quickSearch, SEARCH_PLACES } from '../../lib/config/load.js'

const yaml = 'lint:\n  profile: copilot\n'
const PKG = JSON.stringify({ name: 'p', version: '1.0.0' })

async function cosmiconfigSays(from: string, strategy: 'none' | 'project'): Promise<string | undefined> {
  const loader = (_: string, content: string) => content
  const explorer = cosmiconfig('dotskills', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: strategy,
    loaders: { '.yaml': loader, '.yml': loader, '.json': loader, noExt: loader, '.js': loader, '.mjs': loader, '.cjs': loader },
    cache: false,
  })
  const r = await explorer.search(from)
  return r && !r.isEmpty ? r.filepath : undefined
}

/** run in `cwd` (cosmiconfig reads its meta config from the process's folder) */
function inFolder<T>(t: { teardown(f: () => void): void }, cwd: string, f: () => Promise<T>): Promise<T> {
  const before = process.cwd()
  process.chdir(cwd)
  t.teardown(() => process.chdir(before))
  return f().finally(() => process.chdir(before))
}

type Case = [name: string, files: Record<string, unknown>, start: string, strategy: 'none' | 'project', expected: string | undefined | 'cosmiconfig']
const cases: Case[] = [
  ['no config up to the project root', { 'package.json': PKG, skills: {} }, 'skills', 'project', undefined],
  ['dotskills.yaml where the search starts', { 'package.json': PKG, 'dotskills.yaml': yaml }, '.', 'project', 'dotskills.yaml'],
  ['dotskills.yml in a parent folder', { 'package.json': PKG, 'dotskills.yml': yaml, skills: { a: {} } }, 'skills/a', 'project', 'dotskills.yml'],
  ['the search order: dotskills.yaml before .dotskillsrc.json', { 'package.json': PKG, '.dotskillsrc.json': '{}', 'dotskills.yaml': yaml }, '.', 'project', 'dotskills.yaml'],
  ['a blank file is skipped', { 'package.json': PKG, 'dotskills.yaml': '  \n', '.dotskillsrc': yaml }, '.', 'project', '.dotskillsrc'],
  ['a folder named like a config is skipped', { 'package.json': PKG, 'dotskills.yaml': {}, '.dotskillsrc.yml': yaml }, '.', 'project', '.dotskillsrc.yml'],
  ['a package.json below stops the search before the parent config', { 'dotskills.yaml': yaml, sub: { 'package.json': PKG } }, 'sub', 'project', undefined],
  ['a package.yaml stops it too', { 'dotskills.yaml': yaml, sub: { 'package.yaml': 'name: p\n', deeper: {} } }, 'sub/deeper', 'project', undefined],
  ['strategy none looks in the folder alone', { 'dotskills.yaml': yaml, conf: {} }, 'conf', 'none', undefined],
  ['strategy none finds a config in the folder', { conf: { '.dotskillsrc.yaml': yaml } }, 'conf', 'none', 'conf/.dotskillsrc.yaml'],
  ['package.json#dotskills needs cosmiconfig', { 'package.json': JSON.stringify({ name: 'p', dotskills: { lint: {} } }) }, '.', 'project', 'cosmiconfig'],
  ['a JS config needs cosmiconfig', { 'package.json': PKG, 'dotskills.config.mjs': 'export default {}\n' }, '.', 'project', 'cosmiconfig'],
  ['$import needs cosmiconfig', { 'package.json': PKG, 'dotskills.yaml': '$import: base.yaml\n' }, '.', 'project', 'cosmiconfig'],
  ['a cosmiconfig meta config needs cosmiconfig', { 'package.json': PKG, '.config': { 'config.yaml': 'cosmiconfig:\n  searchPlaces: ["{name}.toml"]\n' } }, '.', 'project', 'cosmiconfig'],
  ['an unparsable package.json needs cosmiconfig', { 'package.json': '{ nope' }, '.', 'project', 'cosmiconfig'],
]

for (const [name, files, start, strategy, expected] of cases) {
  t.test(name, async (t) => {
    const dir = t.testdir(files as Parameters<typeof t.testdir>[0])
    const from = join(dir, start)
    const quick = await inFolder(t, dir, async () => quickSearch(from, strategy))
    if (expected === 'cosmiconfig') {
      t.equal(quick, 'cosmiconfig', 'left to cosmiconfig')
      return
    }
    t.not(quick, 'cosmiconfig', 'answered without cosmiconfig')
    t.equal(quick !== 'cosmiconfig' && quick.path, expected ? join(dir, expected) : undefined)
    const truth = await inFolder(t, dir, () => cosmiconfigSays(from, strategy))
    t.equal(truth, expected && join(dir, expected), 'the same answer as cosmiconfig')
  })
}
