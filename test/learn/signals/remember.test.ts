// The remember detector (lib/learn/signals/remember.ts): its rule classifier, the skill a rule
// goes to, and the findings it draws from synthetic sessions of three agents (test/fixtures/learn/
// remember, see its SOURCES.md), read through the real readers. Each near miss is also checked to
// state a rule by wording, so its absence from the findings is the filter's doing.
import t from 'tap'
import { brief, cleanSessionsOf, detectIn, sessionsOf as sessionsOfFile } from '../../helpers/learn.js'
import { join, resolve } from 'node:path'
import { readSkill, skillIndex } from '../../../lib/learn/skills.js'
import remember, { CONFIDENCE, MAX_STANDING_CHARS, namedSkill, normalizeBullet, rememberRules, ruleOf, sentences } from '../../../lib/learn/signals/remember.js'
import type { Session } from '../../../lib/learn/signals/types.js'
import type { LogEvent } from '../../../lib/learn/types.js'

const ROOT = resolve(import.meta.dirname, '../../fixtures/learn/remember')
const skills = skillIndex(['release', 'deploy'].map((n) => readSkill(join(ROOT, 'skills', n), join(ROOT, 'skills', n, 'SKILL.md'), ROOT)))

const only = async (rel: string): Promise<Session> => {
  const s = await cleanSessionsOf(join(ROOT, 'sessions', rel))
  if (s.length !== 1) throw new Error(`${rel}: ${s.length} sessions`)
  return s[0]!
}


const detect = (s: Session) => detectIn(remember, s, skills)

const finding = (skill: string, bullet: string, evidence: string[]) => ({
  signal: 'remember',
  skill,
  edit: { kind: 'gotcha', bullets: [bullet] },
  key: `remember:${skill}:${normalizeBullet(bullet)}`,
  confidence: CONFIDENCE,
  evidence,
})

const texts = (s: Session, keep: (e: LogEvent) => boolean): string[] =>
  s.events.filter(keep).map((e) => ('text' in e ? e.text : e.kind === 'compaction' ? (e.summary ?? '') : ''))

t.test('detector metadata', async (t) => {
  t.equal(remember.id, 'remember')
  t.equal(remember.threshold, 1, 'an explicit rule counts once')
  t.equal(CONFIDENCE, 0.9)
  t.type(remember.describe, 'string')
})

t.test('classifier: which sentences state a standing rule, and the bullet they give', async (t) => {
  const rows: [string, string | undefined][] = [
    ['remember: always run `pnpm test` first', 'Always run `pnpm test` first'],
    ['Remember - tag after the changelog', 'Tag after the changelog'],
    ['remember, the registry is internal', 'The registry is internal'],
    ['remember that we deploy from main', 'We deploy from main'],
    ['remember to bump the version', 'Bump the version'],
    ['please remember to tag the release', 'Tag the release'],
    ['From now on always run X', 'Always run X'],
    ['from now on, use pnpm.', 'Use pnpm.'],
    ['Going forward: squash merges only', 'Squash merges only'],
    ['henceforth: ask before pushing', 'Ask before pushing'],
    ['ok, remember, from now on use the eu bucket', 'Use the eu bucket'],
    ['Never push to main.', 'Never push to main.'],
    ['always squash', 'Always squash'],
    ['Also, never publish on Fridays', 'Never publish on Fridays'],
    ['remember: never\n  publish   on Fridays', 'Never publish on Fridays'],
    ['Remember: don\u2019t publish on Fridays', "Don't publish on Fridays"],
    // not rules
    ['do you remember the flag?', undefined],
    ['remember when we broke prod?', undefined],
    ['remember when we broke prod', undefined],
    ['remember how it failed', undefined],
    ['from now on?', undefined],
    ['going forward with the release', undefined],
    ['In future releases the API changes', undefined],
    ['From now on, should we always use pnpm?', undefined],
    ['remember to run the tests?', undefined],
    ['always?', undefined],
    ['Remember this', undefined],
    ['remember that', undefined],
    ['remember it for next time', undefined],
    ['remember: pnpm', undefined],
    ['never mind, skip it', undefined],
    ['Never mind', undefined],
    ['always the same error', undefined],
    ['never worked for me', undefined],
    ['I always forget the flag', undefined],
    ['Do you remember the registry URL', undefined],
    ['I remember: it was pnpm', undefined],
    ['release a patch', undefined],
    ['', undefined],
  ]
  for (const [text, rule] of rows) t.equal(ruleOf(text), rule, JSON.stringify(text))
  t.equal(ruleOf('never push to main', false), undefined, 'bare always/never not allowed')
  t.equal(ruleOf('remember: never push to main', false), 'Never push to main', 'an explicit marker always is')
})

