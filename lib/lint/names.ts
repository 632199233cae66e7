// The ids of the lint profiles and formatters, for the commands' option choices. Plain data, so
// that registering the commands (every run) does not load every profile and formatter; a test
// checks these lists against profiles/index.ts and formatters/index.ts.
export const PROFILE_IDS = ['spec', 'claude-code', 'codex', 'copilot', 'openclaw', 'opencode'] as const
export const DEFAULT_PROFILE = 'spec'
export const FORMATTER_NAMES = ['stylish', 'json', 'github', 'sarif'] as const
