// The correction detector (lib/learn/signals/correction.ts): its pattern table and false-positive
// filter, and the findings it draws from synthetic sessions of four agents (test/fixtures/learn/
// correction, see its SOURCES.md), read through the real readers. Each near miss is also checked
// to be a correction by wording, so its absence from the findings is the filter's doing.
import t from 'tap'
import { brief, cleanSessionsOf, detectIn } from '../../helpers/learn.js'
import { join, resolve } from 'node:path'
import { readSkill, skillIndex } from '../../../lib/learn/skills.js'
import correction, {
  classifyCorrection,
  correctionBullet,
  falsePositive,
  INTERRUPTED,
  MAX_CHARS,
  PATTERNS,
  rejectionWords,
  REJECTED,
  REJECTED_WITH_WORDS,
} from '../../../lib/learn/signals/correction.js'
import type { Session } from '../../../lib/learn/signals/types.js'
import type { LogEvent } from '../../../lib/learn/types.js'

const ROOT = resolve(import.meta.dirname, '../../fixtures/learn/correction')
const skills = skillIndex(['release', 'deploy'].map((n) => readSkill(join(ROOT, 'skills', n), join(ROOT, 'skills', n, 'SKILL.md'), ROOT)))

const sessionsOf = (rel: string) => cleanSessionsOf(join(ROOT, 'sessions', rel))
const only = async (rel: string): Promise<Session> => {
  const s = await sessionsOf(rel)
  if (s.length !== 1) throw new Error(`${rel}: ${s.length} sessions`)
  return s[0]!
}


const detect = (s: Session) => detectIn(correction, s, skills)

const texts = (s: Session, keep: (e: LogEvent) => boolean): string[] =>
  s.events.filter(keep).map((e) => ('text' in e ? e.text : e.kind === 'compaction' ? (e.summary ?? '') : ''))

t.test('detector metadata', async (t) => {
  t.equal(correction.id, 'correction')
  t.equal(correction.threshold, 2, 'corrections need recurrence across sessions')
  t.type(correction.describe, 'string')
})

t.test('classifier: the pattern table, one row each', async (t) => {
  const rows: [string, string | undefined, number?][] = [
    ['I told you to use pnpm', 'i-told-you', 0.9],
    ['I already told you: tags go last', 'i-told-you', 0.9],
    ["that's wrong, the tag goes first", "that's-wrong", 0.85],
    ['That is incorrect', "that's-wrong", 0.85],
    ['use pnpm, not npm', 'use-x-not-y', 0.85],
    ['use the release branch instead', 'use-x-instead', 0.85],
    ['I meant the staging registry', 'i-meant', 0.8],
    ["don't push tags", "don't", 0.8],
    ['Don\u2019t push tags', "don't", 0.8], // a curly apostrophe
    ['do not touch the lockfile', "don't", 0.8],
    ['never run the migration twice', 'never', 0.8],
    ['wrong registry', 'wrong', 0.8],
    ['no, the other branch', 'no', 0.75],
    ['No.', 'no', 0.75],
    ['nope, keep it', 'no', 0.75],
    ['no use the flag', 'no', 0.75],
    ['stop, it is the wrong branch', 'stop', 0.7],
    ['publish from the release branch instead of main', 'instead-of', 0.65],
    ['actually the port is 8080', 'actually', 0.55],
    // leading patterns after an interjection
    ["hmm, wait, don't publish yet", "don't", 0.8],
    ['no, I told you: pnpm', 'i-told-you', 0.9],
    ["no, that's wrong", "that's-wrong", 0.85],
    ['nope. never rebase the release branch', 'never', 0.8],
    // the strongest of several wins
    ['no, use pnpm not npm', 'use-x-not-y', 0.85],
    ['stop, use the release branch instead of main', 'use-x-not-y', 0.85], // "use X instead of Y"; a tie keeps the first row
    // not leading: not a correction
    ['the tests never ran', undefined],
    ['please note that I said so', undefined],
    ['nothing to add', undefined],
    ['not yet', undefined],
    ['because we use it', undefined],
    ['never mind, skip it', undefined],
    ['release a patch', undefined],
    ['', undefined],
    ['   ', undefined],
  ]
  for (const [text, pattern, confidence] of rows) {
    const got = classifyCorrection(text)
    t.strictSame(got, pattern === undefined ? undefined : { pattern, confidence }, JSON.stringify(text))
  }
  // every confidence is in claude-reflect's range, and every row of the table is exercised above
  for (const p of PATTERNS) {
    t.ok(p.confidence >= 0.55 && p.confidence <= 0.9, `${p.name} in 0.55-0.90`)
    t.ok(rows.some(([, name]) => name === p.name), `${p.name} has a row`)
  }
  t.ok([REJECTED_WITH_WORDS, REJECTED, INTERRUPTED].every((c) => c >= 0.55 && c <= 0.9))
})

