// The content hash of a skill, the same whether its files come from a git object store or a
// folder on disk: sha256 over one line per file, `<mode> <sha256 of content> <path>\n`, sorted
// by path (byte order), mode 644 or 755. Symlinks and anything that is not a file take no part
// (install never copies them from sources). Written as `sha256-<base64>`, like npm's integrity.
import { createHash } from 'node:crypto'

export interface HashedFile {
  /** path inside the skill folder, `/`-separated */
  rel: string
  /** 0o644 or 0o755 */
  mode: number
  bytes: Uint8Array
}

export function skillHash(files: readonly HashedFile[]): string {
  const lines = files
    .map((f) => `${f.mode & 0o111 ? '755' : '644'} ${createHash('sha256').update(f.bytes).digest('hex')} ${f.rel}\n`)
    .sort((a, b) => {
      const pa = a.slice(a.indexOf(' ', 4) + 1)
      const pb = b.slice(b.indexOf(' ', 4) + 1)
      return pa < pb ? -1 : pa > pb ? 1 : 0
    })
  return 'sha256-' + createHash('sha256').update(lines.join('')).digest('base64')
}
