// A lint profile: the spec schema plus what one agent documents on top of it, and the rule
// severities that fit that agent. Profiles are overlays, so the spec core stays single-sourced.
import type { Severity } from '../types.js'

export type JsonSchema = Record<string, unknown>

export interface Profile {
  id: string
  /** one line: who the profile is for */
  description: string
  /** extra or replaced frontmatter fields: field name → JSON Schema */
  fields?: Record<string, JsonSchema>
  /** spec fields this agent does not read */
  dropFields?: string[]
  /** required fields when they differ from the spec's name + description */
  required?: string[]
  /** rule severities that differ from the rules' defaults */
  severities?: Record<string, Severity>
}

/** The profile's frontmatter schema: the spec schema with the profile's overlay applied. */
export function profileSchema(spec: JsonSchema, profile: Profile): JsonSchema {
  if (!profile.fields && !profile.dropFields && !profile.required) return spec
  const properties = { ...(spec.properties as Record<string, JsonSchema>), ...profile.fields }
  for (const f of profile.dropFields ?? []) delete properties[f]
  return {
    ...spec,
    $id: String(spec.$id).replace(/\.schema\.json$/, `.${profile.id}.schema.json`),
    title: `${spec.title} — ${profile.id} profile`,
    required: profile.required ?? spec.required,
    properties,
  }
}

/** Claude Code and VS Code read booleans leniently; YAML 1.2 sees `yes` as a string. */
export const lenientBoolean: JsonSchema = {
  anyOf: [{ type: 'boolean' }, { enum: ['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'] }],
}
export const stringOrList: JsonSchema = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
}
