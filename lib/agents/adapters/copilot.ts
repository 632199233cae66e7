// GitHub Copilot (CLI, coding agent, VS Code). Paths: reference/agents.md §1 row "GitHub Copilot"
// [P github/docs creating-adding-skills.md]: project `.github/skills/`, user `~/.copilot/skills/`;
// it also reads `.agents/skills` and `.claude/skills` (both scopes), so enabling those adapters as
// well makes a skill appear twice. Extra fields: skill-format.md §7.4 (VS Code agent mode [S]).
// No `.github/instructions/<name>.instructions.md` output: agents.md §2 documents `applyTo` (globs)
// and `description` but no on-demand mode, so `applyTo: "**"` would load every skill's pointer into
// every request, and Copilot reads the skill folders natively anyway.
// Binary `copilot`: docs.github.com "Installing GitHub Copilot CLI" [P].
import type { AgentAdapter } from '../types.js'

const copilot: AgentAdapter = {
  id: 'copilot',
  name: 'GitHub Copilot',
  skills: { global: '~/.copilot/skills', project: '.github/skills' },
  extraFields: ['argument-hint', 'user-invocable', 'disable-model-invocation'],
  detect: { dirs: ['~/.copilot'], bins: ['copilot'] },
  notes: 'also reads .agents/skills and .claude/skills (a skill in both shows twice); no .instructions.md output (it would be always-on)',
  evidence: { level: 'primary', sources: ['github/docs creating-adding-skills.md'] },
}

export default copilot