t.test('classifier: the false-positive filter', async (t) => {
  const rows: [string, string | undefined][] = [
    ['no, why did the publish fail?', 'question'],
    ["don't you think that is wrong?  ", 'question'],
    ["please don't use npm", 'new task'],
    ['can you use pnpm instead', 'new task'],
    ['Could you use yarn instead', 'new task'],
    ["let's use pnpm instead", 'new task'],
    ['I need you to use pnpm instead of npm', 'need/want'],
    ['I want pnpm, not npm', 'need/want'],
    ["I get an error: don't know how to publish", 'error report'],
    ['no, it fails with ENOENT', 'error report'],
    ['thanks, but use pnpm next time', 'praise'],
    ['Perfect, never change it', 'praise'],
    ['no problem, thanks', 'no problem'],
    ['No thanks', 'no problem'],
    ['no, thank you', 'no problem'],
    ['no, use pnpm not npm', undefined],
    ['no, please use pnpm', undefined], // "please" after a "no," is no new task
  ]
  for (const [text, name] of rows) {
    t.equal(falsePositive(text), name, JSON.stringify(text))
    if (name) t.equal(classifyCorrection(text), undefined, `${JSON.stringify(text)} is no correction`)
  }
})

t.test('classifier: length limits', async (t) => {
  const pad = (n: number) => ' and then'.repeat(Math.ceil(n / 9)).slice(0, n)
  t.ok(classifyCorrection('actually the port is 8080' + pad(100)), 'weak pattern, 125 chars: kept')
  t.equal(classifyCorrection('actually the port is 8080' + pad(130)), undefined, 'weak pattern over 150 chars: ignored')
  t.ok(classifyCorrection("don't push tags" + pad(300)), 'strong pattern, 315 chars: kept')
  const long = "don't push tags" + pad(MAX_CHARS)
  t.ok(long.length > MAX_CHARS)
  t.equal(classifyCorrection(long), undefined, 'over 500 chars: not a correction')
})

t.test('bullets: the user words on one line, redacted, at most 200 chars; none for a bare refusal', async (t) => {
  t.equal(correctionBullet('  no, use pnpm\n  not npm  '), 'no, use pnpm not npm')
  t.equal(correctionBullet('No.'), undefined)
  t.equal(correctionBullet('stop!'), undefined)
  t.equal(correctionBullet('no, stop'), undefined)
  t.equal(correctionBullet('wrong'), undefined)
  t.equal(correctionBullet('no, use pnpm'), 'no, use pnpm')
  const token = 'npm_' + 'a1B2'.repeat(9)
  t.equal(correctionBullet(`no, use the token ${token} not the old one`), 'no, use the token [REDACTED] not the old one')
  // a long message keeps its sentences from the first correcting one
  const intro = 'The publish step ran for a long time and printed a lot of output that I read through carefully. '
  const tail = 'It has the right tags and the changelog is merged there already, so the script finds everything it needs, including the version file and the release notes template.'
  t.ok(tail.length > 152, 'the tail does not fit after the two correcting sentences')
  const long = intro + intro + "Don't publish from main. Use the release branch. " + tail
  t.equal(correctionBullet(long), "Don't publish from main. Use the release branch.")
  const bullet = correctionBullet('no, ' + 'use the release branch '.repeat(20))!
  t.ok(bullet.length <= 200 && bullet.endsWith('…'), 'cut to 200 chars')
})

