// Preloaded into every CLI process the tests start (node --import): any file-system write
// outside the roots in DOTSKILLS_TEST_ROOTS throws, so a test that lets dotskills write to a
// real home, the repository or anywhere else fails loudly (dotbot's test jail, in Node).
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { resolve, sep } from 'node:path'

const roots = (process.env.DOTSKILLS_TEST_ROOTS ?? '').split('\n').filter(Boolean).map((r) => resolve(r))

function check(op, path) {
  if (typeof path !== 'string' && !(path instanceof URL) && !Buffer.isBuffer(path)) return
  const p = resolve(String(path instanceof URL ? path.pathname : path))
  if (roots.some((r) => p === r || p.startsWith(r + sep))) return
  const err = new Error(`fs-guard: ${op} outside the test roots: ${p}`)
  process.stderr.write(err.message + '\n')
  throw err
}

const writesFlag = (flags) => typeof flags === 'string' && /[wax+]/.test(flags)
const wrap = (obj, name, paths, when = () => true) => {
  const orig = obj[name]
  if (typeof orig !== 'function') return
  obj[name] = function (...args) {
    if (when(args)) for (const i of paths) check(name, args[i])
    return orig.apply(this, args)
  }
}

for (const name of ['writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'chmodSync', 'writeFile', 'appendFile', 'mkdir', 'rm', 'rmdir', 'unlink', 'chmod']) wrap(fs, name, [0])
for (const name of ['renameSync', 'rename', 'copyFileSync', 'copyFile', 'symlinkSync', 'symlink', 'linkSync', 'link']) wrap(fs, name, [1])
for (const name of ['renameSync', 'rename']) wrap(fs, name, [0])
wrap(fs, 'openSync', [0], (a) => writesFlag(a[1]))
wrap(fs, 'open', [0], (a) => writesFlag(a[1]))
for (const name of ['writeFile', 'appendFile', 'mkdir', 'rm', 'rmdir', 'unlink', 'chmod']) wrap(fs.promises, name, [0])
for (const name of ['rename', 'copyFile', 'symlink', 'link']) wrap(fs.promises, name, [1])
wrap(fs.promises, 'open', [0], (a) => writesFlag(a[1]))
syncBuiltinESMExports()
