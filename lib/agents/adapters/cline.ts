// Cline. Paths: reference/agents.md §1 row "Cline" [S: vercel-labs/skills src/agents.ts;
// rulesync writes `.cline/skills` instead]: project `.agents/skills/`, user `~/.agents/skills/`,
// shared with the `agents` adapter. The skills feature itself is [P] docs.cline.bot but
// experimental (Settings → Features → Enable Skills). Frontmatter: no documented extras → spec only.
// No binary evidence in the references: detection by folder only.
import type { AgentAdapter } from '../types.js'

const cline: AgentAdapter = {
  id: 'cline',
  name: 'Cline',
  skills: { global: '~/.agents/skills', project: '.agents/skills' },
  extraFields: [],
  detect: { dirs: ['~/.cline'] },
  notes: '[S] paths per vercel-labs/skills (rulesync: .cline/skills); skills are experimental: enable them in Cline settings',
  evidence: { level: 'secondary', sources: ['vercel-labs/skills src/agents.ts (paths)', 'docs.cline.bot (the skills feature)'] },
}

export default cline
