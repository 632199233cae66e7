// Shared by the end-to-end tests: small skill projects and checks on CLI output.
import type { notMatch } from 'tap'
import type { CliRun } from './run-cli.js'

/** stops the upward config search at the test project */
export const PKG = JSON.stringify({ name: 'project', private: true })

export const skillMd = (name: string, description: string, extra = '', body = '# Title\n\nSteps.\n') =>
  `---\nname: ${name}\ndescription: ${description}\n${extra}---\n${body}`

/** three skills: one clean, one with an error (line 4), one with a warning (line 4, column 11) */
export const THREE = {
  'package.json': PKG,
  skills: {
    clean: { 'SKILL.md': skillMd('clean', 'Formats changelog entries. Use when writing release notes.') },
    broken: { 'SKILL.md': skillMd('broken', 'Renames image files by date. Use when sorting photos.', 'version: 1\n') },
    warned: { 'SKILL.md': skillMd('warned', 'Summarises meeting transcripts. Use when asked for minutes.', 'metadata: {owner: docs-team}\n') },
  },
}

/** the stylish report of THREE, linted as `dotskills lint skills` */
export const STYLISH_THREE =
  'skills/broken/SKILL.md\n' +
  '  4:1  error    unknown field "version" for the spec profile; move it under metadata or pick an agent profile with --profile  frontmatter-unknown-field\n' +
  '\n' +
  'skills/warned/SKILL.md\n' +
  '  4:11  warning  flow-style mapping; strict validators such as skills-ref reject it (use block style)  yaml-flow-style\n' +
  '\n' +
  '✖ 2 problems (1 error, 1 warning) in 3 skills\n'

/** a skill that is an error in the spec profile and clean for copilot / claude-code (argument-hint) */
export const DIALECT = { 'SKILL.md': skillMd('demo', 'Drafts pull request descriptions. Use when opening a PR.', 'argument-hint: "[branch]"\n') }

/** a skill whose only finding is a body-size warning */
export const LONG_BODY = {
  'SKILL.md': skillMd('long', 'Explains every flag of a large CLI. Use when someone asks about a flag.', '', Array.from({ length: 510 }, (_, i) => `Line ${i + 1}.`).join('\n') + '\n'),
}

export const ANSI = /\x1b\[/

export const noStack = (t: { notMatch: typeof notMatch }, r: CliRun) => t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
