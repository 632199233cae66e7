// Signal 5: a file the skill references did not exist when the agent followed it. The agent,
// with the skill in play, read or ran a path the skill's body names (a link, `scripts/x.sh`)
// and the tool said it was not there. When the file is in the repo skill's folder now, the
// skill is fine (the installed copy was stale, or the agent looked elsewhere): no finding. When
// the agent then found a file of that name elsewhere in the skill's folder, the proposal fixes
// the path (validated); otherwise it is a Gotchas bullet that needs two sessions.
import { existsSync } from 'node:fs'
import { join, posix } from 'node:path'
import { activeSkills, evidence, failed, resultsById, succeeded } from './common.js'
import type { Detector, Finding, Session, SkillRef } from './types.js'

const NOT_FOUND = /no such file|does not exist|not found|ENOENT|cannot find|could not find|cannot access|File not found/i

/** The skill reference a path or command names: its text ends with the reference's path. */
function referenceIn(text: string, skill: SkillRef): { path: string; line: number } | undefined {
  const norm = text.replace(/\\/g, '/')
  return skill.references.find((r) => {
    const at = norm.indexOf(r.path)
    if (at === -1) return false
    const before = norm[at - 1]
    const after = norm[at + r.path.length]
    return (before === undefined || /[\s/'"`(=]/.test(before)) && (after === undefined || /[\s'"`);|&]/.test(after))
  })
}

/** A file under the skill's folder (installed copy or repo) that has the missing file's name: its path inside the folder. */
function foundElsewhere(path: string, missing: string, skill: SkillRef): string | undefined {
  const norm = path.replace(/\\/g, '/')
  const marker = `/${skill.name}/`
  const at = norm.lastIndexOf(marker)
  if (at === -1 || posix.basename(norm) !== posix.basename(missing)) return undefined
  const inside = norm.slice(at + marker.length)
  return inside && inside !== missing ? inside : undefined
}

const detector: Detector = {
  id: 'missing-file',
  describe: 'a file the skill references was missing when the agent followed it; with the path that existed when the session shows one',
  threshold: 2,
  detect(session: Session, skills) {
    const findings: Finding[] = []
    const active = activeSkills(session, skills)
    const results = resultsById(session)
    const seen = new Set<string>()
    session.events.forEach((e, i) => {
      const skill = active[i]?.skill
      if (!skill || e.kind !== 'tool-call' || e.subagent) return
      const target = e.readPath ?? e.command
      if (!target) return
      const ref = referenceIn(target, skill)
      const r = results.get(e.id)
      if (!ref || !failed(r) || !NOT_FOUND.test(r.output)) return
      if (seen.has(ref.path) || existsSync(join(skill.dir, ref.path))) return
      seen.add(ref.path)
      const missed = evidence(session, e, 'missing', `${ref.path}: ${r.output.split('\n').find((l) => NOT_FOUND.test(l)) ?? ''}`)
      const key = `missing-file:${skill.name}:${ref.path}`
      for (let j = i + 1; j < session.events.length; j++) {
        const f = session.events[j]!
        if (f.kind === 'human') break
        if (f.kind !== 'tool-call' || !f.readPath || !succeeded(results.get(f.id))) continue
        const inside = foundElsewhere(f.readPath, ref.path, skill)
        if (!inside || !existsSync(join(skill.dir, inside))) continue
        findings.push({ signal: 'missing-file', skill: skill.name, key, edit: { kind: 'replace', line: ref.line, from: ref.path, to: inside }, confidence: 0.75, validated: true, evidence: [missed, evidence(session, f, 'found', f.readPath)] })
        return
      }
      findings.push({ signal: 'missing-file', skill: skill.name, key, edit: { kind: 'gotcha', bullets: [`\`${ref.path}\` (named on line ${ref.line}) was missing when followed; check the path.`] }, confidence: 0.5, evidence: [missed] })
    })
    return findings
  },
}
export default detector
