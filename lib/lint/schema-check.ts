// Frontmatter validation with ajv against the profile's schema. Compiled once per profile per
// run; the errors are shared by the schema rules (required, unknown field, type, name format,
// value constraints), each of which reports its own kind.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import { packageDir } from '../package-dir.js'
import { profileSchema, type JsonSchema, type Profile } from './profiles/profile.js'
import type { SchemaError } from './types.js'

let specSchema: JsonSchema | undefined
export function loadSchema(name: 'skill' | 'config' | 'adapter' | 'lock'): JsonSchema {
  return JSON.parse(readFileSync(join(packageDir, 'schemas', `${name}.schema.json`), 'utf8'))
}
export function skillSpecSchema(): JsonSchema {
  return (specSchema ??= loadSchema('skill'))
}

export const AJV_OPTIONS = { allErrors: true, strict: false } as const
/** the name a profile's validator is exported under in the precompiled module */
export const exportName = (id: string) => 'profile_' + id.replace(/-/g, '_')

/**
 * A validator compiled at build time (scripts/build-validators.js), when there is one: in
 * dist/validators/, beside the bundle chunk this module is part of.
 */
function precompiledValidator(name: string): ValidateFunction | undefined {
  try {
    return createRequire(import.meta.url)(`./validators/${name}.cjs`) as ValidateFunction
  } catch {
    return undefined // running from source: compile at run time
  }
}

const compiled = new Map<string, ValidateFunction>()

/** Compile at run time; ajv is loaded only then (it is slow to load), synchronously as CJS. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')
  return new Ajv2020(AJV_OPTIONS).compile(schema)
}

export function validatorFor(profile: Profile): ValidateFunction {
  let v = compiled.get(profile.id)
  if (!v) {
    v = precompiledValidator(exportName(profile.id)) ?? compileSchema(profileSchema(skillSpecSchema(), profile))
    compiled.set(profile.id, v)
  }
  return v
}

export function configValidator(): ValidateFunction {
  return documentValidator('config')
}

/** The validator of a file format's schema (config, lockfile), precompiled when built. */
export function documentValidator(name: 'config' | 'lock'): ValidateFunction {
  let v = compiled.get('\0' + name)
  if (!v) {
    v = precompiledValidator(name) ?? compileSchema(loadSchema(name))
    compiled.set('\0' + name, v)
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
