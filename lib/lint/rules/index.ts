// Every lint rule, in the order they are documented. Adding a rule = one file + one line here.
import type { Rule } from '../types.js'
import fileTooLarge from './file-too-large.js'
import fileEncoding from './file-encoding.js'
import fileBom from './file-bom.js'
import fileCrlf from './file-crlf.js'
import skillFileName from './skill-file-name.js'
import frontmatterMissing from './frontmatter-missing.js'
import frontmatterUnclosed from './frontmatter-unclosed.js'
import frontmatterNotMapping from './frontmatter-not-mapping.js'
import yamlSyntax from './yaml-syntax.js'
import yamlDuplicateKey from './yaml-duplicate-key.js'
import yamlAliasLimit from './yaml-alias-limit.js'
import yamlFlowStyle from './yaml-flow-style.js'
import frontmatterRequired from './frontmatter-required.js'
import frontmatterUnknownField from './frontmatter-unknown-field.js'
import frontmatterType from './frontmatter-type.js'
import frontmatterValue from './frontmatter-value.js'
import nameFormat from './name-format.js'
import nameMatchesFolder from './name-matches-folder.js'

export const rules: readonly Rule[] = [
  fileTooLarge,
  fileEncoding,
  fileBom,
  fileCrlf,
  skillFileName,
  frontmatterMissing,
  frontmatterUnclosed,
  frontmatterNotMapping,
  yamlSyntax,
  yamlDuplicateKey,
  yamlAliasLimit,
  yamlFlowStyle,
  frontmatterRequired,
  frontmatterUnknownField,
  frontmatterType,
  frontmatterValue,
  nameFormat,
  nameMatchesFolder,
]

export const ruleIds = rules.map((r) => r.id)