t.test('rejection words: what the user typed after "the user said:"', async (t) => {
  const prefix = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). "
  t.equal(rejectionWords(prefix + 'To tell you how to proceed, the user said:\nkeep the version\n'), 'keep the version')
  t.equal(rejectionWords(prefix + 'STOP what you are doing and wait for the user to tell you how to proceed.'), undefined)
  t.equal(rejectionWords(prefix + 'To tell you how to proceed, the user said:\n  '), undefined)
  t.equal(rejectionWords(undefined as unknown as string), undefined)
})

t.test('claude-code: corrections within three human turns of a Skill call, one finding, bullets merged', async (t) => {
  const s = await only('claude-code/c1000000-0000-4000-8000-000000000001.jsonl')
  t.strictSame(detect(s).map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ['no, use pnpm publish, not npm publish', "don't tag the release before the changelog is merged"] },
      key: 'correction:release',
      confidence: 0.85,
      // line 4: the injected skill body says "Don't publish from a dirty tree": not the human;
      // line 9: "Thanks, that worked" is praise; line 11 ("no, use yarn") is the 4th human turn
      evidence: ['7 correction: no, use pnpm publish, not npm publish', "10 correction: don't tag the release before the changelog is merged"],
    },
  ])
  t.ok(classifyCorrection('no, use yarn'), 'line 11 is a correction by wording: only the turn window drops it')
  t.ok(texts(s, (e) => e.kind === 'injected').some((x) => /Don't publish/.test(x)))
})

t.test('claude-code: near misses give nothing', async (t) => {
  const s = await only('claude-code/c1000000-0000-4000-8000-000000000002.jsonl')
  t.strictSame(detect(s), [])
  // what would have matched if the detector read the wrong events or ignored the window
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'human')[0]!), 'line 1, before any skill, is a correction by wording')
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'injected' && !!e.subagent)[0]!), "the subagent's text is a correction by wording")
  t.ok(s.events.some((e) => e.kind === 'interrupt' && e.subagent), 'a subagent interrupt is in the window')
  t.ok(classifyCorrection("don't use npm, use pnpm instead"), 'line 12 (4th turn) is a correction by wording')
  t.ok(texts(s, (e) => e.kind === 'compaction').some((x) => /no, don't use npm/.test(x)), 'the compaction summary quotes a correction')
})

t.test('claude-code: rejections and an interrupt; only the rejection with words gives a bullet', async (t) => {
  const s = await only('claude-code/c1000000-0000-4000-8000-000000000003.jsonl')
  t.strictSame(detect(s).map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ['keep the version in package.json, the changelog script reads it'] },
      key: 'correction:release',
      confidence: REJECTED_WITH_WORDS,
      evidence: [
        '5 rejected: keep the version in package.json, the changelog script reads it',
        '7 rejected: rejected Bash: git push --tags',
        '8 interrupted: interrupted',
      ],
    },
  ])
})

t.test('codex: a correction after $release and its injected body, and turn_aborted', async (t) => {
  const s = await only('codex/rollout-2026-03-01T10-00-00-0c000000-0000-4000-8000-000000000001.jsonl')
  t.strictSame(detect(s).map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ["don't run npm publish, use `pnpm publish --no-git-checks`"] },
      key: 'correction:release',
      confidence: 0.8,
      evidence: ["8 correction: don't run npm publish, use `pnpm publish --no-git-checks`", '10 interrupted: interrupted'],
    },
  ])
})

