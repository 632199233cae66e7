// Every lint profile, by id. `spec` is the default.
import { claudeCode } from './claude-code.js'
import { codex } from './codex.js'
import { copilot } from './copilot.js'
import { opencode } from './opencode.js'
import { openclaw } from './openclaw.js'
import type { Profile } from './profile.js'
import { spec } from './spec.js'

export const profiles: readonly Profile[] = [spec, claudeCode, codex, copilot, openclaw, opencode]
export const profileIds = profiles.map((p) => p.id)
export { DEFAULT_PROFILE } from '../names.js'

export function getProfile(id: string): Profile | undefined {
  return profiles.find((p) => p.id === id)
}
