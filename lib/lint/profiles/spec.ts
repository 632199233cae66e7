import type { Profile } from './profile.js'

export const spec: Profile = {
  id: 'spec',
  description: 'the Agent Skills standard, strictly: the six spec fields, ASCII names matching the folder',
}