t.test('codex: near misses give nothing', async (t) => {
  const s = await only('codex/rollout-2026-03-01T10-10-00-0c000000-0000-4000-8000-000000000002.jsonl')
  t.strictSame(detect(s), [])
  const human = texts(s, (e) => e.kind === 'human')
  t.equal(human.length, 5)
  t.ok(classifyCorrection(human[0]!), 'the correction before the skill read is one by wording')
  t.ok(classifyCorrection(human[4]!), 'the correction in the 4th turn is one by wording')
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'injected')[0]!), 'the developer message is one by wording')
  t.ok(texts(s, (e) => e.kind === 'compaction').some((x) => /don't use npm/.test(x)))
})

t.test('codex: a subagent rollout gives nothing', async (t) => {
  const s = await only('codex/rollout-2026-03-01T10-20-00-0c000000-0000-4000-8000-000000000003.jsonl')
  t.ok(s.subagentOnly)
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'human')[1]!))
  t.strictSame(detect(s), [])
  // even if the session were not marked subagent-only, its events are
  t.strictSame(detect({ ...s, subagentOnly: false }), [])
})

t.test('gemini-cli: a correction after activate_skill', async (t) => {
  const s = await only('gemini-cli/session-2026-03-02T09-00-g3000001.jsonl')
  t.strictSame(detect(s).map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ['stop, use the release branch instead of main'] },
      key: 'correction:release',
      confidence: 0.85,
      evidence: ['5 correction: stop, use the release branch instead of main'],
    },
  ])
})

t.test('gemini-cli: near misses and a child session give nothing', async (t) => {
  const s = await only('gemini-cli/session-2026-03-02T09-10-g3000002.jsonl')
  t.strictSame(detect(s), [])
  t.notOk(
    s.events.some((e) => e.kind === 'human' && /minor/.test(e.text)),
    'the rewound correction is not in the stream',
  )
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'injected')[0]!), 'the injected session context is one by wording')
  t.ok(classifyCorrection('wrong registry, use the internal one instead'), 'the 4th-turn message is one by wording')
  const child = await only('gemini-cli/g3000003-aaaa-4bbb-8ccc-000000000003.jsonl')
  t.ok(child.subagentOnly)
  t.strictSame(detect(child), [])
})

t.test('copilot: an abort and a correction after a skill call', async (t) => {
  const s = await only('copilot/c0ffee00-0000-4000-8000-00000000000a/events.jsonl')
  t.strictSame(detect(s).map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ['I told you to publish with pnpm, not npm'] },
      key: 'correction:release',
      confidence: 0.9,
      evidence: ['7 interrupted: interrupted', '8 correction: I told you to publish with pnpm, not npm'],
    },
  ])
})

