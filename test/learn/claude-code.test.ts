// The Claude Code log reader (lib/learn/readers/claude-code.ts) against real sessions (marot/spotter,
// Claude Code 2.1.38/2.1.39: test/fixtures/sessions/SOURCES.md), a synthetic file with every branch
// (session-logs.md §2.1) and a file of broken records. The expected events below were checked by
// reading the fixture lines themselves.
import t from 'tap'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { claudeCode, MAX_OUTPUT_CHARS } from '../../lib/learn/readers/claude-code.js'
import { jsonLines } from '../../lib/learn/lines.js'
import { emptyCounts, type LogEvent, type ReadCounts } from '../../lib/learn/types.js'

const DIR = fileURLToPath(new URL('../fixtures/sessions/claude-code/', import.meta.url))
const REAL = join(DIR, 'real')
const SYNTH = join(DIR, 'synthetic')
const MAIN = '8463c716-a2ea-4c14-9efa-87158ebd9f20'

const readAll = async (path: string): Promise<{ events: LogEvent[]; counts: ReadCounts }> => {
  const counts = emptyCounts()
  const events: LogEvent[] = []
  for await (const e of claudeCode.read(path, counts)) events.push(e)
  return { events, counts }
}

/** One line per event: what matters for the signals, in a form easy to compare. */
const sig = (e: LogEvent): string => {
  const sub = e.subagent ? 'sub ' : ''
  switch (e.kind) {
    case 'session':
      return `${sub}${e.line} session ${e.version}`
    case 'human':
      return `${sub}${e.line} human ${JSON.stringify(e.text)}`
    case 'injected':
      return `${sub}${e.line} injected ${e.why}`
    case 'assistant':
      return `${sub}${e.line} assistant`
    case 'tool-call':
      return `${sub}${e.line} tool-call ${e.name} ${e.id}`
    case 'tool-result':
      return `${sub}${e.line} tool-result ${e.id} ${e.ok ? 'ok' : 'failed'}${e.exitCode !== undefined ? ` exit ${e.exitCode}` : ''}${e.rejected ? ' rejected' : ''}`
    case 'skill-use':
      return `${sub}${e.line} skill-use ${e.how} ${e.name}${e.path ? ` ${e.path}` : ''}`
    case 'compaction':
      return `${sub}${e.line} compaction${e.summary !== undefined ? ' +summary' : ''}`
    case 'interrupt':
      return `${sub}${e.line} interrupt`
  }
}

const of = <K extends LogEvent['kind']>(events: LogEvent[], kind: K) => events.filter((e): e is Extract<LogEvent, { kind: K }> => e.kind === kind)

const clean = (partial: Partial<ReadCounts>): ReadCounts => ({ ...emptyCounts(), ...partial })

