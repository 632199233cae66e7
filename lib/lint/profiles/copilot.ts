import { lenientBoolean, type Profile } from './profile.js'

// GitHub Copilot docs name name/description/license; VS Code agent mode also honours these.
export const copilot: Profile = {
  id: 'copilot',
  description: 'GitHub Copilot (CLI, coding agent, VS Code): spec fields plus argument-hint and invocation switches',
  fields: {
    'argument-hint': { type: 'string' },
    'user-invocable': lenientBoolean,
    'disable-model-invocation': lenientBoolean,
  },
  severities: { 'name-matches-folder': 'warn' },
}
