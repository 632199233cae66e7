// `dotskills schema [name]`: print one of the published JSON Schemas (for editors and CI).
import { PROFILE_IDS } from '../lint/names.js'
import type { CommandDefinition } from './types.js'

const SCHEMAS = ['skill', 'config', 'adapter', 'lock'] as const

const schemaCommand: CommandDefinition<{ name: (typeof SCHEMAS)[number]; profile?: string }> = {
  command: 'schema [name]',
  describe: 'Print a JSON Schema: skill frontmatter, config or agent adapter',
  positionals: {
    name: { describe: 'which schema', choices: SCHEMAS, default: 'skill', type: 'string' },
  },
  options: {
    profile: {
      describe: 'skill schema of an agent profile instead of the strict spec',
      choices: PROFILE_IDS,
      type: 'string',
    },
  },
  examples: [
    ['$0 schema config > dotskills.schema.json', 'save the config schema for an editor'],
    ['$0 schema skill --profile claude-code', 'frontmatter accepted by Claude Code'],
  ],
  async run(args) {
    const { loadSchema } = await import('../lint/schema-check.js')
    let schema = loadSchema(args.name)
    if (args.name === 'skill' && args.profile) {
      const { profileSchema } = await import('../lint/profiles/profile.js')
      const { getProfile } = await import('../lint/profiles/index.js')
      schema = profileSchema(schema, getProfile(args.profile)!)
    }
    return { exitCode: 0, stdout: JSON.stringify(schema, null, 2) + '\n' }
  },
}

export default schemaCommand
