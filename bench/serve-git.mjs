// Serves one fixture repository of N real skills over smart HTTP on 127.0.0.1, with the test
// suite's server (git http-backend behind Node), for bench/sources.js. Run with the TypeScript
// loader tap uses: node --import=@tapjs/typescript/import bench/serve-git.mjs <root> <list> <n>,
// where <list> is a file naming one skill folder per line.
// Prints one JSON line {url, skills, files, bytes}; then answers "count" on stdin with the
// number of requests served so far, and exits when stdin closes.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { startGitServer } from '../test/helpers/git-server.ts'
import { FixtureRepo } from '../test/helpers/git-repo.ts'

const [root, list, n] = process.argv.slice(2)
const skills = readFileSync(list, 'utf8').split('\n').filter(Boolean)
const files = {}
let bytes = 0
const walk = (abs, rel) => {
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const p = join(abs, e.name)
    if (e.isDirectory()) walk(p, `${rel}/${e.name}`)
    else if (e.isFile()) {
      const text = readFileSync(p, 'utf8')
      bytes += statSync(p).size
      files[`skills${rel}/${e.name}`] = text
    }
  }
}
const seen = new Set()
for (const dir of skills) {
  const name = dir.split('/').pop()
  if (seen.has(name) || seen.size >= Number(n)) continue // one skill per name, as a real repository has
  seen.add(name)
  walk(dir, `/${name}`)
}
const server = await startGitServer({ root })
FixtureRepo.create(root, 'skills.git', files)
process.stdout.write(JSON.stringify({ url: `${server.baseUrl}/skills.git`, skills: seen.size, files: Object.keys(files).length, bytes }) + '\n')
const rl = createInterface({ input: process.stdin })
rl.on('line', (line) => {
  if (line.trim() === 'count') process.stdout.write(JSON.stringify({ requests: server.requests.length }) + '\n')
})
rl.on('close', () => server.close().then(() => process.exit(0)))
