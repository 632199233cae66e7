// Windsurf (Cascade). Paths: reference/agents.md §1 row "Windsurf" [P docs.windsurf.com cascade/skills]:
// project `.windsurf/skills/<name>/`, user `~/.codeium/windsurf/skills/<name>/`; does not read
// `.agents/skills`. Frontmatter: spec only (skill-format.md §7.5).
// Status [S]: being renamed "Devin Desktop"; peers now write `.devin/skills` — re-verify.
// No binary evidence in the references: detection by folder only.
import type { AgentAdapter } from '../types.js'

const windsurf: AgentAdapter = {
  id: 'windsurf',
  name: 'Windsurf',
  skills: { global: '~/.codeium/windsurf/skills', project: '.windsurf/skills' },
  extraFields: [],
  detect: { dirs: ['~/.codeium/windsurf'] },
  notes: '[S] being renamed Devin Desktop; peers now write .devin/skills, so these paths may move',
  evidence: { level: 'primary', sources: ['docs.windsurf.com cascade/skills'] },
}

export default windsurf