t.test('real: short.jsonl (2.1.38): a rejected pair of tool calls, the interrupt, a /model typed', async (t) => {
  const path = join(REAL, 'short.jsonl')
  const { events, counts } = await readAll(path)
  t.same(events.map(sig), [
    '2 session 2.1.38', // line 1 is a file-history-snapshot without a sessionId; line 2 a hook progress record
    '4 human "mix phx.server doesnt seem to start"',
    // one assistant message (msg_01MKH1…) written over lines 5-10, one block a line: a "\n\n" text,
    // a thinking block, a text, two tool_use: each block once, blank text and thinking dropped
    '7 assistant',
    '8 tool-call Bash toolu_0116Hyi5v8ut7Ffb7d8qV1Sc',
    '10 tool-call Glob toolu_01FdQ8qTyVyZjE3Kw4dguQGx',
    '11 tool-result toolu_0116Hyi5v8ut7Ffb7d8qV1Sc failed rejected',
    '12 tool-result toolu_01FdQ8qTyVyZjE3Kw4dguQGx failed rejected',
    '13 interrupt',
    // 14-15: /model logged as system local_command records: skipped, and no skill use
  ])
  t.same(counts, clean({ lines: 15, records: 15 }))
  const first = events[0]
  t.match(first, {
    agent: 'claude-code',
    file: path,
    sessionId: '55604662-cf2a-4331-851a-ec234028f8ca',
    cwd: '/home/marco/projects/spotter',
    timestamp: '2026-02-10T21:11:52.438Z',
  })
  t.notOk(events.some((e) => e.subagent), 'nothing is from a subagent')
  const call = of(events, 'tool-call')[0]
  t.equal(call.command, 'mix phx.server 2>&1 | head -80')
  t.same(call.input, { command: 'mix phx.server 2>&1 | head -80', timeout: 30000 })
  t.equal(of(events, 'assistant')[0].text, 'Let me check the project structure and try running the server to see the error.')
  const rejected = of(events, 'tool-result')[0]
  t.equal(rejected.exitCode, undefined, 'Bash logs no exit code')
  t.match(rejected.output, /^The user doesn't want to proceed with this tool use\./)
})

t.test('real: tool_heavy.jsonl: two prompts, /mcp is a built-in command, queue operations skipped', async (t) => {
  const { events, counts } = await readAll(join(REAL, 'tool_heavy.jsonl'))
  t.same(events.map(sig), [
    '2 session 2.1.38',
    '4 human "start phoenix in background"',
    '5 tool-call Bash toolu_018GZVh9ymkrdx1TnR8reg5Y',
    // 9-10: queue-operation enqueue "/mcp" then remove: skipped
    '11 tool-result toolu_018GZVh9ymkrdx1TnR8reg5Y ok',
    '12 assistant',
    '13 tool-call Bash toolu_01FZ9TWbiy1LPzHm1AAyUazo',
    '17 tool-result toolu_01FZ9TWbiy1LPzHm1AAyUazo ok',
    '18 interrupt',
    '20 injected meta', // <local-command-caveat>Caveat: …, isMeta
    '21 injected command', // <command-name>/mcp</command-name>: built in, not a skill
    '22 injected command', // <local-command-stdout>Reconnected to tidewave.
    // 23-24: system local_command copies of the same: skipped
    '26 human "scrolling back in xterm.js still does not work (maybe because outer web catches it)? websearch xterm.js tmux interactions"',
    '29 tool-call WebSearch toolu_01DKTWcKpZ2ksZQmoKKfxiw6',
    '30 tool-call Glob toolu_01JJds55jYrYwd9TktNGndRY',
    '32 tool-result toolu_01JJds55jYrYwd9TktNGndRY ok', // no is_error field at all: ok
    '33 tool-result toolu_01DKTWcKpZ2ksZQmoKKfxiw6 ok',
    '34 tool-call Read toolu_01VpPeBD2ziigLLpybShAGoU',
    '36 tool-result toolu_01VpPeBD2ziigLLpybShAGoU ok',
    '37 tool-call WebFetch toolu_017Q5Sr8KaSgowYhbKXBnfV2',
    '38 tool-result toolu_017Q5Sr8KaSgowYhbKXBnfV2 ok',
    '39 interrupt',
  ])
  t.same(counts, clean({ lines: 39, records: 39 }))
  t.equal(of(events, 'tool-call').find((c) => c.name === 'Read')!.readPath, '/home/marco/projects/spotter/assets/js/app.js')
  t.match(of(events, 'injected')[1].text, /^<command-name>\/mcp<\/command-name>/)
  t.equal(of(events, 'skill-use').length, 0)
})

t.test('real: subagent.jsonl (cut): a typed plugin skill and its expansion, a subagent seen only through progress', async (t) => {
  const { events, counts } = await readAll(join(REAL, 'subagent.jsonl'))
  t.same(events.map(sig), [
    '2 session 2.1.38',
    '4 injected command', // <command-message> first, then <command-name>/handgemacht:create-beads</command-name>
    '4 skill-use slash create-beads',
    '5 injected command', // the isMeta expansion: the skill's text, no "Base directory" line in 2.1.38
    '8 assistant',
    '9 tool-call WebFetch toolu_01UBumkyGa4vv7EbMVke2AiH',
    '10 tool-call WebSearch toolu_01FqWwvYWkHZHuD78wSmgc6r',
    '11 tool-call WebSearch toolu_01PPH5xRopN6EKFruBKc1giM',
    '12 tool-call WebSearch toolu_01DgymFTXTDEthJ9vJBG4n59',
    '13 tool-call Task toolu_01Cz2Pnv7qNcnK1ZiocxWhQX',
    // 14: an agent_progress record replaying the subagent's failed Read (is_error): skipped
    '15 tool-call ExitPlanMode toolu_01ADkZx631DtfWJKXE19LZLP',
    '16 tool-result toolu_01ADkZx631DtfWJKXE19LZLP ok',
    '17 interrupt',
    '19 human "create the beads"',
    '20 tool-call Bash toolu_01JiAqi3oMwSdD6kFEgKmstd',
    '24 tool-result toolu_01JiAqi3oMwSdD6kFEgKmstd ok',
    '25 assistant',
  ])
  t.same(counts, clean({ lines: 29, records: 29 }))
  const use = of(events, 'skill-use')[0]
  const expansion = of(events, 'injected')[1]
  t.match(use.body, /^Create beads \(epic \+ tasks \+ dependencies\) with a structured preview before execution\./)
  t.equal(use.body, expansion.text, 'the slash use carries the text the agent saw')
  t.equal(use.path, undefined)
  t.match(of(events, 'injected')[0].text, /<command-args>websearch to learn how to fastest setup credo/)
  t.notOk(events.some((e) => e.kind === 'tool-result' && e.id === 'toolu_01LdecmEM8HVNM6T4ht7x8Gi'), 'no result from the progress replay')
})

t.test(`real: ${MAIN}.jsonl (cut): a failing Skill, exit codes, an auto-compaction, a task notification`, async (t) => {
  const path = join(REAL, `${MAIN}.jsonl`)
  const { events, counts } = await readAll(path)
  t.same(events.map(sig), [
    '3 session 2.1.39', // a SessionStart hook_progress record is the first with a sessionId
    '6 human "Work on bead spotter-fum. Run bd show spotter-fum to see the issue details and bd ready to find available subtasks. Start with the first ready task."',
    '9 tool-call Bash toolu_014D6RS6UhSsm9MXDD3g9EYX',
    '14 tool-call Bash toolu_018Sa4Xeox9ppg5sjX8mjtoc',
    '17 tool-result toolu_014D6RS6UhSsm9MXDD3g9EYX ok',
    '18 tool-result toolu_01F1rrB1WfNq2YMmjnRtnU1Z ok',
    '19 tool-call Skill toolu_01WD7R52g4Tq4muwnGEgs9nD',
    '19 skill-use tool commit', // input.skill "handgemacht:commit"
    '21 tool-result toolu_01WD7R52g4Tq4muwnGEgs9nD failed', // its !`git log --oneline main..HEAD` failed
    '22 tool-call Bash toolu_01VKkBuTL7LJD8HL1rc586jy',
    '29 tool-result toolu_01VKkBuTL7LJD8HL1rc586jy ok',
    '30 tool-call Bash toolu_015FbbF8GZborUDrwHW7ZA82',
    '37 tool-result toolu_015FbbF8GZborUDrwHW7ZA82 failed exit 1',
    '38 compaction', // system compact_boundary
    '39 compaction +summary', // isCompactSummary: not a human message
    '45 assistant',
    '46 tool-call Bash toolu_01LFeM3QFBdQYg65VjE8zatu',
    // 47: an agent_progress record replaying a subagent's failed Read: skipped
    '48 tool-call Bash toolu_01PHrH4SU2dMjEnjXufeChoj',
    '55 tool-result toolu_01PHrH4SU2dMjEnjXufeChoj failed exit 128',
    '56 tool-call Bash toolu_014dPkEtqqgnFiNasALLCRZo',
    '58 tool-result toolu_014LHrSfxorzx4sghfUkUwio ok',
    '59 assistant',
    '65 injected meta', // <task-notification>: not the human
    '66 assistant',
  ])
  t.same(counts, clean({ lines: 70, records: 70 }))
  t.equal(of(events, 'human').length, 1, 'one prompt in a 1,593-line session')
  const skillFail = of(events, 'tool-result').find((e) => e.id === 'toolu_01WD7R52g4Tq4muwnGEgs9nD')!
  t.match(skillFail.output, /^Bash command failed for pattern "!`git log --oneline main\.\.HEAD`": \[stderr\]\nfatal: ambiguous argument 'main\.\.HEAD'/)
  t.equal(skillFail.exitCode, undefined)
  const [boundary, summary] = of(events, 'compaction')
  t.equal(boundary.summary, undefined)
  t.match(summary.summary, /^This session is being continued from a previous conversation that ran out of context\./)
  t.equal(summary.summary!.length, 12181, 'the whole summary is kept')
  t.equal(boundary.cwd, '/home/USER/projects/spotter-worktrees/spotter-fum/assets', 'cwd is per record: it changed mid-session')
  t.equal(events[1].cwd, '/home/USER/projects/spotter-worktrees/spotter-fum')
  t.equal(boundary.timestamp, '2026-02-11T22:31:35.739Z')
  t.notOk(of(events, 'human').some((e) => e.text.startsWith('This session is being continued')))
  t.ok(events.every((e) => e.sessionId === MAIN && !e.subagent))
  t.ok(of(events, 'tool-result').every((e) => e.output.length <= MAX_OUTPUT_CHARS))
  t.equal(of(events, 'tool-result')[0].output.length, 3428, 'the bd show output, under 4 KB, is kept whole')
})

t.test('real: subagent files under <session>/subagents/ are marked, their prompts are not human', async (t) => {
  const a = await readAll(join(REAL, MAIN, 'subagents', 'agent-a7be2f0.jsonl'))
  t.same(a.events.map(sig), [
    'sub 1 session 2.1.39',
    'sub 1 injected subagent-prompt', // "I need to understand: …", written by the parent agent
    'sub 2 assistant',
    'sub 3 tool-call Read toolu_013zUH5CLXBdHVFNNQhvjWMi',
    'sub 6 tool-call Read toolu_01BpA1vfwwr5xWYsSu8M8H3T',
    'sub 8 tool-result toolu_01BpA1vfwwr5xWYsSu8M8H3T failed', // EISDIR: a Read of a folder
    'sub 9 tool-result toolu_01WVEHjxPRAsFRpWW8afNuA5 failed', // <tool_use_error>Sibling tool call errored
    'sub 10 assistant',
  ])
  t.same(a.counts, clean({ lines: 10, records: 10 }))
  t.equal(a.events[0].sessionId, MAIN, 'a subagent file carries its parent session id')
  t.equal(of(a.events, 'tool-result')[0].output, 'EISDIR: illegal operation on a directory, read')

  const c = await readAll(join(REAL, MAIN, 'subagents', 'agent-acompact-f46190.jsonl'))
  t.same(c.events.map(sig), [
    'sub 1 session 2.1.39',
    'sub 1 injected meta', // five <system-reminder> hook outputs, isMeta
    'sub 2 injected meta',
    'sub 3 injected meta',
    'sub 4 injected meta',
    'sub 5 injected meta',
    'sub 6 injected subagent-prompt', // "Your task is to create a detailed summary of the conversation so far…"
    'sub 7 assistant',
  ])
  t.same(c.counts, clean({ lines: 7, records: 7 }))
})

t.test('real: across all the fixtures, five human prompts and every file detected', async (t) => {
  const files = ['short.jsonl', 'tool_heavy.jsonl', 'subagent.jsonl', `${MAIN}.jsonl`, `${MAIN}/subagents/agent-a7be2f0.jsonl`, `${MAIN}/subagents/agent-acompact-f46190.jsonl`]
  let humans = 0
  for (const f of files) {
    const path = join(REAL, f)
    humans += of((await readAll(path)).events, 'human').length
    const counts = emptyCounts()
    for await (const { value } of jsonLines(path, counts)) {
      t.ok(claudeCode.detect(value, path), `${f} detected from its first record`)
      break
    }
  }
  t.equal(humans, 5)
})

t.test('synthetic: every branch of the reader (session-logs.md §2.1)', async (t) => {
  const path = join(SYNTH, 'synthetic.jsonl')
  const { events, counts } = await readAll(path)
  t.same(events.map(sig), [
    '2 session 2.1.39',
    '2 human "release it"',
    '3 assistant',
    '4 tool-call Skill t1',
    '4 skill-use tool release',
    // 5: line 4 written again (same message.id and block): nothing
    '6 tool-result t1 ok', // Launching skill: release
    '7 skill-use injected release ~/.claude/skills/release/SKILL.md',
    '7 injected skill-body',
    '8 tool-call Bash t2',
    '9 tool-result t2 failed', // is_error, no exit code in the output
    '10 tool-call Bash t3',
    '11 tool-result t3 failed exit 2',
    '12 tool-call Edit t4',
    '13 tool-result t4 failed rejected',
    '14 interrupt',
    '15 human "no, use pnpm not npm"',
    '16 tool-call Read t5',
    '16 skill-use read deploy /Users/dev/.claude/skills/deploy/SKILL.md',
    '17 tool-result t5 ok',
    '18 injected meta', // Caveat
    '19 injected command', // /deploy staging
    '19 skill-use slash deploy /Users/dev/app/.claude/skills/deploy/SKILL.md', // its body from line 20
    '20 injected skill-body',
    '21 injected command', // /clear: built in
    '22 injected command', // <local-command-stdout>
    '23 injected command', // /acme:lint-fix, nothing expanded after it
    '23 skill-use slash lint-fix',
    '24 assistant',
    '25 injected meta', // a <system-reminder> block …
    '25 human "also update the changelog"', // … next to what the human typed
    '26 injected meta', // <task-notification>
    '27 skill-use injected release /Users/dev/.claude/skills/release/SKILL.md', // attachment invoked_skills
    '27 skill-use injected lint-fix', // its path "pluginSettings:lint-fix" is no file path
    // 28: attachment skill_listing: skipped
    '29 compaction',
    '30 compaction +summary',
    'sub 31 injected subagent-prompt',
    // 32: a sidechain record replaying message m1's text: nothing
    'sub 33 tool-call Bash t6',
    'sub 34 tool-result t6 failed',
    'sub 35 interrupt',
    // 36-43: system turn_duration and local_command, progress, queue-operation, summary,
    // custom-title, ai-title, pr-link: skipped, known
    // 44: line 15 written again (same uuid): no second human message
    '45 tool-result t7 ok',
    '46 tool-result t8 ok',
    '47 tool-call Skill t9',
    '47 skill-use tool old-skill', // input {command: "acme:old-skill"}
    '48 session 2.1.40', // a second session id in the same file
    '48 human "continue the release"',
  ])
  t.same(counts, clean({ lines: 48, records: 48 }))

  const uses = of(events, 'skill-use')
  t.same(uses[1].body, '# Release\n1. Run `npm test`\n2. Run `npm publish`', 'the injected SKILL.md body, without the Base directory line')
  t.same(
    uses.find((u) => u.how === 'slash' && u.name === 'deploy'),
    {
      agent: 'claude-code',
      file: path,
      line: 19,
      sessionId: 's1',
      timestamp: '2026-02-23T11:40:18.000Z',
      cwd: '/Users/dev/app',
      kind: 'skill-use',
      name: 'deploy',
      how: 'slash',
      path: '/Users/dev/app/.claude/skills/deploy/SKILL.md',
      body: '# Deploy\nRun `./deploy.sh staging`',
    },
  )
  t.equal(uses.find((u) => u.name === 'lint-fix' && u.how === 'slash')!.body, undefined)
  t.equal(uses.find((u) => u.name === 'lint-fix' && u.how === 'injected')!.body, '# Lint fix')

  const calls = of(events, 'tool-call')
  t.equal(calls.find((c) => c.id === 't2')!.command, 'npm test')
  t.equal(calls.find((c) => c.id === 't5')!.readPath, '/Users/dev/.claude/skills/deploy/SKILL.md')
  t.equal(calls.find((c) => c.id === 't4')!.command, undefined, 'only Bash has a command')

  const results = of(events, 'tool-result')
  t.equal(results.find((r) => r.id === 't7')!.output, 'see screenshot\n[image]')
  t.equal(results.find((r) => r.id === 't8')!.output, 'x'.repeat(MAX_OUTPUT_CHARS))
  t.equal(results.find((r) => r.id === 't2')!.exitCode, undefined)

  const [boundary, summary] = of(events, 'compaction')
  t.equal(boundary.summary, undefined)
  t.match(summary.summary, /^This session is being continued/)
  t.same(of(events, 'interrupt').map((e) => e.line), [14, 35])
  t.equal(of(events, 'injected').find((e) => e.line === 31)!.text, 'Explore the repo and list the build scripts')
  t.same(
    events.filter((e) => e.kind === 'session' || e.line === 48).map((e) => [e.line, e.sessionId, e.cwd]),
    [
      [2, 's1', '/Users/dev/app'],
      [48, 's2', '/Users/dev/other'],
      [48, 's2', '/Users/dev/other'],
    ],
  )
  t.ok(claudeCode.detect({ type: 'file-history-snapshot', messageId: 'u1', snapshot: {} }, path), 'a file opening on a snapshot is detected')
})

t.test('robustness: garbage, unknown types and wrong field types are skipped and counted, never thrown', async (t) => {
  const { events, counts } = await readAll(join(SYNTH, 'robustness.jsonl'))
  t.same(events.map(sig), [
    '11 session 2.1.99', // message: null, nothing else from it
    // 12: content 42; 13: blocks of every wrong shape: nothing
    '14 assistant', // content a plain string; message.id a number
    '15 tool-call Bash tx', // input a string: no command; the tool_use without an id or name: skipped
    '16 tool-call Skill ty', // input.skill a number: no skill use
    // 17: message a string; 18: skills a string; 20: attachment a string
    '19 skill-use injected ok-skill', // of [null, {name: 3}, {name: "ok-skill", path: 7, content: false}]
    '21 compaction', // no sessionId, no uuid
    '22 compaction +summary', // message {} → empty summary
    '23 human "typed with an odd envelope"',
    '24 tool-result tx ok', // is_error "true" (a string) is not true; content an object → ''
    '25 injected command', // an empty <command-name>: no skill use
    // 26: an unknown system subtype: skipped
  ])
  t.same(counts, clean({
    lines: 28,
    records: 23,
    blank: 1,
    nul: 1,
    invalidJson: 2, // "not json at all", '{"type":"user"'
    pending: 1, // the half-written last line
    unknownType: 7, // 42, [1,2,3], null, no type, type 42, "world_state", "some-future-type"
  }))
  const human = of(events, 'human')[0]
  t.equal(human.timestamp, undefined, 'a numeric timestamp is dropped')
  t.equal(human.cwd, undefined, 'a non-string cwd is dropped')
  t.equal(human.subagent, undefined, 'isSidechain "yes" is not true')
  t.equal(of(events, 'compaction')[1].summary, '')
  t.equal(of(events, 'tool-result')[0].output, '')
  t.ok(events.every((e) => e.sessionId === 'r1'))
})

t.test('edges: a /name at the end of a file, an unrelated meta record after one, Windows paths, a cut between surrogates', async (t) => {
  const rec = (o: object) => JSON.stringify({ sessionId: 'e1', ...o })
  const dir = t.testdir({
    'last.jsonl': rec({ type: 'user', uuid: 'x1', message: { content: '<command-name>/triage</command-name>' } }) + '\n',
    'unrelated.jsonl':
      [
        rec({ type: 'user', uuid: 'y1', message: { content: '<command-name>/triage</command-name>\n<command-args>bug 7</command-args>' } }),
        // isMeta, but the child of another record: not the command's expansion
        rec({ type: 'user', uuid: 'y2', parentUuid: 'zz', isMeta: true, message: { content: 'Some harness note' } }),
        // the command's own child, but a reminder: not its expansion either
        rec({ type: 'user', uuid: 'y3', parentUuid: 'y1', isMeta: true, message: { content: '<system-reminder>x</system-reminder>' } }),
      ].join('\n') + '\n',
    'windows.jsonl':
      [
        rec({ type: 'user', uuid: 'w1', isMeta: true, sourceToolUseID: 't1', message: { content: 'Base directory for this skill: C:\\Users\\dev\\.claude\\skills\\win-skill\\\n\nBody' } }),
        rec({ type: 'assistant', uuid: 'w2', message: { id: 'm1', content: [{ type: 'tool_use', id: 't2', name: 'Read', input: { file_path: 'C:\\Users\\dev\\.claude\\skills\\other\\SKILL.md' } }] } }),
        rec({ type: 'user', uuid: 'w3', message: { content: [{ type: 'tool_result', tool_use_id: 't2', content: 'x'.repeat(MAX_OUTPUT_CHARS - 1) + '😀' }] } }),
        // not a SKILL.md, though the name ends like one
        rec({ type: 'assistant', uuid: 'w4', message: { id: 'm2', content: [{ type: 'tool_use', id: 't3', name: 'Read', input: { file_path: '/x/NOTSKILL.md' } }] } }),
      ].join('\n') + '\n',
  })
  const last = await readAll(join(dir, 'last.jsonl'))
  t.same(last.events.map(sig), ['1 session undefined', '1 injected command', '1 skill-use slash triage'])

  const unrelated = await readAll(join(dir, 'unrelated.jsonl'))
  t.same(unrelated.events.map(sig), ['1 session undefined', '1 injected command', '1 skill-use slash triage', '2 injected meta', '3 injected meta'])
  t.equal(of(unrelated.events, 'skill-use')[0].body, undefined)

  const win = await readAll(join(dir, 'windows.jsonl'))
  t.same(win.events.map(sig), [
    '1 session undefined',
    '1 skill-use injected win-skill C:\\Users\\dev\\.claude\\skills\\win-skill\\SKILL.md',
    '1 injected skill-body',
    '2 tool-call Read t2',
    '2 skill-use read other C:\\Users\\dev\\.claude\\skills\\other\\SKILL.md',
    '3 tool-result t2 ok',
    '4 tool-call Read t3',
  ])
  t.equal(of(win.events, 'skill-use')[0].body, 'Body')
  t.equal(of(win.events, 'tool-result')[0].output, 'x'.repeat(MAX_OUTPUT_CHARS - 1), 'the emoji is dropped whole, not halved')
  t.ok(claudeCode.detect({ type: 'ai-title', aiTitle: 'x' }, '/home/u/.claude/projects/-x/s.jsonl'), 'a known type without ids, under projects/')
  t.notOk(claudeCode.detect({ type: 'ai-title', aiTitle: 'x' }, '/tmp/s.jsonl'))
})

t.test('read: a missing file rejects (the caller decides), a path with no records yields nothing', async (t) => {
  const dir = t.testdir({ 'empty.jsonl': '', 'blank.jsonl': '\n\n' })
  t.same((await readAll(join(dir, 'empty.jsonl'))).events, [])
  t.same((await readAll(join(dir, 'blank.jsonl'))).counts, clean({ lines: 2, blank: 2 }))
  await t.rejects(readAll(join(dir, 'missing.jsonl')), { code: 'ENOENT' })
})

t.test('detect: Claude Code records only', async (t) => {
  const p = '/home/u/.claude/projects/-x/s.jsonl'
  const yes: unknown[] = [
    { type: 'user', uuid: 'u1', sessionId: 's1', message: { content: 'hi' } },
    { type: 'progress', sessionId: 's1', uuid: 'p1', data: {} },
    { type: 'summary', summary: 'Fix the build', leafUuid: 'u9' },
    { type: 'queue-operation', operation: 'dequeue', timestamp: 't', sessionId: 's1' },
    { type: 'custom-title', customTitle: 'x', sessionId: 's1' },
  ]
  for (const v of yes) t.ok(claudeCode.detect(v, p), JSON.stringify(v))
  const no: unknown[] = [
    null,
    42,
    'user',
    [{ type: 'user', uuid: 'u1' }],
    { type: 'user' }, // no ids
    // the other agents' first records (session-logs.md §2.2-2.5)
    { timestamp: '2026-02-23T11:40:29Z', type: 'session_meta', payload: { id: '019c', cwd: '/Users/dev/app', cli_version: '0.104.0' } },
    { id: 'x', timestamp: 't', cwd: '/', originator: 'codex_cli_rs', cli_version: '0.30.0' },
    { sessionId: 'g1', projectHash: 'p1', startTime: '2026-10-03T11:49:20Z', kind: 'main' },
    { type: 'session', version: 3, id: 'b730', timestamp: 't', cwd: '/Users/dev/app' },
    { type: 'session.start', data: { sessionId: 'c1', version: 1 }, id: 'e1', timestamp: 't', parentId: null },
    { type: 'message', id: 'a1b2c3d4', parentId: null, message: { role: 'user', content: 'hi' } },
  ]
  for (const v of no) t.notOk(claudeCode.detect(v, '/tmp/x.jsonl'), JSON.stringify(v))
})

t.test('locate: ~/.claude/projects, ~/.config/claude/projects and CLAUDE_CONFIG_DIR roots, recursively', async (t) => {
  const root = t.testdir({
    home: {
      '.claude': {
        projects: {
          '-Users-dev-app': {
            's1.jsonl': '',
            's1': {
              subagents: { 'agent-a1.jsonl': '', 'agent-acompact-b2.jsonl': '' },
              'tool-results': { 'toolu_1.txt': '' },
            },
            'notes.json': '',
            'dir.jsonl': { 'inner.jsonl': '' }, // a folder named like a log: walked, not listed
          },
          '-old-flat': { 's0.jsonl': '', 'agent-0.jsonl': '' },
        },
        'history.jsonl': '', // outside projects/: not a session log
      },
      '.config': { claude: { projects: { '-p': { 's2.jsonl': '' } } } },
      alt: { projects: { '-r': { 's4.jsonl': '' } } },
    },
    cfg: { projects: { '-q': { 's3.jsonl': '' } } },
  })
  const home = join(root, 'home')
  const cfg = join(root, 'cfg')
  // a symlink loop must not hang the walk nor list a file twice
  symlinkSync(join(home, '.claude', 'projects'), join(home, '.claude', 'projects', '-old-flat', 'loop'))
  const env = { CLAUDE_CONFIG_DIR: ` ${cfg} ,${join(root, 'missing')},,${join(home, '.claude')},~/alt` }
  const found = claudeCode.locate(home, env)
  const p = (...s: string[]) => join(home, '.claude', 'projects', ...s)
  t.same(
    found,
    [
      join(home, '.claude', 'projects', '-Users-dev-app', 'dir.jsonl', 'inner.jsonl'),
      p('-Users-dev-app', 's1', 'subagents', 'agent-a1.jsonl'),
      p('-Users-dev-app', 's1', 'subagents', 'agent-acompact-b2.jsonl'),
      p('-Users-dev-app', 's1.jsonl'),
      p('-old-flat', 'agent-0.jsonl'),
      p('-old-flat', 's0.jsonl'),
      join(home, '.config', 'claude', 'projects', '-p', 's2.jsonl'),
      join(home, 'alt', 'projects', '-r', 's4.jsonl'),
      join(cfg, 'projects', '-q', 's3.jsonl'),
    ].sort(),
  )
  t.equal(new Set(found).size, found.length, 'no duplicates')
  t.same(found, [...found].sort(), 'sorted')

  const empty = t.testdir({})
  t.same(claudeCode.locate(empty, {}), [], 'no Claude folders at all')
  mkdirSync(join(empty, '.claude'))
  writeFileSync(join(empty, '.claude', 'projects'), 'a file, not a folder')
  t.same(claudeCode.locate(empty, { CLAUDE_CONFIG_DIR: '' }), [])
})
