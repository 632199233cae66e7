// Amp. Paths: reference/agents.md §1 row "Amp" [S only: vercel-labs/skills agents.ts, guides]:
// project `.agents/skills/` (shared with the `agents` adapter); user roots are
// `~/.config/agents/skills`, `~/.config/amp/skills` and `~/.claude/skills` — Amp does NOT read
// `~/.agents/skills`, so the global root is its own `~/.config/amp/skills`.
// Frontmatter: no documented extras → spec only. Binary `amp`: agents.md §2 (`amp skill add`) [S].
import type { AgentAdapter } from '../types.js'

const amp: AgentAdapter = {
  id: 'amp',
  name: 'Amp',
  skills: { global: '~/.config/amp/skills', project: '.agents/skills' },
  extraFields: [],
  detect: { dirs: ['~/.config/amp'], bins: ['amp'] },
  notes: '[S only] paths from vercel-labs/skills and third-party guides; also reads .claude/skills and ~/.claude/skills',
  evidence: { level: 'secondary', sources: ['vercel-labs/skills src/agents.ts', 'third-party guides'] },
}

export default amp
