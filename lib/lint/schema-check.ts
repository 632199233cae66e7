// Frontmatter validation with ajv against the profile's schema. Compiled once per profile per
// run; the errors are shared by the schema rules (required, unknown field, type, name format,
// value constraints), each of which reports its own kind.
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { profileSchema, type JsonSchema, type Profile } from './profiles/profile.js'
import type { SchemaError } from './types.js'

let specSchema: JsonSchema | undefined
export function loadSchema(name: 'skill' | 'config'): JsonSchema {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8'))
}
export function skillSpecSchema(): JsonSchema {
  return (specSchema ??= loadSchema('skill'))
}

const compiled = new Map<string, ValidateFunction>()

export function validatorFor(profile: Profile): ValidateFunction {
  let v = compiled.get(profile.id)
  if (!v) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    v = ajv.compile(profileSchema(skillSpecSchema(), profile))
    compiled.set(profile.id, v)
  }
  return v
}

export function checkFrontmatter(data: Record<string, unknown>, profile: Profile): SchemaError[] {
  const validate = validatorFor(profile)
  if (validate(data)) return []
  return simplify(validate.errors ?? [])
}

/** ajv pointer `/metadata/a~1b` → ['metadata', 'a/b'] */
function pointerPath(pointer: string): string[] {
  if (!pointer) return []
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * One error per problem: anyOf branches are folded into the anyOf error, and a failed
 * `pattern` on an empty string is left to `minLength`.
 */
function simplify(errors: ErrorObject[]): SchemaError[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const out: SchemaError[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath) && /\/anyOf\//.test(e.schemaPath)) continue
    const path = pointerPath(e.instancePath)
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const key = String(e.params.missingProperty ?? e.params.additionalProperty)
      out.push({ keyword: e.keyword, path: [...path, key], message: e.message ?? '', params: e.params })
      continue
    }
    const id = e.instancePath
    if (seen.has(id)) continue // the first failing constraint of a value says enough
    seen.add(id)
    out.push({ keyword: e.keyword, path, message: e.message ?? '', params: e.params })
  }
  return out
}
