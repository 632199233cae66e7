// OpenClaw. Paths: reference/agents.md §1 row "OpenClaw" [P openclaw/openclaw docs/tools/skills.md
// @00d92d90]: user `~/.openclaw/skills` (managed, what `openclaw skills install --global` uses);
// workspace `<workspace>/skills/` (highest precedence) and `<workspace>/.agents/skills`; it also
// reads `~/.agents/skills` in its default state. Follows symlinks only inside the root.
// No project root here, on purpose: the workspace is OpenClaw's own folder (not a code project),
// a project's `skills/` is often the user's source folder (a dotfiles repo's), which we must not
// own, and `.agents/skills` is written by the `agents` adapter with spec fields only — writing it
// here too, with OpenClaw's extra fields, would plan different bytes for the same files.
// Extra fields: skill-format.md §7.3 (same as the openclaw lint profile).
// Binary `openclaw`: agents.md §2 (`openclaw skills install`).
import type { AgentAdapter } from '../types.js'

const openclaw: AgentAdapter = {
  id: 'openclaw',
  name: 'OpenClaw',
  skills: { global: '~/.openclaw/skills' },
  extraFields: ['homepage', 'user-invocable', 'disable-model-invocation', 'command-dispatch', 'command-tool', 'command-arg-mode'],
  detect: { dirs: ['~/.openclaw'], bins: ['openclaw'] },
  notes: 'global only: a workspace reads <workspace>/.agents/skills (the agents adapter); also reads ~/.agents/skills (a skill in both shows twice)',
  evidence: { level: 'primary', sources: ['openclaw/openclaw docs/tools/skills.md'] },
}

export default openclaw
