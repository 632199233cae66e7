// The command list. Adding a command = one file in this folder + one line here.
import lint from './lint.js'
import schema from './schema.js'
import type { CommandDefinition } from './types.js'

export const commands: readonly CommandDefinition[] = [lint, schema]
