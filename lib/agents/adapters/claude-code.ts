// Claude Code. Paths: reference/agents.md §1 row "Claude Code" [P]: project `.claude/skills/`,
// user `~/.claude/skills/` (moves with $CLAUDE_CONFIG_DIR). It does not read `.agents/skills`, so
// it always needs its own folder. Extra fields: reference/skill-format.md §7.1 [P CHANGELOG]
// (same list as the claude-code lint profile; allowed-tools is a spec field and always kept).
// Binary `claude`: skill-format.md §5 (`claude plugin validate`).
import type { AgentAdapter } from '../types.js'

const claudeCode: AgentAdapter = {
  id: 'claude-code',
  name: 'Claude Code',
  skills: { global: '~/.claude/skills', project: '.claude/skills' },
  extraFields: [
    'argument-hint',
    'disable-model-invocation',
    'user-invocable',
    'disallowed-tools',
    'model',
    'effort',
    'context',
    'agent',
    'background',
    'hooks',
    'paths',
    'display-name',
    'default-enabled',
    'fallback',
    'when_to_use',
  ],
  detect: { dirs: ['~/.claude'], bins: ['claude'] },
  notes: 'does not read .agents/skills; with $CLAUDE_CONFIG_DIR set, override skills.global in config',
  evidence: { level: 'primary', sources: ['Claude Code skills docs', 'Claude Code CHANGELOG'] },
}

export default claudeCode
