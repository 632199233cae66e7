// The `repeated-procedure` signal (session-logs.md §4.1 "repeated manual workflow", §4.4 AWM /
// Voyager: induce from validated success only): the agent ran the same multi-step shell
// procedure by hand, with no skill covering it. Each session reports the procedures it ran as
// normalized step shapes (`npm run build → npm test → git commit`); the aggregator counts the
// sessions per shape sequence, and only one seen in two sessions becomes a new-skill draft.
//
// Steps are successful shell commands of the main agent outside any repo skill's window (a skill
// in play means a skill already covers what it does). A procedure is what the agent did for one
// request: runs break at each human prompt and at each repo skill use. Exploratory reads (`ls`,
// `cat`, `grep`…) are dropped before matching: agents sprinkle them unpredictably and they would
// split one procedure into many keys.
import { basename } from 'node:path'
import { quote } from '../quote.js'
import { dollarSkill, simpleCommands } from '../readers/shell.js'
import type { HumanMessage, ToolCall } from '../types.js'
import { activeSkills, evidence, resultsById, succeeded } from './common.js'
import type { Detector, Finding, Session, SkillIndex } from './types.js'

export const CONFIDENCE = 0.5
export const MIN_STEPS = 3
export const MAX_STEPS = 6
/** Findings per session: a long session must not flood the aggregator. */
export const MAX_FINDINGS = 20
/** Windows considered per session, so a session of thousands of commands stays bounded. */
const MAX_CANDIDATES = 5000
const MAX_NAME = 64
const MAX_DESCRIPTION = 1024

/** Programs that only look around or move around: never a step. `sed` counts only with `-i`. */
const NOISE = new Set([
  'cd', 'pushd', 'popd', 'ls', 'll', 'la', 'dir', 'pwd', 'echo', 'printf', 'cat', 'bat', 'batcat', 'head', 'tail', 'less', 'more',
  'nl', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'find', 'fd', 'which', 'whereis', 'type', 'tree', 'file', 'stat',
  'du', 'df', 'date', 'whoami', 'id', 'uname', 'hostname', 'env', 'printenv', 'true', 'false', ':', 'sleep', 'clear', 'exit',
  'set', 'export', 'unset', 'source', '.', 'test', '[', '[[', 'sort', 'uniq', 'cut', 'tr', 'awk', 'jq', 'yq', 'realpath',
  'readlink', 'dirname', 'basename', 'history', 'Get-Content', 'Get-ChildItem', 'Select-String', 'Write-Output', 'Write-Host', 'sed',
])
/** Step shapes that change nothing: a procedure made only of these is not one. */
const READ_ONLY = new Set([
  'git status', 'git log', 'git diff', 'git show', 'git branch', 'git remote', 'git rev-parse', 'git ls-files', 'git blame',
  'git fetch', 'git describe', 'git reflog', 'git shortlog', 'git config', 'npm ls', 'npm list', 'npm view', 'npm outdated',
  'npm config', 'pnpm ls', 'pnpm list', 'yarn list', 'docker ps', 'docker images', 'docker logs', 'docker inspect',
  'kubectl get', 'kubectl describe', 'kubectl logs', 'gh pr view', 'gh pr list', 'gh pr status', 'gh pr diff', 'gh pr checks',
  'gh issue view', 'gh issue list', 'gh run list', 'gh run view', 'gh repo view', 'cargo tree', 'go list', 'go env', 'pip list',
  'pip show', 'pip freeze', 'node', 'python', 'python3', 'ps', 'diff', 'curl', 'wget', 'man', 'tldr', 'open', 'xdg-open',
])
/** Programs whose next word(s) say what they do (`git commit`), and how many such words. */
const SUBCOMMANDS: Record<string, number> = Object.fromEntries([
  ...'git npm pnpm yarn bun cargo go docker podman kubectl helm terraform tofu make just task pip pip3 uv poetry pipenv conda brew apt apt-get dnf yum pacman systemctl dotnet mvn gradle gradlew deno rustup nix heroku vercel netlify firebase flyctl fly rails bundle rake mix composer swift dotskills npx pnpx bunx'
    .split(' ')
    .map((p) => [p, 1]),
  ['gh', 2], ['glab', 2], ['aws', 2], ['az', 2], ['gcloud', 3],
])
/** Interpreters: their script (or `-m module`) is the step, not the interpreter. */
const INTERPRETERS = new Set(['node', 'python', 'python3', 'ruby', 'perl', 'bash', 'sh', 'zsh', 'tsx', 'ts-node', 'php'])
/** Options whose value is the next word (`git -C dir status`). */
const VALUED: Record<string, Set<string>> = { git: new Set(['-C', '-c', '--git-dir', '--work-tree']), npm: new Set(['--prefix', '-w', '--workspace']), pnpm: new Set(['-C', '--filter', '--dir']), yarn: new Set(['--cwd']), make: new Set(['-C', '-f']), docker: new Set(['-f', '--file', '-p', '--project-name']) }
/** Package runners: `npm run build`, `npx tsc`: the script or tool is part of the shape. */
const RUN_WORDS = new Set(['run', 'run-script', 'exec', 'dlx', 'x'])
const SUBWORD = /^[a-z][\w:.+-]*$/i

