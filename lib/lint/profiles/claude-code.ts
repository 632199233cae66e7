import { lenientBoolean, stringOrList, type Profile } from './profile.js'

// Fields from the Claude Code CHANGELOG (see docs/lint-rules.md for versions).
export const claudeCode: Profile = {
  id: 'claude-code',
  description: 'Claude Code: spec fields plus its documented extras; name optional (defaults to the folder)',
  required: ['description'],
  fields: {
    'allowed-tools': stringOrList,
    'disallowed-tools': stringOrList,
    'argument-hint': { type: 'string' },
    'disable-model-invocation': lenientBoolean,
    'user-invocable': lenientBoolean,
    model: { type: 'string' },
    effort: { type: 'string' },
    context: { enum: ['fork'] },
    agent: { type: 'string' },
    background: lenientBoolean,
    hooks: { type: 'object' },
    paths: stringOrList,
    'display-name': { type: 'string' },
    'default-enabled': lenientBoolean,
    fallback: { type: 'string' },
    when_to_use: { type: 'string' },
    // Claude Code accepts any metadata values (and kebab/snake/camel keys)
    metadata: { type: 'object' },
  },
  severities: { 'name-matches-folder': 'warn', 'yaml-flow-style': 'off' },
}
