// The command list. Adding a command = one file in this folder + one line here.
import add from './add.js'
import agents from './agents.js'
import diff from './diff.js'
import install from './install.js'
import learn from './learn.js'
import lint from './lint.js'
import list from './list.js'
import reAdd from './re-add.js'
import remove from './remove.js'
import schema from './schema.js'
import status from './status.js'
import sync from './sync.js'
import uninstall from './uninstall.js'
import update from './update.js'
import verify from './verify.js'
import type { CommandDefinition } from './types.js'

export const commands: readonly CommandDefinition[] = [lint, add, remove, sync, update, install, status, diff, verify, list, uninstall, reAdd, agents, learn, schema]
