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
}

/** What dotskills last wrote at a path: hashes only, never contents. */
export interface StateEntry {
  sha256: string
  mode: number
  skill: string
  agents: string[]
  root: string
}
