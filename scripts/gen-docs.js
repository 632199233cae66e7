#!/usr/bin/env node
// Regenerates the generated docs from the code (run after `npm run build`; `npm run docs` does
// both): the README's command and rule reference, docs/config.md and docs/agents.md.
// `--check` exits 1 when one is out of date instead of writing it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { generatedDocs, renderReadme } from '../dist/docs.js'

const root = new URL('../', import.meta.url)
const read = (path) => {
  try {
    return readFileSync(new URL(path, root), 'utf8')
  } catch {
    return undefined
  }
}
const readme = read('README.md')
const files = { 'README.md': renderReadme(readme), ...generatedDocs() }
const stale = []
for (const [path, next] of Object.entries(files)) {
  if (read(path) === next) continue
  stale.push(path)
  if (process.argv.includes('--check')) continue
  mkdirSync(new URL('.', new URL(path, root)), { recursive: true })
  writeFileSync(new URL(path, root), next)
  console.error(`${path} updated`)
}
if (process.argv.includes('--check') && stale.length) {
  console.error(`out of date: ${stale.join(', ')}: run \`npm run docs\``)
  process.exit(1)
}
