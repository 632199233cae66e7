// Helper for bench/run.js: validates every skill folder listed in a file with the
// skills-ref library API (the same validate() that its CLI calls), all in ONE process.
// This is not how a user runs skills-ref (its CLI takes one skill per process); it is
// here to (a) count skills-ref's findings on the whole corpus cheaply and (b) show how
// much of the per-process CLI time is Node start-up rather than validation.
//
// usage: node bench/skills-ref-api.js <peers-dir> <list-file>
// prints one JSON line: { skills, valid, invalid, errors, crashed, crashSamples }
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [peersDir, listFile] = process.argv.slice(2)
const { validate } = await import(
  pathToFileURL(join(peersDir, 'node_modules', 'skills-ref', 'dist', 'index.js')).href
)
const dirs = readFileSync(listFile, 'utf8').split('\n').filter(Boolean)

const out = { skills: 0, valid: 0, invalid: 0, errors: 0, crashed: 0, crashSamples: [] }
for (const dir of dirs) {
  out.skills++
  try {
    const problems = await validate(dir)
    if (problems.length === 0) out.valid++
    else {
      out.invalid++
      out.errors += problems.length
    }
  } catch (err) {
    out.crashed++
    if (out.crashSamples.length < 3) out.crashSamples.push(`${dir}: ${String(err).slice(0, 200)}`)
  }
}
process.stdout.write(JSON.stringify(out) + '\n')
