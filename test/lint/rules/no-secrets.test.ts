import t from 'tap'
import { join } from 'node:path'
import { findingsOf, skillMd, where } from './helpers.js'

const USE = 'Test skill. Use when testing.'
// Fake keys are assembled at run time so this file never holds a literal token that secret
// scanners (GitHub push protection, our own rule on the repo) would flag.
const BODY36 = 'R4ndQmT0k3nV4lu3Q9w8E7r6T5y4U3i2O1pZ'
const github = 'gh' + 'p_' + BODY36
const aws = 'AKIA' + 'Q3XR7TNZ5LWB2M6K'
const openai = 'sk-' + 'proj-' + BODY36 + 'Xy9'
const anthropic = 'sk-' + 'ant-api03-' + BODY36 + 'Zq8W'
const slack = 'xox' + 'b-2048613957-9T3kLmNq2RsVw8Xy'
const google = 'AI' + 'za' + 'SyD3kLmNq2RsVw8XyZ1aB4cD6eF8gH0jK2m'
const stripe = 'sk_' + 'live_' + '9T3kLmNq2RsVw8XyZ1aB4cD6'
const npm = 'np' + 'm_' + BODY36
const pem = ['-----BEGIN RSA ' + 'PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7Vn3tQ2kL9mXp4RsWq8ZbY1cD6eF0gH2jK4lM6nO8pQ0rS2tU4', '-----END RSA PRIVATE KEY-----'].join('\n')

t.test('tokens and private keys are reported where they are, redacted', async (t) => {
  const body = [
    `export GITHUB_TOKEN=${github}`, // 5
    `aws_access_key_id = ${aws}`, // 6
    `OPENAI_API_KEY="${openai}" ANTHROPIC_API_KEY=${anthropic}`, // 7
    `slack: ${slack}`, // 8
    `key=${google}&stripe=${stripe}`, // 9
    `//registry.npmjs.org/:_authToken=${npm}`, // 10
    '',
  ].join('\n')
  const root = t.testdir({
    a: { 'SKILL.md': skillMd('a', USE, body), scripts: { 'deploy.pem': `# key\n${pem}\n`, 'creds.json': JSON.stringify({ key: pem + '\n' }) } },
  })
  const found = await findingsOf('no-secrets', root)
  t.same(where(found), [[5, 21], [6, 21], [7, 17], [7, 84], [8, 8], [9, 5], [9, 52], [10, 34], [1, 9], [2, 1]])
  t.ok(found.every((f) => f.ruleId === 'no-secrets' && f.severity === 'error'))
  t.same(found.map((f) => f.file.slice(root.length + 1)), [...Array(8).fill('a/SKILL.md'), 'a/scripts/creds.json', 'a/scripts/deploy.pem'])
  t.match(found[0].message, /possible GitHub token "ghp_…"/)
  t.match(found[3].message, /Anthropic API key "sk-a…"/)
  t.match(found[8].message, /RSA private key block/)
  t.match(found[9].message, /RSA private key block/)
  for (const secret of [github, aws, openai, anthropic, slack, google, stripe, npm, BODY36]) {
    t.notOk(found.some((f) => f.message.includes(secret)), 'the secret itself is never printed')
  }
  t.equal(found[9].file, join(root, 'a/scripts/deploy.pem'))
})

t.test('documentation placeholders pass', async (t) => {
  const body = [
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'GITHUB_TOKEN=' + 'gh' + 'p_' + 'x'.repeat(36),
    'OPENAI_API_KEY=sk-... or sk-your-openai-api-key-goes-here-please',
    'token: <your-token>, xoxb-your-bot-token, ' + 'sk_' + 'live_' + '1234567890abcdefghijklmn',
    'private_key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIE...\\n-----END RSA PRIVATE KEY-----"',
    '-----BEGIN PRIVATE KEY-----',
    '...',
    '-----END PRIVATE KEY-----',
    'A regex for keys: AKIA[0-9A-Z]{16}',
    '',
  ].join('\n')
  const root = t.testdir({ a: { 'SKILL.md': skillMd('a', USE, body) } })
  t.same(await findingsOf('no-secrets', root), [])
})
