// Gemini CLI. Paths: reference/agents.md §1 row "Gemini CLI" [P docs/cli/skills.md]: project
// `.gemini/skills/` (trusted folders only), user `~/.gemini/skills/`; alias `.agents/skills` (alias
// not confirmed upstream). Its loader globs only `SKILL.md` and `*/SKILL.md`: flat layout only.
// Frontmatter: name and description; the rest is ignored (skill-format.md §7.5 [P]) → spec only.
// Status [S]: rulesync dropped its target citing retirement on 2026-06-18 in favour of Antigravity.
// Binary `gemini`: agents.md §2 (`gemini skills install`).
import type { AgentAdapter } from '../types.js'

const geminiCli: AgentAdapter = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
  skills: { global: '~/.gemini/skills', project: '.gemini/skills' },
  extraFields: [],
  detect: { dirs: ['~/.gemini'], bins: ['gemini'] },
  notes: '[S] retirement announced for 2026-06-18 (Antigravity); project skills load in trusted folders only; also reads .agents/skills',
  evidence: { level: 'primary', sources: ['google-gemini/gemini-cli docs/cli/skills.md', 'skillLoader.ts'] },
}

export default geminiCli
