import type { Profile } from './profile.js'

// Codex reads name, description and metadata.short-description; it ignores everything else.
export const codex: Profile = {
  id: 'codex',
  description: 'Codex CLI: reads name, description and metadata.short-description; other fields are ignored (warned)',
  fields: {
    metadata: {
      type: 'object',
      properties: { 'short-description': { type: 'string', minLength: 1, maxLength: 1024 } },
    },
    'allowed-tools': {},
  },
  severities: { 'name-matches-folder': 'off', 'yaml-flow-style': 'off', 'frontmatter-unknown-field': 'warn' },
}
