// Reference sections of the README, generated from the command, rule and profile data so the
// docs cannot drift from the code (scripts/gen-docs.js writes them; a test compares).
import type { Options, PositionalOptions } from 'yargs'
import { globalOptions } from './cli.js'
import { commands } from './commands/index.js'
import { profiles } from './lint/profiles/index.js'
import { rules } from './lint/rules/index.js'

const esc = (s: string) => s.replace(/\|/g, '\\|')

function optionRow(name: string, o: Options | PositionalOptions, positional = false): string {
  const flag = positional ? `\`<${name}>\`` : `\`--${name}\`` + ('alias' in o && o.alias ? ` \`-${o.alias}\`` : '')
  const extra: string[] = []
  if (o.choices) extra.push(`one of: ${(o.choices as string[]).map((c) => `\`${c}\``).join(', ')}`)
  if (o.default !== undefined) extra.push(`default: \`${String(o.default)}\``)
  return `| ${flag} | ${esc(String(o.describe ?? ''))}${extra.length ? ` (${extra.join('; ')})` : ''} |`
}

export function commandReference(): string {
  const out: string[] = []
  const all = commands.flatMap((def) => [{ def, prefix: '' }, ...(def.subcommands ?? []).map((sub) => ({ def: sub, prefix: def.command.split(' ')[0] + ' ' }))])
  for (const { def, prefix } of all) {
    out.push(`### \`dotskills ${prefix}${def.command}\``, '', def.describe + '.', '')
    const rows = [
      ...Object.entries(def.positionals ?? {}).map(([n, o]) => optionRow(n, o, true)),
      ...Object.entries(def.options ?? {}).map(([n, o]) => optionRow(n, o)),
    ]
    if (rows.length) out.push('| argument / option | meaning |', '| --- | --- |', ...rows, '')
    if (def.examples?.length) {
      out.push('```sh', ...def.examples.map(([cmd, text]) => `${cmd.replace('$0', 'dotskills')}   # ${text}`), '```', '')
    }
  }
  out.push('### Global options', '', 'Accepted by every command.', '', '| option | meaning |', '| --- | --- |')
  for (const [n, o] of Object.entries(globalOptions)) out.push(optionRow(n, o as Options))
  out.push('| `--help` `-h` | show help |', '| `--version` `-V` | print the version |')
  return out.join('\n') + '\n'
}

export function ruleReference(): string {
  const out = ['| rule | default | what it catches and why |', '| --- | --- | --- |']
  for (const r of rules) out.push(`| \`${r.id}\` | ${r.severity} | ${esc(r.docs)} |`)
  out.push('', '| profile | for | differs from the rule defaults |', '| --- | --- | --- |')
  for (const p of profiles) {
    const sev = Object.entries(p.severities ?? {}).map(([id, s]) => `\`${id}\`: ${s}`).join(', ')
    out.push(`| \`${p.id}\` | ${esc(p.description)} | ${sev || '—'} |`)
  }
  return out.join('\n') + '\n'
}

/** Replace the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const i = doc.indexOf(start)
  const j = doc.indexOf(end)
  if (i === -1 || j < i) throw new Error(`README has no ${start} … ${end} section`)
  return doc.slice(0, i + start.length) + '\n' + body + doc.slice(j)
}

export function renderReadme(readme: string): string {
  return replaceSection(replaceSection(readme, 'commands', commandReference()), 'rules', ruleReference())
}