t.test('copilot: near misses give nothing', async (t) => {
  const s = await only('copilot/c0ffee00-0000-4000-8000-00000000000b/events.jsonl')
  t.strictSame(detect(s), [])
  t.ok(classifyCorrection(texts(s, (e) => e.kind === 'human' && !!e.subagent)[0]!), "the sub-agent's message is one by wording")
  t.ok(texts(s, (e) => e.kind === 'injected').some((x) => /don't publish/.test(x)))
})

t.test('clean sessions give nothing', async (t) => {
  for (const rel of [
    'claude-code/c1000000-0000-4000-8000-000000000004.jsonl',
    'codex/rollout-2026-03-01T10-30-00-0c000000-0000-4000-8000-000000000004.jsonl',
    'gemini-cli/session-2026-03-02T09-30-g3000004.jsonl',
    'copilot/c0ffee00-0000-4000-8000-00000000000c/events.jsonl',
  ]) {
    const s = await only(rel)
    t.ok(s.events.some((e) => e.kind === 'skill-use'), `${rel} uses a skill`)
    t.strictSame(detect(s), [], rel)
  }
})

// Hand-built sessions for what the fixtures do not pin.
const ev = (kind: string, line: number, extra: Record<string, unknown> = {}) => ({ agent: 'claude-code', file: '/x.jsonl', line, sessionId: 's', kind, ...extra }) as unknown as LogEvent
const session = (events: LogEvent[]): Session => ({ agent: 'claude-code', file: '/x.jsonl', id: 's', events, subagentOnly: false })

t.test('one finding per skill and session; repeated words give one bullet; a bare "no" gives evidence only', async (t) => {
  const found = detect(
    session([
      ev('skill-use', 1, { name: 'release', how: 'tool' }),
      ev('human', 2, { text: 'no, use pnpm not npm' }),
      ev('human', 3, { text: 'No, use pnpm  not npm' }),
      ev('skill-use', 4, { name: 'deploy', how: 'tool' }),
      ev('human', 5, { text: 'No.' }),
      ev('skill-use', 6, { name: 'not-ours', how: 'tool' }), // not a repo skill: deploy stays in play
      ev('human', 7, { text: 'stop' }),
    ]),
  )
  t.strictSame(found.map(brief), [
    {
      signal: 'correction',
      skill: 'release',
      edit: { kind: 'gotcha', bullets: ['no, use pnpm not npm'] },
      key: 'correction:release',
      confidence: 0.85,
      evidence: ['2 correction: no, use pnpm not npm', '3 correction: No, use pnpm not npm'],
    },
    { signal: 'correction', skill: 'deploy', edit: { kind: 'gotcha', bullets: [] }, key: 'correction:deploy', confidence: 0.75, evidence: ['5 correction: No.', '7 correction: stop'] },
  ])
})

t.test('a standing rule is left to the remember detector', async (t) => {
  const found = detect(session([ev('skill-use', 1, { name: 'release', how: 'tool' }), ev('human', 2, { text: 'never publish on Fridays' }), ev('human', 3, { text: 'from now on, no npm' })]))
  t.ok(classifyCorrection('never publish on Fridays'), 'a correction by wording')
  t.strictSame(found, [])
})

t.test('a silent rejection names the call; without the call, "tool call"', async (t) => {
  const found = detect(
    session([
      ev('skill-use', 1, { name: 'release', how: 'tool' }),
      ev('tool-call', 2, { id: 'a', name: 'Edit', input: {} }),
      ev('tool-result', 3, { id: 'a', ok: false, output: 'The user doesn\'t want to proceed with this tool use.', rejected: true }),
      ev('tool-result', 4, { id: 'b', ok: false, output: 'The user doesn\'t want to proceed… the user said:\nwhy?', rejected: true }),
      ev('tool-result', 5, { id: 'c', ok: false, output: 'Exit code 1', exitCode: 1 }),
    ]),
  )
  t.strictSame(found.map(brief), [
    { signal: 'correction', skill: 'release', edit: { kind: 'gotcha', bullets: [] }, key: 'correction:release', confidence: REJECTED, evidence: ['3 rejected: rejected Edit', '4 rejected: rejected tool call'] },
  ])
})

t.test('odd input never throws', async (t) => {
  const odd = session([
    ev('skill-use', 1, { name: 'release', how: 'tool' }),
    ev('human', 2, { text: undefined }),
    ev('human', 3, { text: 42 }),
    ev('tool-result', 4, { id: 'x', rejected: true }),
    ev('interrupt', 5, { subagent: true }),
    ev('weird', 6),
  ])
  t.doesNotThrow(() => detect(odd))
  t.strictSame(detect(odd).map(brief)[0]?.evidence, ['4 rejected: rejected tool call'])
  t.strictSame(detect(session([])), [])
  t.strictSame(detect({ ...session([ev('human', 1, { text: 'no, use pnpm' })]), subagentOnly: true }), [])
})

t.test('deterministic: the same session gives the same findings', async (t) => {
  const s = await only('claude-code/c1000000-0000-4000-8000-000000000001.jsonl')
  t.strictSame(detect(s), detect(s))
})
