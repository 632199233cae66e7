// The shared `.agents/skills` convention. reference/agents.md §2 "The .agents/skills convention"
// [P agentskills client guide]: project `.agents/skills`, user `~/.agents/skills` (Amp and vercel's
// "universal" target use `~/.config/agents/skills` instead). Read natively by Codex, Cursor, Copilot,
// Gemini (alias), OpenCode, Goose, Amp (project), OpenClaw; not by Claude Code or Windsurf. The
// codex, goose and cline adapters write these same roots (one copy serves all of them).
// `.agents/` is shared territory (vercel lock, dotagents .gitignore, rulesync rules): dotskills owns
// only the skill folders it wrote. Spec fields only: it is read by many agents.
import type { AgentAdapter } from '../types.js'

const agents: AgentAdapter = {
  id: 'agents',
  name: 'Agent Skills (.agents/skills)',
  skills: { global: '~/.agents/skills', project: '.agents/skills' },
  extraFields: [],
  detect: { dirs: ['~/.agents'] },
  notes: 'shared folder read by Codex, Cursor, Copilot, Gemini CLI, OpenCode, Goose, Amp (project only), OpenClaw; not Claude Code or Windsurf',
  evidence: { level: 'primary', sources: ['agentskills.io client implementation guide'] },
}

export default agents
