// The example skill `dotskills init` puts in a new repo: small, lint-clean (it says when to use
// it, names only files it has), and a model of the sections a good skill has.

/** The example skill's files, relative to the skills folder. */
export function exampleSkill(): Record<string, string> {
  return {
    'write-commit-message/SKILL.md': `---
name: write-commit-message
description: Write a commit message for the staged changes in this repository's style. Use when the user asks to commit, or to write or improve a commit message.
---

# Write a commit message

## When to use

The user asks for a commit, or for a commit message for the staged changes.

## Steps

1. Read the staged changes with \`git diff --cached\`.
2. Read the last messages with \`git log --oneline -10\` and follow their style.
3. Write a subject line of at most 72 characters in the imperative mood, a blank line, and a body
   that says why the change was made.

## Gotchas

- Nothing staged: say so and stop; do not stage files on your own.
`,
  }
}
