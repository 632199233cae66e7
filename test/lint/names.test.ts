// The option choices are plain lists (lib/lint/names.ts) so that start-up loads no profile or
// formatter; they must name exactly what exists.
import t from 'tap'
import { DEFAULT_PROFILE, FORMATTER_NAMES, PROFILE_IDS } from '../../lib/lint/names.js'
import { formatterNames } from '../../lib/lint/formatters/index.js'
import { getProfile, profileIds } from '../../lib/lint/profiles/index.js'

t.test('profile ids and formatter names match the modules', async (t) => {
  t.same([...PROFILE_IDS], profileIds)
  t.same([...FORMATTER_NAMES], formatterNames)
  t.ok(getProfile(DEFAULT_PROFILE), 'the default profile exists')
})
