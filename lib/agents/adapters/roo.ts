// Roo Code. Paths: reference/agents.md §1 row "Roo Code" [P docs.roocode.com/features/skills,
// RooCodeInc/Roo-Code#10513]: project `.roo/skills/`, user `~/.roo/skills/` (skills since 3.38.0,
// can be restricted to modes). Whether it reads `.agents/skills` is unknown. Spec fields only.
// Status [S]: rulesync marks Roo end-of-life, continued as "Zoo Code".
// No binary (a VS Code extension): detection by folder only.
import type { AgentAdapter } from '../types.js'

const roo: AgentAdapter = {
  id: 'roo',
  name: 'Roo Code',
  skills: { global: '~/.roo/skills', project: '.roo/skills' },
  extraFields: [],
  detect: { dirs: ['~/.roo'] },
  notes: '[S] end-of-life per rulesync, continued as Zoo Code; skills need Roo Code 3.38 or later',
  evidence: { level: 'primary', sources: ['docs.roocode.com/features/skills', 'RooCodeInc/Roo-Code#10513'] },
}

export default roo
