// How paths are shown: under the (target) home as `~/…`, else relative to cwd when inside it.
import { relative, sep } from 'node:path'

export function displayPath(path: string, home: string, cwd: string): string {
  if (path === home || path.startsWith(home + sep)) return '~' + path.slice(home.length).split(sep).join('/')
  const rel = relative(cwd, path)
  return rel.startsWith('..') ? path : rel.split(sep).join('/')
}

/** A change's path as listed by status, install -n and diff --name-only. */
export const changeLabel = (c: { path: string; block?: string }, home: string, cwd: string) =>
  displayPath(c.path, home, cwd) + (c.block ? ` [${c.block} block]` : '')
