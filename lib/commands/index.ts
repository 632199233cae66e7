// The command list. Adding a command = one file in this folder + one line here.
import agents from './agents.js'
import diff from './diff.js'
import install from './install.js'
import lint from './lint.js'
import list from './list.js'
import reAdd from './re-add.js'
import schema from './schema.js'
import status from './status.js'
import uninstall from './uninstall.js'
import verify from './verify.js'
import type { CommandDefinition } from './types.js'

export const commands: readonly CommandDefinition[] = [lint, install, status, diff, verify, list, uninstall, reAdd, agents, schema]
