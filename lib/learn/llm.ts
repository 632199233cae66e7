// --llm "<command>": hand one proposal to any command (a model CLI, a script) and use what it
// prints as the skill's new text. The command gets JSON on stdin: the proposal (signal,
// summary, evidence quotes, the deterministic diff) and the skill's current and proposed text.
// Its answer is used only when it exits 0 and prints a whole SKILL.md; the caller lints it like
// any proposal. Off by default: nothing leaves the machine unless the user names a command.
import { spawn } from 'node:child_process'
import type { Context } from '../context.js'
import type { Draft } from './propose.js'
import type { SkillIndex } from './signals/types.js'

/** How long one answer may take (DOTSKILLS_LLM_TIMEOUT_MS), and how much of it is read. */
const TIMEOUT_MS = 300_000
const MAX_OUTPUT = 1024 * 1024

export type LlmAnswer = { ok: true; text: string } | { ok: false; why: string }

export function askLlm(command: string, d: Draft, skills: SkillIndex, ctx: Context): Promise<LlmAnswer> {
  const p = d.proposal
  const input = JSON.stringify({
    instructions:
      'Improve this Agent Skill (SKILL.md) using the evidence from agent session logs. Make the smallest edit that addresses the evidence; keep the frontmatter valid. Print only the complete new SKILL.md.',
    proposal: { id: p.id, signal: p.signal, skill: p.skill, target: p.target, summary: p.summary, confidence: p.confidence, recurrence: p.recurrence, evidence: p.evidence, diff: p.diff },
    skill: { name: p.skill, description: skills.get(p.skill)?.description ?? null, current: d.before, proposed: d.after },
  })
  const timeoutMs = Number(ctx.env.DOTSKILLS_LLM_TIMEOUT_MS) || TIMEOUT_MS
  return new Promise((resolve) => {
    // its own process group: on timeout the whole group is killed, not just the shell
    const child = spawn(command, { shell: true, cwd: ctx.cwd, env: ctx.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    const out: Buffer[] = []
    let size = 0
    let err = ''
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, timeoutMs)
    child.stdout.on('data', (b: Buffer) => {
      size += b.length
      if (size <= MAX_OUTPUT) out.push(b)
    })
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-500)))
    child.stdin.on('error', () => {}) // a command that does not read stdin closes it early
    child.stdin.end(input)
    child.on('error', (e) => {
      clearTimeout(timer)
      resolve({ ok: false, why: `could not run it (${e.message})` })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const text = Buffer.concat(out).toString('utf8')
      const last = err.trim().split('\n').pop() ?? ''
      if (signal) resolve({ ok: false, why: `it was stopped (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs / 1000} s` : ''})` })
      else if (code !== 0) resolve({ ok: false, why: `it exited with ${code}${last ? `: ${last}` : ''}` })
      else if (size > MAX_OUTPUT) resolve({ ok: false, why: `it printed over ${MAX_OUTPUT} bytes` })
      else if (!/^(\ufeff)?---\r?\n/.test(text)) resolve({ ok: false, why: 'it did not print a SKILL.md (frontmatter first)' })
      else resolve({ ok: true, text: text.endsWith('\n') ? text : text + '\n' })
    })
  })
}
