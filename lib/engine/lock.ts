// One writer at a time: a lock file (O_EXCL) holding the owner's pid. Used for installs (in the
// state folder) and for each source cache (a fetch). A second writer waits, then gives up with
// a clear message. A lock left by a process that no longer exists is taken over. Readers
// (status, diff, verify, list) take no lock.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DotskillsError } from '../errors.js'

const WAIT_MS = 2000
const STEP_MS = 50

export interface LockOptions {
  /** lock file name inside the folder */
  name?: string
  /** what is running, for the message: "another dotskills <what> is running" */
  what?: string
  waitMs?: number
}

export function acquireLock(dir: string, opts: LockOptions = {}): () => void {
  const { name = 'install.lock', what = 'install', waitMs = WAIT_MS } = opts
  mkdirSync(dir, { recursive: true })
  const file = join(dir, name)
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = Number(readFileSafe(file))
    if (owner && !alive(owner)) {
      rmSync(file, { force: true }) // stale: its process is gone
      continue
    }
    if (Date.now() >= deadline) {
      throw new DotskillsError('E_CONFLICT', `another dotskills ${what} is running${owner ? ` (pid ${owner})` : ''}`, {
        path: file,
        hint: 'wait for it to finish; if no dotskills is running, delete this file',
      })
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STEP_MS)
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