const base = (w: string): string => basename(w.replace(/\\/g, '/'))
/** `prettier@3`, `@scope/tool@1.2` → the tool's name. */
const toolName = (w: string): string | undefined => {
  const m = /^(@?[a-z0-9._-]+(?:\/[a-z0-9._-]+)?)(?:@[^/]*)?$/i.exec(w)
  return m ? m[1] : undefined
}

/**
 * A simple command's "program + subcommand" shape, without the arguments that vary from run to
 * run (paths, messages, hashes): `git -C x commit -m "y"` → `git commit`, `npm run build -- -w`
 * → `npm run build`, `npx tsc --noEmit` → `npx tsc`, `python -m pytest -q` → `python -m pytest`,
 * `./scripts/deploy.sh prod` → `deploy.sh`. Undefined for exploration (`ls`, `cat`, `grep`…).
 */
export function stepShape(words: readonly string[]): string | undefined {
  if (!Array.isArray(words) || words.length === 0 || typeof words[0] !== 'string') return undefined
  const program = base(words[0])
  if (!program || /^\d/.test(program)) return undefined
  const args = words.slice(1).filter((w): w is string => typeof w === 'string')
  if (NOISE.has(program)) return program === 'sed' && args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')) ? 'sed -i' : undefined
  if (INTERPRETERS.has(program)) {
    const m = args.indexOf('-m')
    if (m !== -1 && args[m + 1] && SUBWORD.test(args[m + 1]!)) return `${program} -m ${args[m + 1]}`
    const script = args.find((a) => !a.startsWith('-') && /[./]/.test(a) && !/\s/.test(a))
    return script ? `${program} ${base(script)}` : program
  }
  let depth = SUBCOMMANDS[program]
  if (depth === undefined) return program
  const valued = VALUED[program]
  const subs: string[] = []
  for (let i = 0; i < args.length && subs.length < depth; i++) {
    const a = args[i]!
    if (a.startsWith('-')) {
      if (valued?.has(a)) i++
      continue
    }
    const runner = ['npx', 'pnpx', 'bunx'].includes(program) || (subs.length > 0 && RUN_WORDS.has(subs.at(-1)!) && ['npm', 'pnpm', 'yarn', 'bun'].includes(program))
    const word = runner ? toolName(a) : SUBWORD.test(a) ? a : undefined
    if (!word) break
    subs.push(word)
    // `npm run <script>`, `docker compose <cmd>`: one word more
    if (subs.length === depth && (RUN_WORDS.has(word) || word === 'compose') && subs.length === 1) depth++
  }
  return [program, ...subs].join(' ')
}

/** A step shape that only reads (never enough, alone, to make a procedure or a job done by hand). */
export const isReadOnly = (shape: string): boolean => READ_ONLY.has(shape) || READ_ONLY.has(shape.split(' ')[0]!)

/** A simple command as one shell line again, with its words quoted where needed. */
const shellLine = (words: readonly string[]): string =>
  words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ')

/** A new skill's name from its steps: the first program, then each step's last word. */
export function procedureName(shapes: readonly string[], taken: (name: string) => boolean = () => false): string {
  const words: string[] = []
  const add = (w: string) => {
    const clean = w.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    if (clean && !words.includes(clean)) words.push(clean)
  }
  if (shapes[0]) add(shapes[0].split(' ')[0]!)
  for (const s of shapes) add(s.split(' ').at(-1)!)
  let name = ''
  for (const w of words) if ((name ? name.length + 1 : 0) + w.length <= MAX_NAME - 3) name = name ? `${name}-${w}` : w
  name ||= 'procedure'
  if (!taken(name)) return name
  for (let n = 2; n < 100; n++) if (!taken(`${name}-${n}`)) return `${name}-${n}`
  return `${name.slice(0, MAX_NAME - 4)}-new`
}

