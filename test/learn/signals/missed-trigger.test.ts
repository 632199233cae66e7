// The missed-trigger detector (lib/learn/signals/missed-trigger.ts): its trigger-phrase
// extraction, table-tested, and the findings it draws from synthetic sessions of five agents
// (test/fixtures/learn/missed-trigger, see its SOURCES.md) read through the real readers: for
// each agent a miss and a near miss. In-memory sessions pin the rules one at a time.
import t from 'tap'
import { join, resolve } from 'node:path'
import { readSessions } from '../../../lib/learn/sessions.js'
import { readSkill, skillIndex } from '../../../lib/learn/skills.js'
import detector, { CONFIDENCE_BY_HAND, CONFIDENCE_DONE_BY_HAND, triggerPhrases } from '../../../lib/learn/signals/missed-trigger.js'
import type { Finding, Session, SkillRef } from '../../../lib/learn/signals/types.js'
import { emptyCounts, type LogEvent } from '../../../lib/learn/types.js'

const ROOT = resolve(import.meta.dirname, '../../fixtures/learn/missed-trigger')
const skills = skillIndex(['commit', 'release'].map((n) => readSkill(join(ROOT, 'skills', n), join(ROOT, 'skills', n, 'SKILL.md'), ROOT)))
const COMMIT_DESCRIPTION = skills.get('commit')!.description

/** the one session of a fixture file, read cleanly */
async function session(rel: string): Promise<Session> {
  const counts = emptyCounts()
  const sessions = await readSessions(join(ROOT, 'sessions', rel), counts)
  if (!sessions || sessions.length !== 1 || counts.invalidJson || counts.unknownType || counts.pending) throw new Error(`${rel}: not read cleanly: ${sessions?.length} sessions, ${JSON.stringify(counts)}`)
  return sessions[0]!
}

/** findings, each evidence record checked to point at the session and then shortened to `line role: quote` */
function detect(s: Session, index = skills): (Omit<Finding, 'evidence'> & { evidence: string[] })[] {
  const found = detector.detect(s, index)
  if (JSON.stringify(detector.detect(s, index)) !== JSON.stringify(found)) throw new Error('same session, other findings')
  return found.map((f) => {
    for (const e of f.evidence) if (e.file !== s.file || e.sessionId !== s.id || e.agent !== s.agent) throw new Error(`evidence points elsewhere: ${JSON.stringify(e)}`)
    return { ...f, evidence: f.evidence.map((e) => `${e.line} ${e.role}: ${e.quote}`) }
  })
}

const byHand = (skill: string, phrases: string[], evidence: string[]) => ({
  signal: 'missed-trigger',
  skill,
  key: `missed-trigger:${skill}`,
  confidence: CONFIDENCE_BY_HAND,
  edit: { kind: 'triggers', phrases },
  evidence,
})
const doneByHand = (skill: string, phrases: string[], evidence: string[]) => ({ ...byHand(skill, phrases, evidence), confidence: CONFIDENCE_DONE_BY_HAND })

t.test('detector metadata', async (t) => {
  t.equal(detector.id, 'missed-trigger')
  t.equal(detector.threshold, 2, 'one session proves little: the aggregator needs two')
  t.type(detector.describe, 'string')
  t.ok(CONFIDENCE_BY_HAND > CONFIDENCE_DONE_BY_HAND, 'the user invoking S is stronger evidence than commands that look like S')
})

