// The engine's shared vocabulary: plan → target files; compare → statuses; apply → writes.

/** One file dotskills wants on disk. Paths are absolute and normalised. */
export interface TargetFile {
  path: string
  bytes: Buffer
  /** permission bits, e.g. 0o644 or 0o755 */
  mode: number
  /** the skill it belongs to (its name) */
  skill: string
  /** agents that read this path (several when agents share a folder) */
  agents: string[]
  /** the adapter root it lives under; nothing is ever written outside a root */
  root: string
  /** the source file it came from (absolute), when there is one; for re-add */
  source?: string
  /**
   * set for a managed block: `path` is a shared file and dotskills owns only the part between
   * this adapter id's markers (block.ts); `bytes` is that block, markers included
   */
  block?: string
  /** set in symlink mode: install a symlink to this source file instead of a copy */
  link?: string
}

/** Identity of a target in plan and state: the path, plus the block id for managed blocks. */
export const targetKey = (path: string, block?: string) => (block ? `${path}\u0000${block}` : path)
export const keyPath = (key: string) => key.split('\u0000')[0]

/** What dotskills last wrote at a path: hashes only, never contents. */
export interface StateEntry {
  sha256: string
  /** the block id when dotskills owns a managed block of the file, not the whole file */
  block?: string
  mode: number
  skill: string
  agents: string[]
  root: string
}
