// Goose. Paths: reference/agents.md §1 row "Goose" [P block/goose using-skills.md @0b282cf5]:
// project `.agents/skills/`, user `~/.agents/skills/`; `.goose/skills`, `.claude/skills` and
// `~/.config/goose/skills` are compatibility roots. We write only the `.agents/skills` roots, shared
// with the `agents` adapter. Frontmatter: name + description (skill-format.md §7.5) → spec only.
// Binary `goose`: agents.md §2 (`goose skills list`).
import type { AgentAdapter } from '../types.js'

const goose: AgentAdapter = {
  id: 'goose',
  name: 'Goose',
  skills: { global: '~/.agents/skills', project: '.agents/skills' },
  extraFields: [],
  detect: { dirs: ['~/.config/goose'], bins: ['goose'] },
  notes: 'shares .agents/skills with the agents adapter; also reads .claude/skills (a skill in both shows twice)',
  evidence: { level: 'primary', sources: ['block/goose docs using-skills.md'] },
}

export default goose