t.test('rememberRules: each sentence, a rule each; bare always/never only in short messages', async (t) => {
  t.strictSame(rememberRules('Thanks. Never push to main! Remember: tag after `npm run build.ts` passes.'), ['Never push to main!', 'Tag after `npm run build.ts` passes.'])
  t.strictSame(rememberRules('Good.\nfrom now on use pnpm\nand always run the tests'), ['Use pnpm', 'Always run the tests'])
  const long = 'x '.repeat(MAX_STANDING_CHARS / 2) + '. Never push to main. Remember: tag after the build.'
  t.ok(long.length > MAX_STANDING_CHARS)
  t.strictSame(rememberRules(long), ['Tag after the build.'], 'a long message: only the explicit rule')
  t.strictSame(rememberRules(42 as unknown as string), [])
  const bullet = rememberRules('remember: ' + 'always run the full suite '.repeat(20))[0]!
  t.ok(bullet.length <= 200 && bullet.endsWith('…'), 'cut to 200 chars')
  const token = 'npm_' + 'a1B2'.repeat(9)
  t.strictSame(rememberRules(`remember: publish with ${token}`), ['Publish with [REDACTED]'], 'secrets redacted')
})

t.test('sentences: split at sentence ends and lines, never inside code', async (t) => {
  t.strictSame(sentences('One. Two!  Three?\nfour; five `a. b` six.'), ['One.', 'Two!', 'Three?', 'four;', 'five `a. b` six.'])
  t.strictSame(sentences('v1.2.3 is out'), ['v1.2.3 is out'])
  t.strictSame(sentences(''), [])
})

t.test('namedSkill: /name or $name first, then a bare name', async (t) => {
  t.equal(namedSkill('before /release, always test', skills)?.name, 'release')
  t.equal(namedSkill('with $deploy and release', skills)?.name, 'deploy', '$name beats an earlier bare name')
  t.equal(namedSkill('release then deploy', skills)?.name, 'release', 'the first bare name')
  t.equal(namedSkill('run /team:deploy', skills)?.name, 'deploy', 'a plugin namespace is dropped')
  t.equal(namedSkill('edit src/release/x.ts', skills)?.name, 'release', 'a bare name inside a path still names it')
  t.equal(namedSkill('/usr/bin is fine', skills), undefined)
  t.equal(namedSkill('Release notes', skills)?.name, 'release', 'case-insensitive bare name')
  t.equal(namedSkill('$HOME only', skills), undefined)
  t.equal(namedSkill('nothing here', skills), undefined)
})

t.test('claude-code: rules naming /release and rules for the skill in play; the same rule twice is one finding', async (t) => {
  const s = await only('claude-code/c2000000-0000-4000-8000-000000000001.jsonl')
  t.strictSame(detect(s).map(brief), [
    // no skill in play yet: named by /release
    finding('release', 'Always run `pnpm test` before /release', [
      '1 remember: remember: always run `pnpm test` before /release',
      '11 remember: remember: always run `pnpm test` before /release',
    ]),
    // deploy is in play and the text names no skill
    finding('deploy', 'Pass --region eu-west-1.', ['9 remember: From now on, pass --region eu-west-1. Thanks!']),
    finding('deploy', 'Never push tags by hand', ['10 remember: never push tags by hand']),
  ])
})

t.test('claude-code: near misses give nothing', async (t) => {
  const s = await only('claude-code/c2000000-0000-4000-8000-000000000002.jsonl')
  t.strictSame(detect(s), [])
  // what states a rule by wording, but is not the human's, or names no skill with none in play
  const body = s.events.find((e) => e.kind === 'skill-use' && e.body)
  t.ok(body?.kind === 'skill-use' && rememberRules(body.body!).includes('Never publish on Fridays.'), 'the injected skill body states a rule')
  t.ok(rememberRules(texts(s, (e) => e.kind === 'compaction').join('\n')).includes('Tag releases.'), 'the compaction summary states a rule')
  const reminder = texts(s, (e) => e.kind === 'injected' && /system-reminder/.test(e.text))[0]!
  t.strictSame(rememberRules(reminder.replace(/<\/?system-reminder>/g, '')), ['Always use pnpm.'], 'the system reminder states a rule')
  t.ok(rememberRules(texts(s, (e) => e.kind === 'injected' && !!e.subagent)[0]!).length > 0, "the subagent's prompt states a rule")
  const last = texts(s, (e) => e.kind === 'human').pop()!
  t.strictSame(rememberRules(last), ['The staging bucket is eu-west-1'], 'the last message states a rule, for no skill')
})

t.test('codex: rules after $deploy, one naming $release', async (t) => {
  const s = await only('codex/rollout-2026-03-04T10-00-00-0c000000-0000-4000-8000-000000000011.jsonl')
  t.strictSame(detect(s).map(brief), [
    finding('deploy', 'Always run ./deploy.sh with --dry-run first', ['7 remember: From now on always run ./deploy.sh with --dry-run first']),
    finding('release', 'Bump the version in $release before tagging', ['9 remember: remember to bump the version in $release before tagging']),
  ])
})

