import { readFileSync } from 'node:fs'

/** The package version, read from package.json (one level above lib/ and dist/). */
export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version

/**
 * A hash of the compiled code, written by the build (scripts/build-validators.js); caches key on
 * it so that nothing computed by another build is reused. Running from source: a fresh value per
 * process, i.e. no reuse at all.
 */
export function buildId(): string {
  try {
    return readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim()
  } catch {
    return `source-${process.pid}-${Date.now()}`
  }
}
