import t from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { addGotchas, addTriggers, applyEdit, draft, draftSkill, MAX_DESCRIPTION, unifiedDiff } from '../../lib/learn/propose.js'
import { parseSkillFile } from '../../lib/skills/parse.js'
import { readSkill, skillIndex } from '../../lib/learn/skills.js'
import type { Candidate } from '../../lib/learn/aggregate.js'

const SKILL = `---
name: deploy
description: Deploy the app. Use when the user asks to deploy.
---

# Deploy

Run \`make deploy\`.

## Gotchas

- Never deploy on Fridays.

## After

Check the dashboard.
`

const description = (text: string) => (parseSkillFile(Buffer.from(text)).frontmatter!.data as { description: string }).description

/** `git apply --check` of a diff against files in a fresh repo. */
function gitApplies(t: { testdir(): string }, files: Record<string, string>, diff: string): boolean {
  const dir = t.testdir()
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    writeFileSync(join(dir, rel), text)
  }
  writeFileSync(join(dir, 'p.patch'), diff)
  execFileSync('git', ['init', '-q', dir])
  try {
    execFileSync('git', ['apply', '--check', 'p.patch'], { cwd: dir, stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

t.test('replace: the line named, or the line that moved', async (t) => {
  t.equal(applyEdit(SKILL, { kind: 'replace', line: 8, from: 'make deploy', to: 'make release' }), SKILL.replace('make deploy', 'make release'))
  t.equal(applyEdit('\n\n' + SKILL, { kind: 'replace', line: 8, from: 'make deploy', to: 'make release' }), '\n\n' + SKILL.replace('make deploy', 'make release'))
  t.equal(applyEdit(SKILL, { kind: 'replace', line: 8, from: 'make nothing', to: 'x' }), undefined, 'gone: no proposal')
  t.equal(applyEdit(SKILL, { kind: 'replace', line: 8, from: 'make deploy', to: '$& and $1' })!.includes('Run `$& and $1`.'), true, 'replacement text is literal')
})

t.test('gotchas: appended to the existing section, made when missing, never twice', async (t) => {
  const added = addGotchas(SKILL, ['Run the migrations first.'])!
  t.match(added, '- Never deploy on Fridays.\n- Run the migrations first.\n\n## After')
  t.equal(addGotchas(SKILL, ['never deploy on fridays']), undefined, 'already there (case and punctuation aside)')
  const none = addGotchas('---\nname: a\ndescription: b\n---\n\n# A\n\nText.\n\n', ['First bullet.'])!
  t.equal(none, '---\nname: a\ndescription: b\n---\n\n# A\n\nText.\n\n## Gotchas\n\n- First bullet.\n')
  const fenced = '---\nname: a\ndescription: b\n---\n\n```md\n## Gotchas\n```\n'
  t.match(addGotchas(fenced, ['X.'])!, /```\n\n## Gotchas\n\n- X\.\n$/, 'a heading inside a code fence is not the section')
  const empty = '---\nname: a\ndescription: b\n---\n\n## Pitfalls\n\n## Next\n'
  t.equal(addGotchas(empty, ['Y.']), '---\nname: a\ndescription: b\n---\n\n## Pitfalls\n\n- Y.\n\n## Next\n')
})

t.test('triggers: added to the description as YAML, within 1,024 characters', async (t) => {
  const out = addTriggers(SKILL, ['ship it to production', 'push a release'])!
  t.equal(description(out), 'Deploy the app. Use when the user asks to deploy. Also use when asked to: ship it to production; push a release.')
  t.equal(out.split('\n').length, SKILL.split('\n').length, 'one line changed')
  const quoted = SKILL.replace('description: Deploy the app. Use when the user asks to deploy.', 'description: "Deploy: the app"')
  t.equal(description(addTriggers(quoted, ['ship it'])!), 'Deploy: the app. Also use when asked to: ship it.')
  const block = SKILL.replace('description: Deploy the app. Use when the user asks to deploy.', 'description: >-\n  Deploy the app.\n  Use when asked.\nlicense: MIT')
  const b = addTriggers(block, ['ship it'])!
  t.equal(description(b), 'Deploy the app. Use when asked. Also use when asked to: ship it.')
  t.equal((parseSkillFile(Buffer.from(b)).frontmatter!.data as { license: string }).license, 'MIT', 'the next key survives')
  t.equal(addTriggers(SKILL, ['deploy']), undefined, 'a phrase the description has is not added')
  const long = SKILL.replace('Deploy the app.', 'D'.repeat(1000))
  const l = addTriggers(long, ['ship it', 'push a release to the servers now'])
  t.ok(l === undefined || description(l).length <= MAX_DESCRIPTION)
  t.equal(description(addTriggers(SKILL, ['<b>bold</b> move'])!).includes('<'), false, 'no XML-like tags')
})

t.test('diffs apply with git apply --check: edits and a new skill', async (t) => {
  const rel = 'skills/deploy/SKILL.md'
  for (const after of [applyEdit(SKILL, { kind: 'replace', line: 8, from: 'make deploy', to: 'make release' })!, addGotchas(SKILL, ['A.'])!, addTriggers(SKILL, ['ship it'])!]) {
    const diff = await unifiedDiff(rel, SKILL, after)
    t.match(diff, /^--- a\/skills\/deploy\/SKILL\.md\n\+\+\+ b\/skills\/deploy\/SKILL\.md\n@@ /)
    t.ok(gitApplies(t, { [rel]: SKILL }, diff), 'applies')
  }
  const replaced = await unifiedDiff(rel, SKILL, applyEdit(SKILL, { kind: 'replace', line: 8, from: 'make deploy', to: 'make release' })!)
  t.notOk(gitApplies(t, { [rel]: SKILL.replace('Run `make deploy`.', 'Run `make ship`.') }, replaced), 'a file whose line changed refuses the diff')
  const text = draftSkill({ kind: 'new-skill', name: 'build-test', description: 'Build and test. Use when asked to build.', steps: ['npm run build', 'npm test'] }, 3)
  const diff = await unifiedDiff('skills/build-test/SKILL.md', null, text)
  t.match(diff, /^--- \/dev\/null\n\+\+\+ b\/skills\/build-test\/SKILL\.md\n@@ -0,0 \+1,\d+ @@\n\+---\n/)
  t.ok(gitApplies(t, {}, diff))
  t.match(text, '1. Run `npm run build`.\n2. Run `npm test`.')
  t.same(parseSkillFile(Buffer.from(text)).frontmatter!.data, { name: 'build-test', description: 'Build and test. Use when asked to build.' })
})

t.test('draft: a proposal with its id, target, hash and summary; nothing for an edit that changes nothing', async (t) => {
  const dir = t.testdir({ skills: { deploy: { 'SKILL.md': SKILL } } })
  const index = skillIndex([readSkill(join(dir, 'skills/deploy'), join(dir, 'skills/deploy/SKILL.md'), dir)])
  const c: Candidate = { key: 'failed-command:deploy:make deploy', signal: 'failed-command', skill: 'deploy', edit: { kind: 'replace', line: 8, from: 'make deploy', to: 'make release' }, recurrence: 1, validated: true, confidence: 0.8, evidence: [] }
  const d = (await draft(c, index, 'skills'))!
  t.match(d.proposal, { id: /^[0-9a-f]{8}$/, target: 'skills/deploy/SKILL.md', skillHash: /^[0-9a-f]{64}$/, summary: 'deploy: replace `make deploy`, which failed, with `make release`, which worked (line 8)' })
  t.equal((await draft(c, index, 'skills'))!.proposal.id, d.proposal.id, 'the id depends on what, not when')
  t.equal(await draft({ ...c, edit: { kind: 'gotcha', bullets: ['Never deploy on Fridays.'] } }, index, 'skills'), undefined)
  t.equal(await draft({ ...c, skill: 'unknown' }, index, 'skills'), undefined)
  t.equal(await draft({ ...c, signal: 'repeated-procedure', edit: { kind: 'new-skill', name: 'deploy', description: 'x', steps: [] } }, index, 'skills'), undefined, 'a draft never replaces a skill')
})
