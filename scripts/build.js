#!/usr/bin/env node
// Build: bundles lib/ into dist/ with esbuild, then precompiles the JSON Schema validators and
// writes the build id (scripts/build-validators.js). Type checking is `tsc --noEmit`, run by
// `npm run build` before this script.
//
// Why a bundle: every command pays Node's ES module loader per file at start-up. Loading the ~150
// modules of lib/ plus yargs's and yaml's ~60 cost more than the commands' own work on small
// inputs (a no-op `sync`, `lint` of one skill). One file for the start-up path, with code
// splitting so what a command imports lazily (learn, sources, the lint engine) stays lazy.
// What package.json lists in "dependencies" stays external and loads from node_modules, lazily,
// in the commands that need it; everything else is bundled: yargs and yaml (every command loads
// them) and isomorphic-git (with native zlib and SHA-1, below), all devDependencies.
import { build } from 'esbuild'
import { readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const dist = join(root, 'dist')

/** runtime dependencies are left to node_modules; everything else imported is bundled */
const external = Object.keys(pkg.dependencies ?? {}).flatMap((d) => [d, `${d}/*`])
/**
 * Bundled CommonJS packages that lib/ imports with import(): esbuild gives those only a default
 * export (module.exports), and the code takes `.default` on purpose.
 */
const DYNAMIC_CJS = new Set(['isomorphic-git'])

/**
 * isomorphic-git checks each object's SHA-1 with crypto.subtle when the platform has it (Node
 * does): an async round trip to the thread pool per object, where Node's crypto.createHash,
 * which isomorphic-git uses otherwise, answers at once. Reading the 549 files of a 200-skill
 * source back out of the object store went ~0.1 s faster. The build fails if the line changes.
 */
const syncSha1 = {
  name: 'isomorphic-git-sync-sha1',
  setup(b) {
    b.onLoad({ filter: /[\\/]isomorphic-git[\\/]index\.cjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8')
      const line = 'let supportsSubtleSHA1 = null;'
      if (!text.includes(line)) throw new Error(`${args.path}: "${line}" not found; review scripts/build.js's isomorphic-git-sync-sha1`)
      return { contents: text.replace(line, 'let supportsSubtleSHA1 = false; // scripts/build.js: Node\'s synchronous SHA-1'), loader: 'js' }
    })
  },
}

rmSync(dist, { recursive: true, force: true }) // no stale chunk can survive a rebuild
const result = await build({
  absWorkingDir: root,
  // docs.js is only for scripts/gen-docs.js (package.json "files" leaves it out)
  entryPoints: ['lib/cli.ts', 'lib/docs.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external,
  // string-width (used by yargs's help layout) builds an Intl.Segmenter and a \p{RGI_Emoji}
  // regex when it is imported: ~35 ms of every command's start-up, for a width that only --help
  // needs. fast-string-width has the same call signature and compiles its regexes on first use.
  //
  // isomorphic-git inflates git objects with pako, zlib in JavaScript; lib/sources/pako-native.ts
  // gives it Node's native zlib under the same API (see there).
  alias: { 'string-width': 'fast-string-width', pako: './lib/sources/pako-native.ts' },
  // bundled CommonJS (yaml) calls require() for Node's built-ins: give each chunk one
  banner: { js: "import { createRequire as __dotskillsCreateRequire } from 'node:module'; const require = __dotskillsCreateRequire(import.meta.url);" },
  plugins: [syncSha1],
  sourcemap: 'linked',
  legalComments: 'none', // the licences of bundled packages go to dist/THIRD-PARTY-LICENSES.md whole
  metafile: true,
  logLevel: 'warning',
})

// A bundled CommonJS package imported with import() gets only a default export (esbuild), where
// Node would give named ones: `const { stringify } = await import('yaml')` breaks only when built.
// (A dynamic import of a package resolves to its entry file; that file's format decides.)
for (const [file, { imports }] of Object.entries(result.metafile.inputs)) {
  for (const i of imports) {
    const pkgName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i.path)?.[1]
    if (i.kind === 'dynamic-import' && pkgName && !i.external && result.metafile.inputs[i.path]?.format === 'cjs' && !DYNAMIC_CJS.has(pkgName)) {
      throw new Error(`${file}: import('${i.original ?? i.path}') of a bundled package; import it statically from a module that is itself loaded lazily`)
    }
  }
}

// Everything bundled from node_modules keeps its licence text beside the bundle.
const packages = new Map()
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
  if (!m) continue
  const meta = JSON.parse(readFileSync(join(root, m[1], 'package.json'), 'utf8'))
  packages.set(`${meta.name}@${meta.version}`, { dir: m[1], meta }) // one entry for copies nested twice
}
const notices = [...packages.keys()].sort().map((key) => {
  const { dir, meta } = packages.get(key)
  const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)([-.]|$)/i.test(f))
  const head = `## ${meta.name} ${meta.version} (${meta.license})\n\n`
  if (file) return `${head}\`\`\`\n${readFileSync(join(root, dir, file), 'utf8').trim()}\n\`\`\`\n`
  // a few packages ship no licence file (clean-git-ref): say what they declare, and where the text is
  if (!meta.license) throw new Error(`${dir}: bundled, but declares no licence`)
  const author = typeof meta.author === 'string' ? meta.author : meta.author?.name
  const repo = typeof meta.repository === 'string' ? meta.repository : meta.repository?.url
  return `${head}The package ships no licence file. It declares the ${meta.license} licence (full text: https://spdx.org/licenses/${meta.license}.html)${author ? `; author: ${author}` : ''}${repo ? `; source: ${repo}` : ''}.\n`
})
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.md'), `# Licences of the packages bundled into dist/\n\nGenerated by scripts/build.js.\n\n${notices.join('\n')}`)

// The validators' inputs (profiles, schemas) come from lib/ too: bundle them into a module one
// level under the root, where lib/package-dir.ts expects to be, import it, and delete it.
const inputs = join(dist, 'build-inputs.mjs')
await build({
  absWorkingDir: root,
  stdin: {
    contents: [
      "export { AJV_OPTIONS, exportName, loadSchema } from './lib/lint/schema-check.ts'",
      "export { profiles } from './lib/lint/profiles/index.ts'",
      "export { profileSchema } from './lib/lint/profiles/profile.ts'",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile: inputs,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external,
  logLevel: 'warning',
})
try {
  const { buildValidators } = await import('./build-validators.js')
  await buildValidators(await import(pathToFileURL(inputs).href), dist)
} finally {
  rmSync(inputs, { force: true })
}

const size = (f) => readFileSync(join(dist, f)).length
const js = readdirSync(dist).filter((f) => f.endsWith('.js'))
if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js was not written')
console.error(`dist/: ${js.length} modules, ${(js.reduce((n, f) => n + size(f), 0) / 1024).toFixed(0)} KiB, ${packages.size} bundled packages`)
