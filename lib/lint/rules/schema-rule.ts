// Helpers shared by the rules that report frontmatter schema errors.
import type { LintSkill, SchemaError } from '../types.js'

export const fieldName = (path: readonly (string | number)[]) => path.map(String).join('.')

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data
  for (const seg of path) v = (v as Record<string | number, unknown> | undefined)?.[seg]
  return v
}

export function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'list'
  if (typeof v === 'object') return 'mapping'
  return typeof v
}

/** Code points, as the spec and JSON Schema count length (not UTF-16 units). */
export const codePoints = (s: string) => [...s].length

export function schemaErrors(skill: LintSkill, match: (e: SchemaError) => boolean): SchemaError[] {
  return skill.schemaErrors.filter(match)
}
