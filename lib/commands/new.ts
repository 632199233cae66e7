// `dotskills new <name>`: scaffold a skill that lints clean, in the config's first skills folder
// (./skills without a config, or --dir). The skill is built in a hidden folder beside its
// final place and renamed into place last, so an error never leaves a half-written skill.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { basename, join, relative, resolve, sep } from 'node:path'
import type { CommandDefinition } from './types.js'

interface NewArgs {
  name: string
  dir?: string
  description?: string
  template?: boolean
}

/** The standard's limits (reference/skill-format.md §3). */
const MAX_NAME = 64
const MAX_DESCRIPTION = 1024

const newCommand: CommandDefinition<NewArgs> = {
  command: 'new <name>',
  describe: 'Create a skill folder with a SKILL.md that passes lint, ready to fill in',
  positionals: {
    name: { describe: 'skill name: lowercase letters, digits and single hyphens (also its folder name)', type: 'string' },
  },
  options: {
    dir: { describe: 'folder to create the skill in (default: the config\'s first skills folder, else ./skills)', type: 'string', requiresArg: true },
    description: { describe: 'what the skill does and when to use it (default: a placeholder to replace)', type: 'string', requiresArg: true },
    template: { alias: 'full', describe: 'a richer skill: also scripts/ with an example script and references/ with a reference page', type: 'boolean' },
  },
  examples: [
    ['$0 new release-notes', 'skills/release-notes/SKILL.md with a placeholder description'],
    ['$0 new pdf-forms --template --description "Fill PDF forms. Use when the user sends a PDF form."', 'with scripts/ and references/'],
    ['$0 new scratch --dir /tmp/skills', 'somewhere else'],
  ],
  async run(args, ctx) {
    const { usageError, pathError, DotskillsError } = await import('../errors.js')
    const { SKILL_NAME, discoverSkills } = await import('../skills/discover.js')
    const { loadConfig } = await import('../config/load.js')
    const { writeAtomic } = await import('../engine/state.js')

    const name = args.name
    if (name.length > MAX_NAME || !SKILL_NAME.test(name)) {
      const slug = toSkillName(name)
      throw usageError(`invalid skill name "${name}": ${name.length > MAX_NAME ? `${name.length} characters, the limit is ${MAX_NAME}` : 'use lowercase letters, digits and single hyphens'}`, {
        hint: slug && slug !== name ? `try \`dotskills new ${slug}\`` : 'a name such as `release-notes`',
      })
    }
    const description = (args.description ?? `Say what ${name} does here. Use when the user needs ${name}.`).replace(/\s+/g, ' ').trim()
    if (description === '') throw usageError('--description is empty', { hint: 'say what the skill does and when to use it' })
    if ([...description].length > MAX_DESCRIPTION) {
      throw usageError(`--description is ${[...description].length} characters; the limit is ${MAX_DESCRIPTION}`)
    }

    // the config gives the default folder, the lint settings, and whether install will see the skill
    const config = await loadConfig(ctx.cwd, ctx.configPath)
    const setting = config?.config.skills ?? 'skills'
    const roots = config ? (Array.isArray(setting) ? setting : [setting]).map((p) => resolve(config.dir, p)) : []
    const parent = args.dir !== undefined ? resolve(ctx.cwd, args.dir) : (roots[0] ?? resolve(ctx.cwd, 'skills'))
    const dir = join(parent, name)
    const shown = (p: string) => relative(ctx.cwd, p) || '.'
    const exists = () => new DotskillsError('E_CONFLICT', 'already exists; choose another name or remove the folder', { path: shown(dir) })
    if (existsSync(dir)) throw exists()
    // two skills of one name overwrite each other in every agent: install would refuse it later
    for (const root of roots.filter((r) => existsSync(r))) {
      const same = (await discoverSkills([root], ctx.cwd).catch(() => [])).find((s) => basename(s.dir) === name) // an empty folder has none
      if (same) throw new DotskillsError('E_CONFLICT', `a skill named "${name}" is already here; choose another name`, { path: shown(same.dir) })
    }

    const files = await scaffold(name, description, !!args.template)
    // Build beside the target (same file system, so the rename is atomic), then move into place.
    const tmp = join(parent, `.${name}.dotskills-new-${process.pid}`)
    try {
      for (const f of files) writeAtomic(join(tmp, ...f.path.split('/')), f.text, f.mode)
      renameSync(tmp, dir)
    } catch (err) {
      if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true })
      // a folder of that name made meanwhile: renaming onto it fails (unless it is empty)
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw exists()
      // the folder cannot be made or written (a file in the way, no permission, disk full)
      if (code) throw pathError(`cannot create the skill here (${code})`, { path: shown(parent) })
      throw err
    }

    // A given description may miss what lint asks for (a "when to use" clause, no XML tags):
    // the same linter install runs says so now, not at the next install.
    const { gateLint } = await import('../lint/gate.js')
    const gate = await gateLint([dir], config?.config.lint, ctx)
    const stderr = gate.report && !ctx.quiet ? gate.report.trimEnd().split('\n') : []

    const paths = files.map((f) => f.path)
    if (ctx.json) return { exitCode: 0, stdout: JSON.stringify({ name, dir, files: paths }, null, 2) + '\n', stderr }
    const inRoots = roots.some((r) => dir.startsWith(r + sep))
    const lines = [
      ...paths.map((p) => `created ${shown(join(dir, p))}`),
      `next: edit ${shown(join(dir, 'SKILL.md'))}, then check it with \`dotskills lint ${shown(dir)}\``,
      !config
        ? 'no dotskills config here: `dotskills init` makes one, then `dotskills install` installs your skills'
        : inRoots
          ? '`dotskills install` then installs it into your agents'
          : `note: ${shown(dir)} is outside the config's skills folders, so \`dotskills install\` will not see it`,
    ]
    return { exitCode: 0, stdout: ctx.quiet ? '' : lines.join('\n') + '\n', stderr }
  },
}

