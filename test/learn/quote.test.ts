// Evidence quotes keep one short line of a log, with anything that looks like a credential
// replaced: transcripts hold secrets, and the inbox is written to the user's repo.
import t from 'tap'
import { quote } from '../../lib/learn/quote.js'

const GH = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5'
const OPENAI = 'sk-proj-' + 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3'

t.test('credentials are replaced, the rest is kept', async (t) => {
  t.equal(quote(`git push https://x:${GH}@github.com/o/r.git`), 'git push https://x:[REDACTED]@github.com/o/r.git')
  t.equal(quote(`export OPENAI_API_KEY=${OPENAI}`), 'export OPENAI_API_KEY=[REDACTED]')
  t.equal(quote(`curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345" api`), 'curl -H "Authorization: Bearer [REDACTED]" api')
  t.equal(quote('mysql --password=hunter2secret -u root'), 'mysql --password=[REDACTED] -u root')
  t.equal(quote(`token ${GH}`), 'token [REDACTED]')
  t.equal(quote('git log --oneline -5'), 'git log --oneline -5', 'ordinary text untouched')
  t.notMatch(quote(`a\n-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----`), /AAAAAAAA/)
})

t.test('one line, cut to the limit', async (t) => {
  t.equal(quote('  a\n\n  b\tc  '), 'a b c')
  const long = quote('x'.repeat(500))
  t.equal(long.length, 240)
  t.ok(long.endsWith('…'))
  t.equal(quote('abcdef', 4), 'abc…')
})
