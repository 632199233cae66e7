import { fileURLToPath } from 'node:url'

/**
 * The package's root folder (package.json, schemas/). This module sits one level under it in
 * every layout: lib/ when run from source, dist/ (a chunk of the bundle) when built. Modules
 * deeper in lib/ resolve package files through it, since their own depth changes when bundled.
 */
export const packageDir: string = fileURLToPath(new URL('..', import.meta.url))
