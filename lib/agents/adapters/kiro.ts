// Kiro. Paths: reference/agents.md §1 row "Kiro" [S: vercel-labs/skills `kiro-cli`, rulesync,
// ruler PR#780]: project `.kiro/skills/`, user `~/.kiro/skills/`. Whether it reads `.agents/skills`
// is unknown. No documented frontmatter extras → spec only.
// Binary `kiro-cli` [S]: the Kiro CLI (successor of the Amazon Q Developer CLI), third-party docs.
import type { AgentAdapter } from '../types.js'

const kiro: AgentAdapter = {
  id: 'kiro',
  name: 'Kiro',
  skills: { global: '~/.kiro/skills', project: '.kiro/skills' },
  extraFields: [],
  detect: { dirs: ['~/.kiro'], bins: ['kiro-cli'] },
  notes: '[S only] skill paths from peer tools, not from Kiro docs; re-verify',
  evidence: { level: 'secondary', sources: ['vercel-labs/skills (kiro-cli)', 'rulesync', 'ruler PR #780'] },
}

export default kiro
