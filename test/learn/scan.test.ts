import t from 'tap'
import { utimesSync } from 'node:fs'
import { join } from 'node:path'
import { findLogs, keepSession, logAgents, parseWhen } from '../../lib/learn/scan.js'
import { logSet } from '../../lib/learn/compare.js'
import type { Session } from '../../lib/learn/signals/types.js'

const NOW = Date.parse('2026-11-24T12:00:00Z')

t.test('parseWhen: durations back from now and ISO dates; anything else is a usage error', async (t) => {
  t.equal(parseWhen('7d', NOW).toISOString(), '2026-11-17T12:00:00.000Z')
  t.equal(parseWhen('12h', NOW).toISOString(), '2026-11-24T00:00:00.000Z')
  t.equal(parseWhen('2w', NOW).toISOString(), '2026-11-10T12:00:00.000Z')
  t.equal(parseWhen('2026-11-01', NOW).toISOString(), '2026-11-01T00:00:00.000Z')
  t.equal(parseWhen('2026-11-01T08:30:00Z', NOW).toISOString(), '2026-11-01T08:30:00.000Z')
  for (const bad of ['yesterday', '7', '2026-13-45', '']) {
    t.throws(() => parseWhen(bad, NOW), { code: 'E_USAGE' }, bad)
  }
})

t.test('logAgents: only agents with log readers', async (t) => {
  t.same(logAgents(['codex', 'claude-code']), ['codex', 'claude-code'])
  t.equal(logAgents(undefined), undefined)
  t.throws(() => logAgents(['cursor']), /learn reads no logs of agent "cursor"/)
})

t.test('logSet: windows and paths', async (t) => {
  const w = logSet('30d..14d', {}, NOW)
  t.same([w.paths, w.filter.since?.toISOString(), w.filter.until?.toISOString()], [[], '2026-10-25T12:00:00.000Z', '2026-11-10T12:00:00.000Z'])
  t.equal(logSet('14d..', {}, NOW).filter.until, undefined)
  t.same(logSet('../logs', {}, NOW).paths, ['../logs'], 'a relative path is not a window')
  t.throws(() => logSet('7d..30d', {}, NOW), /ends before it starts/)
})

const session = (cwd: string | undefined, times: string[]): Session => ({
  agent: 'codex',
  file: '/x.jsonl',
  id: 's',
  cwd,
  subagentOnly: false,
  events: times.map((timestamp, i) => ({ kind: 'assistant', text: '', agent: 'codex', file: '/x.jsonl', line: i + 1, sessionId: 's', timestamp })),
})

t.test('keepSession: agent, project and time window', async (t) => {
  const s = session('/work/app/pkg', ['2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z'])
  t.ok(keepSession(s, {}))
  t.notOk(keepSession(s, { agents: ['claude-code'] }))
  t.ok(keepSession(s, { project: '/work/app' }))
  t.notOk(keepSession(s, { project: '/work/ap' }), 'a folder name prefix is not the folder')
  t.notOk(keepSession(session(undefined, []), { project: '/work/app' }))
  t.ok(keepSession(s, { since: new Date('2026-11-02T00:00:00Z') }), 'still active after since')
  t.notOk(keepSession(s, { since: new Date('2026-11-04T00:00:00Z') }))
  t.notOk(keepSession(s, { until: new Date('2026-11-01T00:00:00Z') }), 'started at or after until')
  t.ok(keepSession(s, { until: new Date('2026-11-02T00:00:00Z') }))
})

t.test('findLogs: folders searched for .jsonl, files taken as given, old files skipped by --since', async (t) => {
  const dir = t.testdir({ a: { 'x.jsonl': '{}\n', 'notes.txt': '', deep: { 'y.jsonl': '{}\n' } }, 'z.jsonl': '{}\n' })
  const old = new Date('2026-01-01T00:00:00Z')
  utimesSync(join(dir, 'a/x.jsonl'), old, old)
  const all = findLogs(['a', 'z.jsonl'], dir, dir, {}, {}).map((f) => f.path)
  t.same(all, [join(dir, 'a/deep/y.jsonl'), join(dir, 'a/x.jsonl'), join(dir, 'z.jsonl')])
  const recent = findLogs(['a'], dir, dir, {}, { since: new Date('2026-06-01T00:00:00Z') }).map((f) => f.path)
  t.same(recent, [join(dir, 'a/deep/y.jsonl')])
  t.throws(() => findLogs(['missing'], dir, dir, {}, {}), /no such file or folder: missing/)
  const home = t.testdir({ '.codex': { sessions: { '2026': { '11': { '01': { 'rollout-2026-11-01T00-00-00-abc.jsonl': '{}\n' } } } } } })
  const located = findLogs([], home, home, {}, { agents: ['codex'] })
  t.equal(located.length, 1)
  t.equal(located[0]!.reader?.agent, 'codex', 'default locations know their reader')
  t.same(findLogs([], home, home, {}, { agents: ['gemini-cli'] }), [])
})
