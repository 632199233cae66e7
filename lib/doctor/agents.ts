// Doctor's machine checks: each agent (detected or not, and where its skills go) and whether
// every folder install and sync write to can be written. Read only: nothing is created.
import { accessSync, constants, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { detectAdapter, expandPath, type PathBases } from '../agents/registry.js'
import type { Context } from '../context.js'
import type { AgentSelection } from '../engine/prepare.js'
import { row, type CheckRow, type Display } from './rows.js'

/**
 * One `agent <id>` row per agent: with `agents: detected` (the default) every known agent,
 * otherwise the configured ones (or those given with --agent). An agent install writes to that
 * is not on this machine is a warning; an undetected agent install skips is not.
 */
export function agentRows(ctx: Context, sel: AgentSelection, d: Display): CheckRow[] {
  const bases: PathBases = { home: ctx.home, project: ctx.project }
  const listed = sel.wanted === 'detected' && !ctx.agents ? sel.all : sel.adapters
  const targets = new Set(sel.adapters.map((a) => a.id))
  const rows = listed.map((a) => {
    const found = detectAdapter(a, { home: ctx.home, env: ctx.env })
    const root = a.skills[sel.scope]
    const where = root ? `skills go to ${d.path(expandPath(root, bases))}` : `no ${sel.scope} skills folder`
    const check = `agent ${a.id}`
    const seen = found.detected ? `detected (${d.path(found.via!)})` : 'not detected'
    if (targets.has(a.id) && !root) return row(check, 'warn', `${seen}; ${where}: install writes no skills for it`, `it reads only ${sel.scope === 'global' ? 'project' : 'global'} skills (see scope in the config)`)
    if (found.detected) return row(check, 'ok', `${seen}; ${where}`)
    if (targets.has(a.id)) {
      return row(check, 'warn', `not detected on this machine; ${where} anyway`, `${ctx.agents ? 'given with --agent' : 'listed in agents in the config'}: is it installed? (\`dotskills agents\` shows how each agent is detected)`)
    }
    return row(check, 'ok', `not detected (install skips it); ${where.replace('skills go to', 'its skills would go to')}`)
  })
  if (sel.wanted === 'detected' && !ctx.agents && sel.adapters.length === 0) {
    rows.push(row('agents', 'warn', 'no agent detected: install would write nothing', 'install an agent, or list agents in the config (agents: [claude-code])'))
  }
  return rows
}

/**
 * One `writable` row per folder install or sync writes to: each target agent's skills folder and
 * the folders of its extra files, dotskills' cache and state. A folder not made yet is checked at
 * its nearest existing parent; nothing is created.
 */
export function writableRows(ctx: Context, sel: AgentSelection, d: Display): CheckRow[] {
  const bases: PathBases = { home: ctx.home, project: ctx.project }
  const folders = new Map<string, string[]>()
  const add = (abs: string, who: string) => {
    const list = folders.get(abs) ?? []
    if (!list.includes(who)) list.push(who)
    folders.set(abs, list)
  }
  for (const a of sel.adapters) {
    const root = a.skills[sel.scope]
    if (root) add(expandPath(root, bases), a.id)
    for (const o of a.outputs ?? []) {
      const spec = o.path[sel.scope]
      if (spec) add(outputFolder(spec, bases), a.id)
    }
  }
  add(ctx.cacheDir, 'dotskills cache')
  add(ctx.stateDir, 'dotskills state')
  return [...folders].map(([abs, who]) => writableRow(abs, `${d.path(abs)} (${who.join(', ')})`, d))
}

/** The folder an adapter output is written in: the path up to its first `{{…}}` segment, or its parent. */
function outputFolder(spec: string, bases: PathBases): string {
  const segs = spec.split('/')
  const templated = segs.findIndex((s) => s.includes('{{'))
  const folder = (templated >= 0 ? segs.slice(0, templated) : segs.slice(0, -1)).join('/')
  return folder === '' ? bases.project : expandPath(folder, bases)
}

function writableRow(abs: string, label: string, d: Display): CheckRow {
  let at = abs
  for (;;) {
    let isDir: boolean
    try {
      isDir = statSync(at).isDirectory()
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(at) !== at) {
        at = dirname(at)
        continue
      }
      return row('writable', 'fail', `${label}: cannot check ${d.path(at)} (${code})`, `check the owner and permissions of ${d.path(dirname(at))}`)
    }
    if (!isDir) return row('writable', 'fail', `${label}: ${d.path(at)} is a file, not a folder`, `move ${d.path(at)} out of the way`)
    let writable = true
    try {
      accessSync(at, constants.W_OK | constants.X_OK)
    } catch {
      writable = false
    }
    if (at === abs) {
      return writable ? row('writable', 'ok', `${label}: writable`) : row('writable', 'fail', `${label}: not writable`, `check the owner and permissions of ${d.path(at)}`)
    }
    return writable
      ? row('writable', 'ok', `${label}: not there yet; ${d.path(at)} is writable`)
      : row('writable', 'fail', `${label}: cannot be made: ${d.path(at)} is not writable`, `check the owner and permissions of ${d.path(at)}`)
  }
}
