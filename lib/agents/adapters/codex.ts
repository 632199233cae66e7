// Codex CLI. Paths: reference/agents.md §1 row "Codex CLI" [P codex-rs/core-skills/src/loader.rs]:
// project `.agents/skills` (every folder from the project root down to cwd), user `~/.agents/skills`;
// `$CODEX_HOME/skills` (= `~/.codex/skills`) is deprecated and read as well, so we write only the
// `.agents/skills` roots, shared with the `agents` adapter (one skill in two roots shows twice).
// Frontmatter: name, description, metadata.short-description; nothing else (skill-format.md) → spec only.
// Binary `codex`: openai/codex README [P] ("run `codex`").
import type { AgentAdapter } from '../types.js'

const codex: AgentAdapter = {
  id: 'codex',
  name: 'Codex CLI',
  skills: { global: '~/.agents/skills', project: '.agents/skills' },
  extraFields: [],
  detect: { dirs: ['~/.codex'], bins: ['codex'] },
  notes: 'shares .agents/skills with the agents adapter; also reads the deprecated ~/.codex/skills (keep skills out of it)',
  evidence: { level: 'primary', sources: ['openai/codex codex-rs/core-skills/src/loader.rs'] },
}

export default codex
