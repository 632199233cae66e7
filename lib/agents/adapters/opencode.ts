// OpenCode. Paths: reference/agents.md §1 row "OpenCode" [P opencode.ai/docs/skills]: project
// `.opencode/skills/` (walking up to the git worktree root), user `~/.config/opencode/skills/`; it
// also reads `.claude/skills` and `.agents/skills`, so enabling those adapters as well makes a skill
// appear twice. Frontmatter: spec fields only (skill-format.md §7.5 [P]).
// Binary `opencode`: opencode.ai/docs install [P].
import type { AgentAdapter } from '../types.js'

const opencode: AgentAdapter = {
  id: 'opencode',
  name: 'OpenCode',
  skills: { global: '~/.config/opencode/skills', project: '.opencode/skills' },
  extraFields: [],
  detect: { dirs: ['~/.config/opencode'], bins: ['opencode'] },
  notes: 'also reads .claude/skills and .agents/skills (a skill in both shows twice)',
  evidence: { level: 'primary', sources: ['opencode.ai/docs/skills'] },
}

export default opencode
