// `dotskills add <source>`: fetch a source, lint what it brings, then write it into the config
// and its pin into dotskills.lock. Nothing is written when any step fails (or the skills have
// lint errors, unless --no-lint): the config and the lock change together or not at all.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { CommandDefinition } from './types.js'
import type { SpecOverrides } from '../sources/specifier.js'

interface AddArgs extends SpecOverrides {
  source: string
  lint?: boolean
}

const addCommand: CommandDefinition<AddArgs> = {
  command: 'add <source>',
  describe: 'Add a source of skills (git repository or folder) to the config and pin it in dotskills.lock',
  positionals: {
    source: { describe: 'owner/repo[/path][@ref], an https URL, git@host:path, or a ./folder', type: 'string' },
  },
  options: {
    name: { describe: 'name of the source (default: from the URL or path)', type: 'string', requiresArg: true },
    ref: { describe: 'branch, tag or commit (default: the default branch)', type: 'string', requiresArg: true },
    path: { describe: 'folder inside the repository to take skills from', type: 'string', requiresArg: true },
    include: { describe: 'only skills matching these names (* wildcard)', type: 'string', array: true, requiresArg: true },
    exclude: { describe: 'leave out skills matching these names (* wildcard)', type: 'string', array: true, requiresArg: true },
    auth: { describe: 'env:NAME: the variable holding a token (or user:password) for this source', type: 'string', requiresArg: true },
    lint: { describe: 'lint the skills it brings; add nothing if any has an error (--no-lint skips)', type: 'boolean', default: true },
  },
  examples: [
    ['$0 add anthropics/skills/skills', 'every skill under skills/ of github.com/anthropics/skills'],
    ['$0 add https://git.example.com/team/skills.git --auth env:TEAM_TOKEN', 'a private repository; the token stays in the environment'],
    ['$0 add owner/repo@v1.2.0 --include "review-*"', 'a tag, and only some of its skills'],
  ],
  async run(args, ctx) {
    const { loadConfig } = await import('../config/load.js')
    const { parseSource, sourceKey, toConfigEntry } = await import('../sources/specifier.js')
    const { configSources } = await import('../sources/sync.js')
    const { openSources } = await import('../sources/session.js')
    const { withSourceAdded, newConfigText } = await import('../config/edit.js')
    const { usageError } = await import('../errors.js')
    const { writeAtomic } = await import('../engine/state.js')

    const found = await loadConfig(ctx.cwd, ctx.configPath)
    const configPath = found?.path ?? newConfigPath(ctx.configPath ?? ctx.cwd)
    const configDir = join(configPath, '..')
    const overrides = { name: args.name, ref: args.ref, path: args.path, include: args.include, exclude: args.exclude, auth: args.auth }
    const spec = parseSource(args.source, { baseDir: ctx.cwd, home: ctx.home, overrides })
    const existing = found ? configSources(found, ctx.home) : []
    const same = existing.find((s) => s.name === spec.name || sourceKey(s) === sourceKey(spec))
    if (same) {
      throw usageError(`${same.name === spec.name ? `a source named "${spec.name}"` : `this source (as "${same.name}")`} is already in the config`, {
        path: configPath,
        hint: same.name === spec.name ? 'choose another --name' : '`dotskills update ' + same.name + '` moves it to the newest commit',
      })
    }
    const entry = toConfigEntry(spec, args.source, { configDir, home: ctx.home })
    const oldText = found ? readFileSync(configPath, 'utf8') : undefined
    const newText = oldText === undefined ? newConfigText(entry) : withSourceAdded(configPath, oldText, entry)

    // the config as it will be, in memory: sync pins the new source against it
    const config = found
      ? { ...found, config: { ...found.config, sources: [...(found.config.sources ?? []), entry] } }
      : { path: configPath, dir: configDir, config: { sources: [entry] } }
    const session = await openSources(ctx, config)
    const { results, lock } = await session.sync({ only: new Set([spec.name]) })
    const added = results[0]
    // the notes on what was typed (credentials ignored, ssh rewritten to https): the config gets
    // the rewritten entry, whose own parse has none
    const stderr = [...spec.notes, ...added.notes.filter((n) => !spec.notes.includes(n))].map((n) => `note: ${n}`)
    if (added.skills.length === 0) {
      throw usageError(`source ${spec.name} has no skills${spec.path ? ` under ${spec.path}` : ''}${spec.include || spec.exclude ? ' that pass --include/--exclude' : ''} (a skill is a folder with a SKILL.md)`, {
        hint: 'check the URL, --path and --ref',
      })
    }
    const { checkSkillNames, ownSkillNames } = await import('../skills/own.js')
    const others = await ownSkillNames(config)
    for (const r of Object.entries(session.lock.sources)) {
      if (r[0] !== spec.name) for (const name of Object.keys(r[1].skills)) others.push({ name, where: `source ${r[0]}` })
    }
    checkSkillNames(others, added.skills.map((s) => ({ name: s.name, where: `source ${spec.name} (${s.path})` })), configPath)

    if (args.lint !== false) {
      const { lintSourceSkills } = await import('../sources/lint.js')
      const report = await lintSourceSkills(added, found?.config.lint, ctx)
      stderr.push(...report.lines)
      if (report.errors > 0) {
        return {
          exitCode: 1,
          stderr: [...stderr, `dotskills: ${spec.name} was not added: its skills have ${report.errors} lint error${report.errors === 1 ? '' : 's'} (add it anyway with --no-lint)`],
        }
      }
    }
    writeAtomic(configPath, newText)
    session.save(lock)
    const pin = added.entry.commit ? ` @ ${added.entry.commit.slice(0, 12)}` : ''
    const names = added.skills.map((s) => s.name).sort()
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify({ name: spec.name, url: spec.url ?? null, dir: added.entry.dir ?? null, commit: added.entry.commit ?? null, skills: names, config: configPath }, null, 2) + '\n', stderr }
    const where = relative(ctx.cwd, configPath) || configPath
    const lines = [
      `added ${spec.name}${pin}: ${names.length} skill${names.length === 1 ? '' : 's'} (${names.join(', ')})`,
      `${oldText === undefined ? 'created' : 'updated'} ${where} and dotskills.lock; \`dotskills install\` installs them`,
    ]
    return { exitCode: 0, stdout: ctx.quiet ? '' : lines.join('\n') + '\n', stderr }
  },
}

/** Where `add` creates a config when there is none: --config's file, or dotskills.yaml in the folder. */
function newConfigPath(at: string): string {
  return /\.(ya?ml|json)$/.test(at) || (existsSync(at) && !isDir(at)) ? at : join(at, 'dotskills.yaml')
}

const isDir = (p: string) => statSync(p).isDirectory()

export default addCommand