t.test('triggerPhrases: verb + object, stop words trimmed, what the description has skipped', async (t) => {
  const rows: [string, string[], string?][] = [
    ['Can you commit my changes please?', ['commit my changes'], 'politeness trimmed from both ends, "my" kept inside'],
    ['save my progress on the parser', ['save my progress'], 'cut at a preposition after the object'],
    ['deploy to staging', ['deploy to staging'], 'a preposition right after the verb stays'],
    ['hey, could you set up ci for this repo', ['set up ci']],
    ['i want you to deploy the app to staging', ['deploy the app']],
    ['please commit and push my changes to origin', ['commit and push my changes'], '"and" inside one task stays'],
    ['fix the login bug, then push it', ['fix the login bug', 'push'], 'two clauses, two phrases'],
    ['release it', ['release']],
    ['ok go on', [], 'nothing but fillers'],
    ['thanks!', []],
    ['run `npm test` on src/foo.ts and fix 3 errors', [], 'code, paths and numbers dropped; the vague words left are no trigger'],
    ["let's ship v1.2.3 now", ['ship'], 'versions dropped'],
    ['Stage And Commit', ['stage and commit'], 'lowercased'],
    ['a. b. c. d. make the release notes. tidy the readme. bump deps. tag it', ['make the release notes', 'tidy the readme', 'bump deps'], 'at most three'],
    ['refactor the extraordinarily complicated configuration loader implementation thoroughly', ['refactor the extraordinarily complicated configuration'], 'six words, sixty characters at most'],
  ]
  for (const [prompt, want, why] of rows) t.strictSame(triggerPhrases(prompt), want, why ?? prompt)
  for (const [prompt] of rows) for (const p of triggerPhrases(prompt)) t.ok(p.length <= 60 && p === p.toLowerCase() && !/[<>`]/.test(p), `${p}: short, lowercase, plain`)

  // the description's own words add nothing
  t.strictSame(triggerPhrases('commit the staged work', COMMIT_DESCRIPTION), [], 'every content word is already in the description')
  t.strictSame(triggerPhrases('commit my changes', COMMIT_DESCRIPTION), ['commit my changes'], '"changes" is new (the description says "commit" only)')
  t.strictSame(triggerPhrases('commit the change', 'Commits changes.'), [], 'a plural in the description matches the singular')
  t.strictSame(triggerPhrases('publish a patch release', skills.get('release')!.description), [])
  t.strictSame(triggerPhrases('x'.repeat(5000) + ' commit my changes'), [], 'only the start of a pasted wall is read')
  t.strictSame(triggerPhrases(undefined as unknown as string), [], 'odd input: nothing, no throw')
})

t.test('claude-code: a task, then /commit typed by hand: the task is the missed trigger', async (t) => {
  t.strictSame(detect(await session('claude-code/slash-after-work.jsonl')), [
    byHand('commit', ['save my progress'], ['1 prompt: save my progress on the parser', '6 invoked-by-hand: /commit']),
  ])
})

t.test('claude-code near misses: /commit as the first message; the skill used for the task, then re-invoked', async (t) => {
  t.strictSame(detect(await session('claude-code/slash-first.jsonl')), [], 'nothing was typed before the invocation')
  t.strictSame(detect(await session('claude-code/used-then-reinvoked.jsonl')), [], 'the skill did trigger on "commit my changes"')
})

t.test('claude-code: the release done by hand (three of its commands in one turn, never the skill)', async (t) => {
  t.strictSame(detect(await session('claude-code/done-by-hand.jsonl')), [
    doneByHand('release', ['cut a new version'], [
      '1 prompt: cut a new version of the package and ship it',
      '2 done-by-hand: npm test',
      '4 done-by-hand: npm version patch',
      '6 done-by-hand: git push --follow-tags',
    ]),
  ])
})

t.test('claude-code near miss: one prescribed command in the turn; the second is run by a subagent', async (t) => {
  const s = await session('claude-code/one-command.jsonl')
  t.ok(s.events.some((e) => e.kind === 'tool-call' && e.subagent && e.command === 'npm version patch'), 'the fixture has the subagent command')
  t.strictSame(detect(s), [])
})

t.test('codex: $commit after work, its <skill> body written before the prompt (0.104)', async (t) => {
  const s = await session('codex/rollout-2026-03-02T09-00-00-019c1000-0000-7000-8000-000000000001.jsonl')
  // the reader logs this hand invocation as an injected use followed by the `$commit` prompt
  t.ok(s.events.some((e) => e.kind === 'skill-use' && e.how === 'injected' && e.name === 'commit'))
  t.notOk(s.events.some((e) => e.kind === 'skill-use' && e.how === 'dollar'))
  t.strictSame(detect(s), [byHand('commit', ['check in the changelog edits'], ['5 prompt: check in the changelog edits', '14 invoked-by-hand: $commit'])])
})

t.test('codex near miss: $commit is the first prompt', async (t) => {
  t.strictSame(detect(await session('codex/rollout-2026-03-02T09-10-00-019c1000-0000-7000-8000-000000000002.jsonl')), [])
})

t.test('codex: two of the release commands in one shell call, after the tests', async (t) => {
  t.strictSame(detect(await session('codex/rollout-2026-03-02T09-20-00-019c1000-0000-7000-8000-000000000003.jsonl')), [
    doneByHand('release', ['bump the version and tag'], ['5 prompt: bump the version and tag it', '6 done-by-hand: npm test', '8 done-by-hand: npm version patch && git push --follow-tags']),
  ])
})

t.test('codex near miss: the same commands after reading the release SKILL.md', async (t) => {
  t.strictSame(detect(await session('codex/rollout-2026-03-02T09-30-00-019c1000-0000-7000-8000-000000000004.jsonl')), [])
})

t.test('gemini-cli: the release done by hand; near miss: activate_skill release first', async (t) => {
  t.strictSame(detect(await session('gemini-cli/session-2026-03-03T08-00-g3000001.jsonl')), [
    doneByHand('release', ['tag and ship the next version'], [
      '2 prompt: tag and ship the next version',
      '3 done-by-hand: npm test',
      '4 done-by-hand: npm version patch',
      '4 done-by-hand: git push --follow-tags',
    ]),
  ])
  t.strictSame(detect(await session('gemini-cli/session-2026-03-03T08-10-g3000002.jsonl')), [])
})

t.test('copilot: a user-invoked skill after work; near miss: the agent used it, the user invoked it again', async (t) => {
  t.strictSame(detect(await session('copilot/c0ffee00-0000-4000-8000-000000000011/events.jsonl')), [
    byHand('commit', ['put the docs changes'], ['2 prompt: put the docs changes into a commit', '7 invoked-by-hand: commit']),
  ])
  t.strictSame(detect(await session('copilot/c0ffee00-0000-4000-8000-000000000012/events.jsonl')), [])
})

t.test('a clean session (openclaw) and a repo without skills: no finding', async (t) => {
  t.strictSame(detect(await session('openclaw/d1000000-0000-4000-8000-000000000001.jsonl')), [])
  t.strictSame(detect(await session('claude-code/slash-after-work.jsonl'), skillIndex([])), [])
})

// ---------------------------------------------------------------------------------------------
// In-memory sessions: one rule each

let line = 0
const base = { agent: 'codex' as const, file: '/logs/s.jsonl', sessionId: 's' }
const human = (text: string, extra: object = {}): LogEvent => ({ ...base, line: ++line, kind: 'human', text, ...extra })
const says = (text = 'ok', extra: object = {}): LogEvent => ({ ...base, line: ++line, kind: 'assistant', text, ...extra })
const call = (command: string, extra: object = {}): LogEvent => ({ ...base, line: ++line, kind: 'tool-call', id: `c${line}`, name: 'shell', input: {}, command, ...extra })
const use = (name: string, how: 'tool' | 'slash' | 'dollar' | 'read' | 'injected'): LogEvent => ({ ...base, line: ++line, kind: 'skill-use', name, how })
const sessionOf = (events: LogEvent[], extra: Partial<Session> = {}): Session => ({ agent: 'codex', file: '/logs/s.jsonl', id: 's', events, subagentOnly: false, ...extra })
const skill = (name: string, description: string, commands: string[]): SkillRef => ({
  name,
  dir: `/repo/skills/${name}`,
  file: `/repo/skills/${name}/SKILL.md`,
  rel: `skills/${name}/SKILL.md`,
  text: '',
  description,
  commands: commands.map((text, i) => ({ text, line: i + 5, dynamic: false })),
  references: [],
})
const mem = skillIndex([
  skill('commit', 'Create a conventional commit.', ['git add -A', 'git commit -m "<msg>"', 'git status --short', 'git diff --cached']),
  skill('release', 'Cut a release.', ['npm test', 'npm version patch', 'git push --follow-tags']),
  skill('ci', 'Run the CI checks locally.', ['npm test', 'npm run lint']),
])
const phrasesOf = (events: LogEvent[], extra: Partial<Session> = {}) => detector.detect(sessionOf(events, extra), mem).map((f) => [f.skill, f.confidence, (f.edit as { phrases: string[] }).phrases])

t.test('rules of (a), one at a time', async (t) => {
  t.strictSame(phrasesOf([human('save my work'), says(), use('commit', 'slash')]), [['commit', CONFIDENCE_BY_HAND, ['save my work']]], 'the baseline miss')
  t.strictSame(phrasesOf([human('save my work'), use('commit', 'slash')]), [], 'the agent never worked on the prompt')
  t.strictSame(phrasesOf([human('save my work'), says(), use('release', 'tool'), use('commit', 'slash')]), [], 'the prompt triggered another repo skill: it was not a miss')
  t.strictSame(phrasesOf([human('save my work'), says(), use('unknown-skill', 'tool'), use('commit', 'slash')]), [['commit', CONFIDENCE_BY_HAND, ['save my work']]], 'a skill outside the repo does not count')
  t.strictSame(phrasesOf([human('save my work'), says(), use('commit', 'read'), says(), use('commit', 'slash')]), [], 'the agent read the skill: it triggered')
  t.strictSame(phrasesOf([human('save my work', { subagent: true }), says('', { subagent: true }), use('commit', 'slash')]), [], "a subagent's prompt is nobody's words")
  t.strictSame(phrasesOf([human('/review the diff'), says(), use('commit', 'slash')]), [], 'a typed /command is not a task')
  t.strictSame(phrasesOf([human('$release now'), says(), use('commit', 'dollar')]), [], 'nor is a typed $skill (even of another skill)')
  t.strictSame(phrasesOf([human('save my work'), says(), use('commit', 'injected')]), [], 'an injected use (Claude attachment, Codex body) is not a hand invocation')
  t.strictSame(phrasesOf([human('save my work'), says(), human('/commit')]), [['commit', CONFIDENCE_BY_HAND, ['save my work']]], 'a typed /S prompt is a hand invocation')
  t.strictSame(
    phrasesOf([human('save my work'), says(), use('commit', 'slash'), says(), human('store the parser fix'), says(), human('$commit'), use('commit', 'dollar')]),
    [['commit', CONFIDENCE_BY_HAND, ['save my work', 'store the parser fix']]],
    'two misses in one session: one finding, phrases merged; the $commit prompt and its dollar use are one invocation',
  )
  t.strictSame(
    phrasesOf([human('polish the docs'), says(), human('stage the tests'), says(), human('bundle the assets'), says(), human('wrap the release'), says(), use('commit', 'slash')]),
    [['commit', CONFIDENCE_BY_HAND, ['wrap the release', 'bundle the assets', 'stage the tests']]],
    'the last three prompts at most, nearest first',
  )
  t.strictSame(phrasesOf([human('save my work'), says(), use('commit', 'slash')], { subagentOnly: true }), [], 'a subagent-only session says nothing')
})

t.test('rules of (b), one at a time', async (t) => {
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch'), call('git push --follow-tags')]), [['release', CONFIDENCE_DONE_BY_HAND, ['ship a new version']]], 'the baseline miss')
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch'), human('and push'), call('git push --follow-tags')]), [], 'the two commands are in different turns')
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch'), call('npm version patch')]), [], 'one distinct command twice is not two')
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch'), call('git push --follow-tags', { subagent: true })]), [], 'a subagent command does not count')
  t.strictSame(phrasesOf([call('npm version patch'), call('git push --follow-tags')]), [], 'no prompt to take a trigger from')
  t.strictSame(phrasesOf([human('/deploy prod'), call('npm version patch'), call('git push --follow-tags')]), [], 'the turn began with a /command, not words')
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch'), call('git push --follow-tags'), human('thanks'), use('release', 'tool')]), [], 'the skill was used later in the session')
  t.strictSame(phrasesOf([human('ship a new version'), call('npm version patch && git push --follow-tags')]), [['release', CONFIDENCE_DONE_BY_HAND, ['ship a new version']]], 'two commands in one call count as two')
  t.strictSame(phrasesOf([human('look at what changed'), call('git status --short'), call('git diff --cached')]), [], 'two read-only commands of commit are a look around, not its job')
  t.strictSame(phrasesOf([human('look at what changed'), call('git status --short'), call('git add -A')]), [['commit', CONFIDENCE_DONE_BY_HAND, ['look at what changed']]], 'one acting command is enough')
  t.strictSame(phrasesOf([human('check everything'), use('ci', 'tool'), call('npm test'), call('npm version patch'), call('git push --follow-tags')]), [['release', CONFIDENCE_DONE_BY_HAND, ['check everything']]], 'npm test run for the ci skill in play does not count for release, the other two do')
  t.strictSame(phrasesOf([human('check everything'), use('ci', 'tool'), call('npm test && npm version patch && git push --follow-tags')]), [['release', CONFIDENCE_DONE_BY_HAND, ['check everything']]], 'the same, in one call: judged command by command')
  t.strictSame(phrasesOf([human('check everything'), use('ci', 'tool'), call('npm test'), call('npm version patch')]), [], 'with npm test the ci skill’s, release has one command left')
  t.strictSame(phrasesOf([human('cut the release'), call('npm version patch'), call('git push --follow-tags')]), [], 'the prompt only repeats the description: no phrase, no finding')
})

t.test('odd input never throws', async (t) => {
  const odd = [
    { ...base, line: 1, kind: 'human', text: '' },
    { ...base, line: 2, kind: 'tool-call', id: 'x', name: 'shell', input: null, command: '' },
    { ...base, line: 3, kind: 'tool-call', id: 'y', name: 'shell', input: null, command: '"unterminated && (' },
    { ...base, line: 4, kind: 'skill-use', name: '', how: 'slash' },
    { ...base, line: 5, kind: 'compaction', summary: 'commit my changes' },
    { ...base, line: 6, kind: 'skill-use', name: 'commit', how: 'slash' },
  ] as LogEvent[]
  t.strictSame(detector.detect(sessionOf(odd), mem), [], 'empty prompts, empty names, broken commands, a compaction summary: nothing')
  t.strictSame(detector.detect(sessionOf([]), mem), [])
})
