// Cursor. Paths: reference/agents.md §1 row "Cursor" [P cursor.com/docs/skills.md]: project
// `.cursor/skills/`, user `~/.cursor/skills/`; it also reads `.agents/skills` (newer docs) and, for
// compatibility, `.claude/skills` and `.codex/skills`: enabling those adapters as well makes a skill
// appear twice. Extra field: disable-model-invocation (skill-format.md §7.5 [S]).
// Rule output: agents.md §2 "Cursor" [rules S, ≥4 consistent sources]: `.cursor/rules/*.mdc` with
// `description` (string), `globs` (unquoted), `alwaysApply` (bool); description only and
// alwaysApply false = "Agent Requested". Plain `.md` in .cursor/rules may not load → `.mdc`.
// The description is written unquoted, as rulesync writes it (its cursor-rule.ts:
// "MDC files don't support quotes"), folded to one line so a multi-line description cannot break it.
// Binary: the Cursor CLI installs `cursor-agent` [S, third-party pages]; its newer alias `agent` is
// too generic a name to mean Cursor, so it is not listed.
import type { AgentAdapter } from '../types.js'

const cursor: AgentAdapter = {
  id: 'cursor',
  name: 'Cursor',
  skills: { global: '~/.cursor/skills', project: '.cursor/skills' },
  extraFields: ['disable-model-invocation'],
  detect: { dirs: ['~/.cursor'], bins: ['cursor-agent'] },
  outputs: [
    {
      kind: 'file',
      per: 'per-skill',
      path: { project: '.cursor/rules/{{name}}.mdc' },
      template:
        '---\n' +
        'description: {{oneLine skill.description}}\n' +
        'alwaysApply: false\n' +
        '---\n' +
        'Use the `{{skill.name}}` skill: read `{{skill.path}}` and follow its instructions.\n',
    },
  ],
  notes: 'also reads .agents/skills and .claude/skills (a skill in both shows twice); .mdc rule format is [S]',
  evidence: { level: 'primary', sources: ['cursor.com/docs/skills', '.mdc rule format: peer tools (rulesync cursor-rule.ts) and third-party pages'] },
}

export default cursor
