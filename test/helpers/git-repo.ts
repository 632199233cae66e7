// Deterministic fixture repositories for the git test server: a work clone in a temp folder
// pushes to a bare repo under the server root. Names, emails and dates are fixed (the date moves
// on by a minute per commit or tag), so the same history always gives the same oids.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

export interface RepoFiles {
  [relPath: string]: string | { content: string; mode?: 0o644 | 0o755 } | { symlink: string }
}

const temps: string[] = []
process.on('exit', () => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  temps.push(d)
  return d
}

let home: string | undefined
/**
 * An environment for git that no user or system config can reach (and no GIT_DIR or similar
 * inherited from a hook running the tests). Also fit for native git clients in tests.
 */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  home ??= tempDir('dotskills-git-home-')
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    ...extra,
  }
}

const BASE_EPOCH = 1_700_000_000
const CONFIG = ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.autocrlf=false']

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', [...CONFIG, ...args], { cwd, env: gitEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

export class FixtureRepo {
  readonly bareDir: string
  readonly workDir: string
  private branchName: string
  private clock = 0

  private constructor(bareDir: string, workDir: string, branch: string) {
    this.bareDir = bareDir
    this.workDir = workDir
    this.branchName = branch
  }

  /** Makes <root>/<name> (bare, HEAD → branch) holding one commit of `files`. */
  static create(root: string, name: string, files: RepoFiles, opts: { branch?: string } = {}): FixtureRepo {
    const branch = opts.branch ?? 'main'
    const bareDir = resolve(root, name)
    mkdirSync(root, { recursive: true })
    git(root, ['init', '--quiet', '--bare', bareDir])
    git(bareDir, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`])
    // lets clients fetch a commit by oid, as pinned sources do
    git(bareDir, ['config', 'uploadpack.allowAnySHA1InWant', 'true'])
    git(bareDir, ['config', 'uploadpack.allowReachableSHA1InWant', 'true'])
    // only FixtureRepo changes fixtures, never a client over HTTP
    git(bareDir, ['config', 'http.receivepack', 'false'])

    const workDir = tempDir('dotskills-fixture-work-')
    git(workDir, ['init', '--quiet', '-b', branch])
    git(workDir, ['remote', 'add', 'origin', bareDir])
    const repo = new FixtureRepo(bareDir, workDir, branch)
    repo.commit(files, 'initial commit')
    return repo
  }

  /**
   * Commits `files` (and removes `opts.remove`) and pushes; returns the new oid. With
   * `opts.branch` the commit goes to that branch (created from HEAD if new) and the work clone
   * then returns to its own branch.
   */
  commit(files: RepoFiles, message: string, opts: { remove?: string[]; branch?: string } = {}): string {
    const target = opts.branch ?? this.branchName
    if (target !== this.branchName) this.switchTo(target)
    try {
      if (opts.remove?.length) git(this.workDir, ['rm', '-r', '--quiet', '--', ...opts.remove])
      this.write(files)
      git(this.workDir, ['add', '-A'])
      git(this.workDir, ['commit', '--quiet', '--allow-empty', '-m', message], this.dates())
      git(this.workDir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${target}`])
      return git(this.workDir, ['rev-parse', 'HEAD'])
    } finally {
      if (target !== this.branchName) git(this.workDir, ['checkout', '--quiet', this.branchName])
    }
  }

  /** Tags HEAD (lightweight unless `annotated`) and pushes the tag. */
  tag(name: string, annotated = false): void {
    if (annotated) git(this.workDir, ['tag', '-a', name, '-m', `tag ${name}`], this.dates())
    else git(this.workDir, ['tag', name])
    git(this.workDir, ['push', '--quiet', 'origin', `refs/tags/${name}`])
  }

  /** Creates and pushes a branch at HEAD; the work clone stays on its current branch. */
  branch(name: string): void {
    git(this.workDir, ['branch', name])
    git(this.workDir, ['push', '--quiet', 'origin', `refs/heads/${name}`])
  }

  /** Rewrites the last commit with `files` added and force-pushes; returns the new oid. */
  amendAndForcePush(files: RepoFiles, message: string): string {
    this.write(files)
    git(this.workDir, ['add', '-A'])
    git(this.workDir, ['commit', '--quiet', '--amend', '--allow-empty', '-m', message], this.dates())
    git(this.workDir, ['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${this.branchName}`])
    return git(this.workDir, ['rev-parse', 'HEAD'])
  }

  /** The oid the bare repo (what the server serves) has for `branch`, default its HEAD. */
  head(branch?: string): string {
    return git(this.bareDir, ['rev-parse', branch ? `refs/heads/${branch}` : 'HEAD'])
  }

  private switchTo(branch: string): void {
    const exists = git(this.workDir, ['branch', '--list', branch]) !== ''
    git(this.workDir, exists ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch])
  }

  private write(files: RepoFiles): void {
    for (const [rel, spec] of Object.entries(files)) {
      const file = join(this.workDir, rel)
      mkdirSync(dirname(file), { recursive: true })
      // a symlink must replace a file (and the reverse) rather than write through it
      rmSync(file, { force: true })
      if (typeof spec === 'string') writeFileSync(file, spec)
      else if ('symlink' in spec) symlinkSync(spec.symlink, file)
      else {
        writeFileSync(file, spec.content)
        // explicit, so the umask cannot decide the mode git records
        chmodSync(file, spec.mode ?? 0o644)
      }
    }
  }

  private dates(): Record<string, string> {
    const date = `${BASE_EPOCH + 60 * this.clock++} +0000`
    return {
      GIT_AUTHOR_NAME: 'Fixture Author',
      GIT_AUTHOR_EMAIL: 'author@example.test',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Fixture Committer',
      GIT_COMMITTER_EMAIL: 'committer@example.test',
      GIT_COMMITTER_DATE: date,
    }
  }
}

/**
 * Files of one lint-clean skill: `${prefix}${name}/SKILL.md`, plus `extra` (paths relative to the
 * skill folder, e.g. `{ 'scripts/run.sh': { content, mode: 0o755 } }`).
 */
export function skillFiles(name: string, description?: string, extra: RepoFiles = {}, prefix = ''): RepoFiles {
  // short, so that two default descriptions share few words (description-overlap)
  const desc = description ?? `Use when the task needs ${name}.`
  const yamlDesc = /[:#]|^[\s'"[\]{}>|*&!%@`,?-]|\s$/.test(desc) ? JSON.stringify(desc) : desc
  const dir = `${prefix}${name}`
  const files: RepoFiles = {
    [`${dir}/SKILL.md`]: `---\nname: ${name}\ndescription: ${yamlDesc}\n---\n\n# ${name}\n\nFollow the steps for ${name}.\n`,
  }
  for (const [rel, spec] of Object.entries(extra)) files[`${dir}/${rel}`] = spec
  return files
}
