#!/usr/bin/env node
// Regenerates the README's command and rule reference from the code (run after `npm run build`).
// `--check` exits 1 when the README is out of date instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs'
import { renderReadme } from '../dist/docs.js'

const path = new URL('../README.md', import.meta.url)
const current = readFileSync(path, 'utf8')
const next = renderReadme(current)
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is out of date: run `npm run docs`')
    process.exit(1)
  }
} else if (next !== current) {
  writeFileSync(path, next)
  console.error('README.md updated')
}
