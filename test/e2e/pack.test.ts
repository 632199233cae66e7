// Packaging: `npm pack` ships only what runs, and the tarball works where a user gets it:
// installed with `npm install <tgz>` into an empty folder (runtime dependencies only, no
// repository around it) and run with `npx --package <tgz>`. Every npm and dotskills process gets
// a temp HOME and a temp npm cache, so nothing here touches the real home or the user's cache.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, linkSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { builtinModules } from 'node:module'
import { basename, dirname, join, sep } from 'node:path'
import { ROOT, runCli } from '../helpers/run-cli.js'

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

/** the tarball may hold these and nothing else */
const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^bin\/dotskills\.js$/,
  /^schemas\/[a-z]+\.schema\.json$/,
  /^dist\/[\w-]+\.js$/, // the bundle: cli.js and its chunks (no .map: the sources they map to are not shipped)
  /^dist\/validators\/[\w-]+\.cjs$/, // precompiled schema validators (scripts/build-validators.js)
  /^dist\/build-id\.txt$/, // the lint cache keys on it
  /^dist\/THIRD-PARTY-LICENSES\.md$/, // the licences of what the bundle holds
]
/** a generous ceiling (the tarball is ~0.2 MB): a fixture folder or a bench corpus slipping in fails here */
const MAX_TARBALL = 1024 * 1024

/** npm's own CLI scripts: the ones running this test when it runs under `npm test` / `npx tap`, else the first on PATH */
function npmCommand(tool: 'npm' | 'npx'): [string, string[]] {
  const exec = process.env.npm_execpath
  if (exec && /^np[mx]-cli\.js$/.test(basename(exec))) return [process.execPath, [join(dirname(exec), `${tool}-cli.js`)]]
  return [tool, []]
}

/**
 * A copy of the user's npm cache for the test's npm runs, so they resolve from it without
 * writing into it: the index (small, and cacache appends to its bucket files) is copied; the
 * content files (content-addressed, never changed once written) are hard links where the file
 * system allows, else copies. A missing cache is fine: npm then fetches from the registry.
 */
function copyNpmCache(to: string): void {
  const from = join(process.env.npm_config_cache || (process.platform === 'win32' ? join(process.env.LOCALAPPDATA ?? homedir(), 'npm-cache') : join(homedir(), '.npm')), '_cacache')
  if (!existsSync(join(from, 'index-v5'))) return
  cpSync(join(from, 'index-v5'), join(to, '_cacache', 'index-v5'), { recursive: true })
  const content = join(from, 'content-v2')
  if (!existsSync(content)) return
  for (const rel of readdirSync(content, { recursive: true }).map(String)) {
    const src = join(content, rel)
    const dst = join(to, '_cacache', 'content-v2', rel)
    if (!statSync(src).isFile()) continue
    mkdirSync(dirname(dst), { recursive: true })
    try {
      linkSync(src, dst)
    } catch {
      copyFileSync(src, dst) // another file system, or links not allowed
    }
  }
}

/** every file under `dir`, relative, `/`-separated, sorted */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort()

