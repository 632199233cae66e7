import type { Profile } from './profile.js'

export const opencode: Profile = {
  id: 'opencode',
  description: 'OpenCode: the spec fields without allowed-tools; name must match the folder',
  dropFields: ['allowed-tools'],
}
