import { stringify } from 'yaml'

/**
 * Plain fields as YAML text; the yaml package quotes a value only where it must ("a: b",
 * "true"). Its own module so that commands can load it lazily: a bundled CommonJS package
 * such as yaml cannot be imported dynamically by name (the bundle gives it only a default export).
 */
export const yamlText = (fields: Record<string, string>): string => stringify(fields, { lineWidth: 0 })