t.test('npm pack ships only what runs; the tarball installs and runs with npm install and npx', async (t) => {
  // installs ~95 packages twice (npm install, npx): seconds with a warm cache, longer when the
  // registry has to be asked (a cache filled by `npm ci` has tarballs but no package metadata)
  t.setTimeout(300_000)
  const work = mkdtempSync(join(tmpdir(), 'dotskills-pack-'))
  t.teardown(() => rmSync(work, { recursive: true, force: true }))
  const home = join(work, 'home')
  const cache = join(work, 'npm-cache')
  mkdirSync(home)
  copyNpmCache(cache)

  // A clean environment: none of the npm_config_* a parent `npm test` exports (its prefix, its
  // userconfig in the real home), only the registry it uses, so the copied cache matches.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    USERPROFILE: home,
    npm_config_cache: cache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
  }
  for (const k of ['npm_config_registry', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SystemRoot', 'TEMP', 'TMP', 'TMPDIR']) {
    if (process.env[k]) env[k] = process.env[k]!
  }
  const run = (tool: 'npm' | 'npx', args: string[], cwd: string) => {
    const [cmd, pre] = npmCommand(tool)
    const r = spawnSync(cmd, [...pre, ...args], { cwd, env, encoding: 'utf8', timeout: 150_000 })
    return { code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') }
  }
  const timings: string[] = []
  const timed = <T>(what: string, f: () => T): T => {
    const start = Date.now()
    const out = f()
    timings.push(`${what} ${((Date.now() - start) / 1000).toFixed(1)} s`)
    return out
  }
  t.teardown(() => t.comment(`timings: ${timings.join(', ')}`))
  /** exit code `code`, with the run's output shown only when it is not */
  const exits = (r: { code: number | null; stdout: string; stderr: string }, code: number, what: string) =>
    t.equal(r.code, code, what, { stdout: r.stdout, stderr: r.stderr })

  // 1. Pack. `npm pack` runs `prepare` (the build) first; the test run's `pretest` has just built
  // dist/ (as every end-to-end test here assumes), so --ignore-scripts saves a second full build
  // and keeps pack at about a second.
  const packed = timed('pack', () => run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT))
  exits(packed, 0, 'npm pack')
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; size: number; unpackedSize: number; files: { path: string }[] }]
  t.equal(info.filename, `dotskills-${pkg.version}.tgz`)
  const tgz = join(work, info.filename)
  t.ok(existsSync(tgz), 'the tarball is in --pack-destination')
  t.ok(info.size < MAX_TARBALL, `tarball is ${info.size} bytes (limit ${MAX_TARBALL})`)
  t.comment(`tarball: ${info.files.length} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`)

  const files = info.files.map((f) => f.path).sort()
  t.same(files.filter((f) => !SHIPPED.some((re) => re.test(f))), [], 'nothing but bin/, dist/ (no source maps), schemas/, README, LICENSE and package.json')
  t.same(files.filter((f) => /(^|\/)(test|fixtures|bench|\.tap|node_modules)\/|\.ts$|\.map$/.test(f)), [], 'no tests, fixtures, benchmarks, TypeScript sources or source maps')
  const must = [
    'package.json',
    'README.md',
    'bin/dotskills.js',
    'dist/build-id.txt',
    'dist/validators/config.cjs',
    'dist/cli.js',
    'dist/THIRD-PARTY-LICENSES.md',
    ...readdirSync(join(ROOT, 'schemas')).map((f) => `schemas/${f}`),
    ...(existsSync(join(ROOT, 'LICENSE')) ? ['LICENSE'] : []),
  ]
  t.same(must.filter((f) => !files.includes(f)), [], 'the launcher, schemas, validators and build id are all there')
  t.notOk(files.includes('dist/docs.js'), 'dist/docs.js (only for scripts/gen-docs.js) is left out')
  // The bundle's own imports: Node built-ins, its chunks, and runtime dependencies. yargs, yaml
  // and isomorphic-git are bundled (devDependencies); an import of a package missing from
  // "dependencies" would fail only where the package is installed alone (checked for real below).
  const builtin = new Set(builtinModules)
  const imported = new Set<string>()
  for (const f of files.filter((f) => /^dist\/.+\.js$/.test(f))) {
    for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/(?:\bfrom |\bimport\(|\brequire\()"([^"$]+)"/g)) imported.add(m[1]!) // ($: a template's text, not an import)
  }
  const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')
  const strays = [...imported].filter((s) => !s.startsWith('./') && !s.startsWith('node:') && !builtin.has(s) && !(packageOf(s) in pkg.dependencies))
  t.same(strays, [], 'the bundle imports only built-ins, its own chunks and runtime dependencies')
  t.ok(imported.has('cosmiconfig'), 'and leaves the runtime dependencies external (cosmiconfig)')
  t.same([...imported].filter((s) => ['yargs', 'yaml', 'isomorphic-git', 'pako'].includes(packageOf(s))), [], 'yargs, yaml and isomorphic-git are bundled, pako replaced')
  const license = existsSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.md')) ? readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.md'), 'utf8') : ''
  for (const name of ['yargs', 'yaml', 'cliui', 'isomorphic-git']) t.match(license, new RegExp(`^## ${name} \\d`, 'm'), `the licence of bundled ${name} ships with it`)
  t.same(files.filter((f) => f.endsWith('.cjs') && !/^dist\/validators\//.test(f)), [], 'the only .cjs files are the generated validators')

  // 2. Install the tarball into an empty project: only the runtime dependencies come with it.
  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
  const installed = timed('npm install', () => run('npm', ['install', tgz, '--no-audit', '--no-fund', '--prefer-offline'], app))
  exits(installed, 0, 'npm install <tgz>')
  const pkgDir = join(app, 'node_modules', 'dotskills')
  t.same(filesUnder(pkgDir), files, 'the installed package holds exactly the packed files')
  for (const dev of Object.keys(pkg.devDependencies)) t.notOk(existsSync(join(app, 'node_modules', dev)), `dev dependency ${dev} is not installed`)
  for (const dep of Object.keys(pkg.dependencies)) t.ok(existsSync(join(app, 'node_modules', dep, 'package.json')), `dependency ${dep} is installed`)
  const shipped = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  t.same(shipped.bin, { dotskills: 'bin/dotskills.js' })
  t.equal(shipped.engines?.node, pkg.engines.node, 'engines is declared')

  // 3. Run what npm linked into node_modules/.bin (shebang, executable bit, relative imports).
  const bin = join(app, 'node_modules', '.bin', 'dotskills')
  if (process.platform !== 'win32') {
    const v = spawnSync(bin, ['--version'], { cwd: app, env, encoding: 'utf8' })
    t.equal(v.stdout, `${pkg.version}\n`, '`dotskills --version` prints the package version')
    exits({ code: v.status, stdout: v.stdout, stderr: v.stderr }, 0, 'node_modules/.bin/dotskills --version')
  }
  // lint and install through the installed launcher, in a temp home, with the test fs guard
  // (a write outside the home and the dotfiles copy fails the run)
  const dots = join(work, 'dots')
  cpSync(join(ROOT, 'examples', 'dotfiles'), dots, { recursive: true })
  mkdirSync(join(work, 'broken', 'bad-skill'), { recursive: true })
  writeFileSync(join(work, 'broken', 'bad-skill', 'SKILL.md'), '---\nname: bad-skill\ndescription: Renames files. Use when sorting photos.\nversion: 1\n---\n# Bad\n')
  const target = join(work, 'target-home')
  mkdirSync(target)
  const cli = (...args: string[]) => runCli(args, { cwd: dots, bin, env: { HOME: target } })

  const clean = timed('lint', () => cli('lint', join(dots, 'skills', 'commit-message')))
  exits(clean, 0, 'lint of a clean skill')
  t.equal(clean.stdout, '✔ 1 skill checked, no problems\n')
  const bad = cli('lint', join(work, 'broken'))
  exits(bad, 1, 'a lint error exits 1')
  t.match(bad.stdout, /4:1 +error +unknown field "version" for the spec profile.*frontmatter-unknown-field/)
  t.match(bad.stdout, '✖ 1 problem (1 error, 0 warnings) in 1 skill')

  const inst = timed('install', () => cli('install', '--config', dots, '--home', target))
  exits(inst, 0, 'install of the example dotfiles')
  t.match(inst.stdout, /^\d+ written, 0 removed, 5 agents \(claude-code, codex, cursor, copilot, gemini-cli\)$/m)
  const rules = join(target, '.claude', 'skills', 'code-review', 'references', 'house-rules.md')
  t.ok(existsSync(rules), 'the .hbs template was rendered without its suffix')
  t.notMatch(existsSync(rules) ? readFileSync(rules, 'utf8') : '{{', '{{', 'and has no template tags left')
  for (const root of ['.claude/skills', '.agents/skills', '.cursor/skills', '.copilot/skills', '.gemini/skills']) {
    t.same(readdirSync(join(target, root)).sort(), readdirSync(join(dots, 'skills')).sort(), `every example skill in ~/${root}`)
  }
  const status = cli('status', '--config', dots, '--home', target)
  exits(status, 0, 'status')
  t.equal(status.stdout, '', 'nothing left to do after install')
  const schema = cli('schema', 'config')
  exits(schema, 0, 'schema config')
  t.same(JSON.parse(schema.stdout), JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8')), 'the shipped schemas are found')

  // 4. npx from the tarball, in a folder that is no project (npx installs it into its own cache).
  const elsewhere = join(work, 'elsewhere')
  mkdirSync(elsewhere)
  const npxVersion = timed('npx --version', () => run('npx', ['--yes', '--prefer-offline', '--package', tgz, 'dotskills', '--version'], elsewhere))
  exits(npxVersion, 0, 'npx --package <tgz> dotskills --version')
  t.equal(npxVersion.stdout, `${pkg.version}\n`, '`npx --package <tgz> dotskills --version`')
  const npxLint = timed('npx lint', () => run('npx', ['--yes', '--prefer-offline', '--package', tgz, 'dotskills', 'lint', join(work, 'broken')], elsewhere))
  exits(npxLint, 1, 'lint through npx exits 1 on the broken skill')
  t.match(npxLint.stdout, 'frontmatter-unknown-field')
  t.ok(existsSync(join(cache, '_npx')), 'npx installed into the temp cache, not the real one')
})