interface ScaffoldFile {
  /** relative to the skill folder, `/`-separated */
  path: string
  text: string
  mode: number
}

/** The files of a new skill: SKILL.md, and with `full` an example script and a reference page. */
async function scaffold(name: string, description: string, full: boolean): Promise<ScaffoldFile[]> {
  const title = name.charAt(0).toUpperCase() + name.slice(1).replace(/-/g, ' ')
  const steps = full
    ? [
        '1. Run `scripts/run.sh` on the input rather than retyping its commands: a script does the same thing every time.',
        '2. Replace with the next step. Name the exact commands, files and tools.',
        '3. Say how to check that the result is right.',
      ]
    : [
        '1. Replace with the first thing to do.',
        '2. Then the next. Name the exact commands, files and tools.',
        '3. Say how to check that the result is right.',
      ]
  const skillMd = [
    '---',
    (await frontmatter(name, description)).trimEnd(),
    '---',
    '',
    `# ${title}`,
    '',
    '<!-- Agents read only the name and description above until they choose this skill: the',
    'description must say what it does and when to use it. Keep this body short (under 500 lines)',
    'and move long material into separate files that it links to. -->',
    '',
    '## When to use',
    '',
    '- Replace with the requests and situations this skill is for.',
    '- Say when not to use it, if another skill or tool fits better.',
    '',
    '## Steps',
    '',
    ...steps,
    '',
    '## Gotchas',
    '',
    '- Replace with what tends to go wrong, and how to avoid it.',
    ...(full ? ['', '## Reference', '', `Read [the reference](references/REFERENCE.md) when you need the details of ${name}: it is loaded only then.`] : []),
    '',
  ].join('\n')
  const files: ScaffoldFile[] = [{ path: 'SKILL.md', text: skillMd, mode: 0o644 }]
  if (!full) return files
  const script = [
    '#!/bin/sh',
    `# Example script of the ${name} skill: replace it with the commands the agent should run`,
    '# exactly. Print short, plain results, and on a problem a message on stderr and a non-zero exit.',
    'set -eu',
    'if [ "$#" -ne 1 ]; then',
    "  echo 'usage: scripts/run.sh <input>' >&2",
    '  exit 2',
    'fi',
    `echo "${name}: got $1"`,
    '',
  ].join('\n')
  const reference = [
    `# ${title}: reference`,
    '',
    'Details the agent needs only sometimes: API notes, formats, long examples, edge cases.',
    'SKILL.md links here, so they cost nothing until the agent opens this page.',
    '',
  ].join('\n')
  files.push({ path: 'scripts/run.sh', text: script, mode: 0o755 }, { path: 'references/REFERENCE.md', text: reference, mode: 0o644 })
  return files
}

/** name and description as YAML */
async function frontmatter(name: string, description: string): Promise<string> {
  const { yamlText } = await import('../skills/yaml-text.js')
  return yamlText({ name, description })
}

/** The nearest valid name to what was typed, for the hint: "My Skill" → "my-skill". */
function toSkillName(typed: string): string {
  return typed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_NAME).replace(/-+$/, '')
}

export default newCommand
