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
import linksExist from './links-exist.js'
import bodySize from './body-size.js'
import duplicateName from './duplicate-name.js'
import descriptionOverlap from './description-overlap.js'
import noSecrets from './no-secrets.js'
import noHomePath from './no-home-path.js'
import descriptionXmlTags from './description-xml-tags.js'
import descriptionWhenToUse from './description-when-to-use.js'

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
  linksExist,
  bodySize,
  duplicateName,
  descriptionOverlap,
  noSecrets,
  noHomePath,
  descriptionXmlTags,
  descriptionWhenToUse,
]

export const ruleIds = rules.map((r) => r.id)
