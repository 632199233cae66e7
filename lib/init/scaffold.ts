// `dotskills init [dir]`: the files of a new dotfiles repo. Nothing the user has is overwritten:
// a folder that already has a dotskills config is refused, other existing files are kept (a
// `.gitignore` gets the inbox line added when it lacks it), and every file is written atomically.
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { SEARCH_PLACES } from '../config/load.js'
import { writeAtomic } from '../engine/state.js'
import { DotskillsError } from '../errors.js'

/** The config files dotskills finds (a folder with one is set up already); a package.json is only a project's. */
const CONFIG_NAMES = SEARCH_PLACES.filter((p) => p !== 'package.json')
const INBOX_IGNORE = '.dotskills/'

const CONFIG = `# yaml-language-server: $schema=https://dotskills.dev/schemas/config.schema.json
# dotskills config. \`dotskills schema config\` prints every setting (and a schema file for
# editors that cannot fetch the one above).

# Folders with your own skills (a skill is a folder with a SKILL.md), relative to this file.
skills: skills

# Skills from other git repositories, pinned in dotskills.lock: \`dotskills add owner/repo\`.
sources: []

# Agents to install into: adapter ids (\`dotskills agents\` lists them), or "detected".
agents: detected

# global: the agents' user folders (~/.claude/skills, ...); project: folders in a project.
scope: global

lint:
  # spec = the strict Agent Skills standard; or an agent's profile (claude-code, codex, ...)
  profile: spec
`

const WORKFLOW = `# Lint the skills on every push and pull request; findings show as annotations on the diff.
name: Lint skills
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npx --yes dotskills lint --format github --max-warnings 0
`

export interface ScaffoldResult {
  dir: string
  created: string[]
  kept: string[]
  /** .gitignore had to be extended */
  updated: string[]
}

/** Write the repo's files into `dir`; `exampleSkill` gives the example skill's files (relative path → text). */
export function scaffoldRepo(dir: string, exampleSkill: Record<string, string>, cwd = dir): ScaffoldResult {
  const existing = CONFIG_NAMES.find((n) => existsSync(join(dir, n)))
  if (existing) {
    throw new DotskillsError('E_CONFLICT', 'a dotskills config is already here', { path: relative(cwd, join(dir, existing)) || existing, hint: 'edit it, or run `dotskills init <other folder>`' })
  }
  const files: Record<string, string> = {
    'dotskills.yaml': CONFIG,
    '.github/workflows/lint-skills.yml': WORKFLOW,
    ...Object.fromEntries(Object.entries(exampleSkill).map(([rel, text]) => [`skills/${rel}`, text])),
  }
  const result: ScaffoldResult = { dir, created: [], kept: [], updated: [] }
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel)
    if (existsSync(path)) result.kept.push(rel)
    else {
      writeAtomic(path, text)
      result.created.push(rel)
    }
  }
  const ignore = join(dir, '.gitignore')
  const comment = '# the `dotskills learn` inbox and its state: proposals are reviewed, not committed\n'
  if (!existsSync(ignore)) {
    writeAtomic(ignore, comment + INBOX_IGNORE + '\n')
    result.created.push('.gitignore')
  } else {
    const text = readFileSync(ignore, 'utf8')
    if (text.split(/\r?\n/).some((l) => l.trim() === INBOX_IGNORE || l.trim() === '.dotskills')) result.kept.push('.gitignore')
    else {
      writeAtomic(ignore, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${comment}${INBOX_IGNORE}\n`)
      result.updated.push('.gitignore')
    }
  }
  return result
}

/** Paths relative to `from`, for messages. */
export const shown = (from: string, dir: string, rel: string) => relative(from, join(dir, rel)) || rel