/** One sentence: what it runs, then when to use it, quoting the prompt that asked for it. */
export function procedureDescription(shapes: readonly string[], prompt: string | undefined): string {
  const list = shapes.length > 1 ? `${shapes.slice(0, -1).join(', ')} and ${shapes.at(-1)}` : (shapes[0] ?? '')
  const asked = prompt === undefined ? '' : quote(prompt, 200).replace(/[<>`]/g, '').replace(/"/g, "'").trim()
  const when = asked ? `use when a task is like "${asked}".` : 'use when these steps are needed together.'
  return `Runs ${list} in order; ${when}`.replace(/[<>]/g, '').slice(0, MAX_DESCRIPTION)
}

/** `/name …` or `$name …`: a command typed to the agent, not a request in words. */
export const isCommandPrompt = (text: string): boolean => /^\s*\/[a-z][\w.:-]*(?:\s|$)/i.test(text) || dollarSkill(text) !== undefined

interface Step {
  shape: string
  /** the simple command as run, re-quoted and redacted */
  text: string
  call: ToolCall
  prompt?: HumanMessage
  /** steps of one run are consecutive: same request, no skill in between */
  run: number
}

/** The session's successful manual steps, consecutive duplicates dropped. */
function manualSteps(session: Session, skills: SkillIndex): Step[] {
  const active = activeSkills(session, skills)
  const results = resultsById(session)
  const steps: Step[] = []
  let run = 0
  let prompt: HumanMessage | undefined
  session.events.forEach((e, i) => {
    if (e.subagent) return
    if (e.kind === 'human') {
      run++
      // a `/x` prompt is a command, not a request to quote
      prompt = isCommandPrompt(e.text) ? undefined : e
      return
    }
    if (e.kind === 'skill-use' && skills.link(e)) run++
    if (e.kind !== 'tool-call' || !e.command || active[i] || !succeeded(results.get(e.id))) return
    for (const words of simpleCommands(e.command)) {
      const shape = stepShape(words)
      if (!shape) continue
      const last = steps.at(-1)
      if (last && last.run === run && last.shape === shape) continue
      steps.push({ shape, text: quote(shellLine(words), 200).replace(/`/g, "'"), call: e, prompt, run })
    }
  })
  return steps
}

/**
 * The windows of 3–6 steps worth reporting: distinct, not read-only, not covered by a repo skill.
 * Within a run, the whole run (or a longest window of a longer one) comes before its parts, longer
 * before shorter, earlier before later; runs take turns, so one long run cannot crowd out the
 * short procedures of other requests when the cap is reached.
 */
function procedures(steps: Step[], skills: SkillIndex): { key: string; window: Step[] }[] {
  // each repo skill's prescribed step shapes: a procedure made of one skill's steps is covered
  const covers = skills.skills.map((s) => new Set(s.commands.flatMap((c) => simpleCommands(c.text).map(stepShape)).filter((x): x is string => !!x)))
  // by key: where it was first seen (its representative) and its best rank
  const candidates = new Map<string, { run: number; start: number; len: number; rank: number }>()
  let runs = 0
  for (let from = 0; from < steps.length && candidates.size < MAX_CANDIDATES; runs++) {
    let to = from
    while (to < steps.length && steps[to]!.run === steps[from]!.run) to++
    for (let start = from; start < to; start++) {
      for (let len = Math.min(MAX_STEPS, to - start); len >= MIN_STEPS; len--) {
        const shapes = steps.slice(start, start + len).map((s) => s.shape)
        if (shapes.every(isReadOnly) || covers.some((c) => shapes.every((s) => c.has(s)))) continue
        const key = `repeated-procedure:${shapes.join(' → ')}`
        const rank = len === to - from || len === MAX_STEPS ? 0 : 1
        const seen = candidates.get(key)
        if (!seen) candidates.set(key, { run: runs, start, len, rank })
        else seen.rank = Math.min(seen.rank, rank)
      }
    }
    from = to
  }
  const byRun: { key: string; start: number; len: number; rank: number }[][] = Array.from({ length: runs }, () => [])
  for (const [key, c] of candidates) byRun[c.run]!.push({ key, ...c })
  for (const list of byRun) list.sort((a, b) => a.rank - b.rank || b.len - a.len || a.start - b.start)
  const out: { key: string; window: Step[] }[] = []
  for (let k = 0; out.length < MAX_FINDINGS && byRun.some((l) => l.length > k); k++) {
    for (const list of byRun) {
      const c = list[k]
      if (c && out.length < MAX_FINDINGS) out.push({ key: c.key, window: steps.slice(c.start, c.start + c.len) })
    }
  }
  return out
}

const detector: Detector = {
  id: 'repeated-procedure',
  describe: 'the same multi-step shell procedure run by hand in several sessions, with no skill covering it: a new skill draft',
  threshold: 2,
  detect(session, skills) {
    if (session.subagentOnly) return []
    const steps = manualSteps(session, skills)
    if (steps.length < MIN_STEPS) return []
    const firstPrompt = session.events.find((e): e is HumanMessage => e.kind === 'human' && !e.subagent && !isCommandPrompt(e.text))
    return procedures(steps, skills).map(({ key, window }): Finding => {
      const shapes = window.map((s) => s.shape)
      // the name depends only on the shapes and the repo's skills, so it is the same in every session
      const name = procedureName(shapes, (n) => !!skills.get(n))
      const prompt = window[0]!.prompt ?? firstPrompt
      const calls = [...new Set(window.map((s) => s.call))]
      return {
        signal: 'repeated-procedure',
        skill: name,
        key,
        confidence: CONFIDENCE,
        edit: { kind: 'new-skill', name, description: procedureDescription(shapes, prompt?.text), steps: window.map((s) => s.text) },
        evidence: [...(prompt ? [evidence(session, prompt, 'prompt', prompt.text)] : []), ...calls.map((c) => evidence(session, c, 'step', c.command ?? ''))],
      }
    })
  },
}

export default detector
