import type { Rule } from '../types.js'
import { positionsIn } from './text-position.js'

/**
 * `/Users/alice`, `/home/bob`, `C:\Users\carol`, `C:/Users/carol`, `C:\\Users\\carol` (JSON).
 * The user segment is required: `/home/` alone names no one, and a templated one (`<name>`,
 * `$USER`, `{user}`, `%USERNAME%`) is not a name. The lookbehind keeps out `https://host/home/x`,
 * `/var/home`, `~/home` and `$HOME/…`.
 */
const HOME_PATH = /(?<![\w.~$%-])(?:\/(?:Users|home)\/|[A-Za-z]:(?:\\{1,2}|\/)(?:Users|Documents and Settings)(?:\\{1,2}|\/))([\p{L}\p{N}._-]*[\p{L}\p{N}_-])/gu

/**
 * User names that are not anyone's machine. The real corpus (431 skills) has 13 home paths and
 * every one is a documentation placeholder (`/Users/you`, `/Users/myuserName`, `C:/Users/userName`,
 * `C:\Users\example`, `/home/jdoe`) or a container account (`/home/agent`): paths meant to be
 * adapted, not leaked from the author's machine, so they are not flagged. Likewise system folders
 * (`C:\Users\Public`, `/Users/Shared`) and well-known service accounts (`/home/runner` on GitHub
 * Actions, `/home/linuxbrew`), which are the same on every machine of their kind.
 */
const PLACEHOLDER_USER = /^(?:(?:my|your)?(?:user|username|name|profile|account|login|id)|you|me|example|sample|someone|somebody|foo|bar|test|demo|john|jane|jdoe|johndoe|janedoe)$/
const SHARED_ACCOUNT = new Set([
  'shared', 'public', 'default', 'all', 'runner', 'ubuntu', 'node', 'vscode', 'codespace', 'jovyan', 'agent', 'linuxbrew',
])
/** `GET /Users/2819c223-7f76-…` (SCIM) and `/Users/123`: record ids in REST paths, not accounts. */
const RECORD_ID = /^\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-/i

const rule: Rule = {
  id: 'no-home-path',
  severity: 'warn',
  docs: 'absolute home-directory paths (/Users/alice/…, /home/bob/…, C:\\Users\\carol\\…) in any file of the skill: they exist only on the author\'s machine; use ~ or a path relative to the skill',
  checkText(file, _skill, report) {
    // cheap pre-check on the bytes: the regex below is costly and almost no file has a home path
    const { bytes } = file
    if (!bytes.includes('/home/') && !bytes.includes('Users') && !bytes.includes('Documents and Settings')) return
    const { text } = file
    const position = positionsIn(text)
    for (const m of text.matchAll(HOME_PATH)) {
      const user = m[1].toLowerCase().replace(/[._-]/g, '')
      if (PLACEHOLDER_USER.test(user) || SHARED_ACCOUNT.has(user) || RECORD_ID.test(m[1])) continue
      report({
        file: file.path,
        message: `home-directory path "${m[0]}" exists only on one machine; use ~ or a path relative to the skill`,
        ...position(m.index!),
      })
    }
  },
}
export default rule
