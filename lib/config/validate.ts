// Config schema check: ajv errors turned into one readable sentence each, with the path of
// the offending setting so load.ts can point at its line.
import { configValidator } from '../lint/schema-check.js'

export interface ConfigError {
  path: (string | number)[]
  message: string
  /** point at the setting's key (unknown names) or at its value */
  at: 'key' | 'value'
}

export function validateConfig(config: unknown): ConfigError[] {
  const validator = configValidator()
  if (validator(config)) return []
  const seen = new Set<string>()
  const out: ConfigError[] = []
  for (const e of validator.errors ?? []) {
    // anyOf branches and propertyNames' inner enum are summed up by their parent error
    if (e.schemaPath.includes('/anyOf/') || (e.propertyName && e.keyword === 'enum')) continue
    const path: (string | number)[] = e.instancePath ? e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : []
    let message: string
    if (e.keyword === 'additionalProperties') {
      path.push(String(e.params.additionalProperty))
      message = `unknown setting "${path.join('.')}"`
    } else if (e.keyword === 'propertyNames') {
      path.push(String(e.params.propertyName))
      message = `unknown rule "${e.params.propertyName}" in ${path.slice(0, -1).join('.')}`
    } else if (e.keyword === 'enum') {
      message = `${path.join('.') || 'config'} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`
    } else if (e.keyword === 'anyOf') {
      message = `${path.join('.')} must be a string or a list of strings`
    } else {
      message = `${path.join('.') || 'config'} ${e.message}`
    }
    const key = path.join('.')
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path, message, at: e.keyword === 'additionalProperties' || e.keyword === 'propertyNames' ? 'key' : 'value' })
  }
  return out
}
