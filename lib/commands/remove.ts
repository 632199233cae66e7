// `dotskills remove <source|skill>`: take a source out of the config and the lock, or leave one
// skill of a source out (added to the source's exclude). The next install removes what it had
// installed of them from the agents; files the user changed are kept, as always.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import type { CommandDefinition } from './types.js'

const removeCommand: CommandDefinition<{ target: string }> = {
  command: 'remove <target>',
  aliases: ['rm'],
  describe: 'Remove a source from the config and dotskills.lock, or leave one of its skills out',
  positionals: {
    target: { describe: 'a source (its name, or the URL/shorthand it was added with), or a skill a source brings', type: 'string' },
  },
  examples: [
    ['$0 remove team-skills', 'the source and all its skills'],
    ['$0 remove pdf', 'one skill of a source (written to the source\'s exclude)'],
  ],
  async run(args, ctx) {
    const { requireConfig } = await import('../config/load.js')
    const { configSources } = await import('../sources/sync.js')
    const { parseSource, sourceKey } = await import('../sources/specifier.js')
    const { readLock, writeLock } = await import('../sources/lockfile.js')
    const { withSourcesRemoved, withSourceExclude } = await import('../config/edit.js')
    const { writeAtomic } = await import('../engine/state.js')
    const { usageError } = await import('../errors.js')
    const config = await requireConfig(ctx.cwd, ctx.configPath)
    const specs = configSources(config, ctx.home)
    const lock = await readLock(config.dir)
    const text = readFileSync(config.path, 'utf8')
    const shown = relative(ctx.cwd, config.path) || config.path

    let key: string | undefined
    try {
      key = sourceKey(parseSource(args.target, { baseDir: ctx.cwd, home: ctx.home }))
    } catch {
      key = undefined // not a specifier: a name
    }
    const index = specs.findIndex((s) => s.name === args.target || (key !== undefined && sourceKey(s) === key))
    if (index >= 0) {
      const spec = specs[index]
      const had = Object.keys(lock.sources[spec.name]?.skills ?? {}).length
      const newText = withSourcesRemoved(config.path, text, [index])
      delete lock.sources[spec.name]
      writeAtomic(config.path, newText)
      writeLock(config.dir, lock)
      const msg = `removed source ${spec.name}${had ? ` (${had} skill${had === 1 ? '' : 's'})` : ''} from ${shown} and dotskills.lock; \`dotskills install\` removes its skills from the agents`
      return { exitCode: 0, stdout: ctx.quiet ? '' : msg + '\n' }
    }

    const owner = specs.findIndex((s) => lock.sources[s.name]?.skills[args.target])
    if (owner >= 0) {
      const spec = specs[owner]
      const exclude = [...(spec.exclude ?? []), args.target]
      const newText = withSourceExclude(config.path, text, owner, exclude)
      const entry = lock.sources[spec.name]
      delete entry.skills[args.target]
      entry.exclude = exclude
      writeAtomic(config.path, newText)
      writeLock(config.dir, lock)
      const msg = `left skill ${args.target} out of source ${spec.name} (exclude in ${shown}); \`dotskills install\` removes it from the agents`
      return { exitCode: 0, stdout: ctx.quiet ? '' : msg + '\n' }
    }
    const { ownSkillNames } = await import('../skills/own.js')
    const own = (await ownSkillNames(config)).find((s) => s.name === args.target)
    throw usageError(`no source or source skill "${args.target}" in the config`, {
      path: config.path,
      hint: own ? `"${args.target}" is one of the repo's own skills: delete its folder (${relative(ctx.cwd, own.where) || own.where}) instead` : `sources: ${specs.map((s) => s.name).join(', ') || 'none'}`,
    })
  },
}

export default removeCommand
