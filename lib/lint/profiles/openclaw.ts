import { lenientBoolean, type Profile, type JsonSchema } from './profile.js'

const strings = { type: 'array', items: { type: 'string' } }

/** `metadata.openclaw` gating object (docs/tools/skills.md); older product names share it. */
const openclawMeta: JsonSchema = {
  type: 'object',
  properties: {
    emoji: { type: 'string' },
    requires: {
      type: 'object',
      properties: { bins: strings, anyBins: strings, env: strings, config: strings },
    },
    primaryEnv: { type: 'string' },
    os: { anyOf: [{ type: 'string' }, strings] },
    always: { type: 'boolean' },
    skillKey: { type: 'string' },
    install: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['brew', 'node', 'go', 'uv', 'download'] } },
      },
    },
  },
}

export const openclaw: Profile = {
  id: 'openclaw',
  description: 'OpenClaw: spec fields plus homepage and command dispatch fields; metadata.openclaw gating object',
  fields: {
    homepage: { type: 'string' },
    'user-invocable': lenientBoolean,
    'disable-model-invocation': lenientBoolean,
    'command-dispatch': { enum: ['tool'] },
    'command-tool': { type: 'string' },
    'command-arg-mode': { enum: ['raw'] },
    'allowed-tools': {},
    metadata: {
      type: 'object',
      properties: { openclaw: openclawMeta, clawdbot: openclawMeta, moltbot: openclawMeta, clawdis: openclawMeta },
      additionalProperties: { type: 'string' },
    },
  },
  severities: { 'name-matches-folder': 'warn', 'yaml-flow-style': 'off' },
}
