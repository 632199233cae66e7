// `dotskills doctor`'s checks, in table order: config, lock, cache, agents, writable folders,
// credentials, git. Each check gives rows; a problem is a row, never a thrown error (except a
// usage error, such as an unknown --agent). Nothing here writes, fetches or prompts.
import { requireConfig, type LoadedConfig } from '../config/load.js'
import type { Context } from '../context.js'
import { DotskillsError } from '../errors.js'
import { selectAgents, type AgentSelection } from '../engine/prepare.js'
import type { SourceSpec } from '../sources/specifier.js'
import { configSources } from '../sources/sync.js'
import { agentRows, writableRows } from './agents.js'
import { gitRow } from './git.js'
import { display, errorRow, row, type CheckRow } from './rows.js'
import { cacheRows, credentialRows, lockRow } from './sources.js'

export type { CheckRow, Status } from './rows.js'

export async function runDoctor(ctx: Context): Promise<CheckRow[]> {
  const d = display(ctx.home)
  let config: LoadedConfig | undefined
  let specs: SourceSpec[] | undefined
  let configRow: CheckRow
  try {
    config = await requireConfig(ctx.cwd, ctx.configPath)
    specs = configSources(config, ctx.home)
    configRow = row('config', 'ok', d.path(config.path))
  } catch (err) {
    if (!(err instanceof DotskillsError)) throw err
    configRow = errorRow('config', err, d)
  }

  let sel: AgentSelection
  try {
    sel = await selectAgents(ctx, config)
  } catch (err) {
    // the config's agents, adapters or profile are wrong: say so, and show the built-in agents
    if (!(err instanceof DotskillsError) || err.code === 'E_USAGE' || !config) throw err
    if (configRow.status === 'ok') configRow = errorRow('config', err, d)
    sel = await selectAgents(ctx)
  }
  if (configRow.status === 'ok' && sel.profile) configRow.detail += ` (machine profile ${sel.profile.name})`

  const rows: CheckRow[] = [configRow]
  if (config && specs) {
    const { row: lock, lock: read } = await lockRow(ctx, config, specs, d)
    rows.push(lock)
    if (read) rows.push(...(await cacheRows(ctx, config, specs, read, d)))
  }
  rows.push(...agentRows(ctx, sel, d), ...writableRows(ctx, sel, d))
  if (specs) rows.push(...(await credentialRows(ctx, specs, d)))
  rows.push(gitRow(ctx, d))
  return rows
}