t.test('codex: near misses give nothing', async (t) => {
  const s = await only('codex/rollout-2026-03-04T10-10-00-0c000000-0000-4000-8000-000000000012.jsonl')
  t.strictSame(detect(s), [])
  const injected = texts(s, (e) => e.kind === 'injected')
  t.strictSame(rememberRules(injected[0]!), ['Always ask before running destructive commands.'], 'the developer message states a rule')
  t.ok(rememberRules(texts(s, (e) => e.kind === 'compaction')[0]!).length > 0, 'the compaction summary states a rule')
  t.ok(s.events.some((e) => e.kind === 'skill-use' && e.name === 'deploy'), 'deploy is in play for the human messages')
})

t.test('openclaw: a rule after a read of a SKILL.md', async (t) => {
  const s = await only('openclaw/b7300000-0000-4000-8000-000000000011.jsonl')
  t.strictSame(detect(s).map(brief), [finding('release', 'Never publish on Fridays.', ['5 remember: Never publish on Fridays.'])])
})

t.test('openclaw: near misses give nothing', async (t) => {
  const s = await only('openclaw/b7300000-0000-4000-8000-000000000012.jsonl')
  t.strictSame(detect(s), [])
  t.strictSame(rememberRules(texts(s, (e) => e.kind === 'injected')[0]!), ['Never publish on Fridays.'], 'the custom_message states a rule')
  t.ok(rememberRules(texts(s, (e) => e.kind === 'compaction')[0]!.replace(/^User: /, '')).length > 0, 'the compaction summary states a rule')
  const question = texts(s, (e) => e.kind === 'human').pop()!
  t.strictSame(rememberRules(question.replace(/\?$/, '.')), ['Should we always use pnpm.'], 'the last question, but for its question mark, is a rule')
})

t.test('clean sessions give nothing', async (t) => {
  for (const rel of ['openclaw/b7300000-0000-4000-8000-000000000013.jsonl']) {
    const s = await only(rel)
    t.ok(s.events.some((e) => e.kind === 'skill-use'), `${rel} uses a skill`)
    t.strictSame(detect(s), [], rel)
  }
  // and the correction fixtures' clean sessions too (other agents, the same skills)
  const croot = resolve(ROOT, '../correction/sessions')
  for (const rel of [
    'claude-code/c1000000-0000-4000-8000-000000000004.jsonl',
    'codex/rollout-2026-03-01T10-30-00-0c000000-0000-4000-8000-000000000004.jsonl',
    'gemini-cli/session-2026-03-02T09-30-g3000004.jsonl',
    'copilot/c0ffee00-0000-4000-8000-00000000000c/events.jsonl',
  ]) {
    const [s] = await sessionsOfFile(join(croot, rel))
    t.strictSame(detect(s!), [], rel)
  }
})

// Hand-built sessions for what the fixtures do not pin.
const ev = (kind: string, line: number, extra: Record<string, unknown> = {}) => ({ agent: 'codex', file: '/x.jsonl', line, sessionId: 's', kind, ...extra }) as unknown as LogEvent
const session = (events: LogEvent[]): Session => ({ agent: 'codex', file: '/x.jsonl', id: 's', events, subagentOnly: false })

t.test('the skill: named in the rule sentence, else in the message, else in play, else none', async (t) => {
  const found = detect(
    session([
      ev('human', 1, { text: 'remember: tag after the build' }), // no skill at all
      ev('skill-use', 2, { name: 'release', how: 'dollar' }),
      ev('human', 3, { text: 'For $deploy. From now on, tag after the build' }), // named elsewhere in the message
      ev('human', 4, { text: 'from now on, tag after the build. Thanks' }), // in play
      ev('human', 5, { text: 'From now on: tag after the build!', subagent: true }),
    ]),
  )
  t.strictSame(found.map(brief), [
    finding('deploy', 'Tag after the build', ['3 remember: For $deploy. From now on, tag after the build']),
    finding('release', 'Tag after the build.', ['4 remember: from now on, tag after the build. Thanks']),
  ])
})

t.test('odd input never throws', async (t) => {
  const odd = session([ev('skill-use', 1, { name: 'release', how: 'tool' }), ev('human', 2, { text: undefined }), ev('human', 3, { text: {} }), ev('weird', 4)])
  t.strictSame(detect(odd), [])
  t.strictSame(detect(session([])), [])
  t.strictSame(detect({ ...session([ev('skill-use', 1, { name: 'release', how: 'tool' }), ev('human', 2, { text: 'never push to main' })]), subagentOnly: true }), [])
})

t.test('deterministic: the same session gives the same findings', async (t) => {
  const s = await only('claude-code/c2000000-0000-4000-8000-000000000001.jsonl')
  t.strictSame(detect(s), detect(s))
})
