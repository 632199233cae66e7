// The file system isomorphic-git gets. Every object read first tries a loose object (a failed
// open, with an error built and thrown) and then lists objects/pack again: for the ~1,000 reads
// of extracting 200 skills that was a third of the time; so were the gitdir stat and the probe
// read of every API call. Here these answers are remembered until the next write, the only
// thing that can change them.
import { promises as fsp } from 'node:fs'

/** Reused: isomorphic-git only checks that the read failed, not why. */
const MISSING = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })
const LOOSE = /^(.*\/objects)\/([0-9a-f]{2})\/[0-9a-f]{38}$/

export function gitFs() {
  const packLists = new Map<string, Promise<string[]>>()
  const looseDirs = new Map<string, Promise<Set<string>>>()
  const stats = new Map<string, ReturnType<typeof fsp.stat>>()
  const forget = () => {
    packLists.clear()
    looseDirs.clear()
    stats.clear()
  }
  const writes = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A) => {
    forget()
    return f(...a)
  }
  const promises = {
    readFile: async (path: string, opts?: unknown) => {
      // isomorphic-git calls readFile() without a path on every API call, to see that it returns a promise
      if (path === undefined) throw MISSING
      const m = LOOSE.exec(path)
      if (m) {
        let dirs = looseDirs.get(m[1])
        if (!dirs) looseDirs.set(m[1], (dirs = fsp.readdir(m[1]).then((n) => new Set(n), () => new Set<string>())))
        if (!(await dirs).has(m[2])) throw MISSING
      }
      return fsp.readFile(path, opts as never)
    },
    readdir: (path: string, opts?: unknown) => {
      if (opts !== undefined || !path.endsWith('/objects/pack')) return fsp.readdir(path, opts as never)
      let list = packLists.get(path)
      if (!list) {
        packLists.set(path, (list = fsp.readdir(path)))
        list.catch(() => packLists.delete(path))
      }
      return list.then((l) => [...l]) // callers may sort or filter in place
    },
    // every API call stats the gitdir (is it a worktree's .git file?)
    stat: (path: string, opts?: unknown) => {
      if (opts !== undefined) return fsp.stat(path, opts as never)
      let st = stats.get(path)
      if (!st) {
        stats.set(path, (st = fsp.stat(path)))
        st.catch(() => stats.delete(path))
      }
      return st
    },
    lstat: fsp.lstat,
    readlink: fsp.readlink,
    writeFile: writes(fsp.writeFile),
    mkdir: writes(fsp.mkdir),
    rmdir: writes(fsp.rmdir),
    rm: writes(fsp.rm),
    unlink: writes(fsp.unlink),
    symlink: writes(fsp.symlink),
  }
  return { promises }
}
