/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/real-corpus.test.ts > TAP > JSON report snapshot (paths relative to the fixture folder) > dotskills lint --format json test/fixtures/real 1`] = `
{
  "skillCount": 23,
  "errorCount": 16,
  "warningCount": 10,
  "files": [
    {
      "filePath": "awesome-copilot/acquire-codebase-knowledge/SKILL.md",
      "path": "awesome-copilot/acquire-codebase-knowledge/SKILL.md",
      "errorCount": 2,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-type",
          "severity": 2,
          "message": "\\"metadata.enhancements\\" must be a string, got list (metadata maps strings to strings)",
          "line": 9,
          "column": 5
        },
        {
          "ruleId": "frontmatter-unknown-field",
          "severity": 2,
          "message": "unknown field \\"argument-hint\\" for the spec profile; move it under metadata or pick an agent profile with --profile",
          "line": 15,
          "column": 1
        }
      ]
    },
    {
      "filePath": "awesome-copilot/acreadiness-assess/SKILL.md",
      "path": "awesome-copilot/acreadiness-assess/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-unknown-field",
          "severity": 2,
          "message": "unknown field \\"argument-hint\\" for the spec profile; move it under metadata or pick an agent profile with --profile",
          "line": 4,
          "column": 1
        }
      ]
    },
    {
      "filePath": "awesome-copilot/azure-role-selector/SKILL.md",
      "path": "awesome-copilot/azure-role-selector/SKILL.md",
      "errorCount": 1,
      "warningCount": 1,
      "messages": [
        {
          "ruleId": "frontmatter-type",
          "severity": 2,
          "message": "\\"allowed-tools\\" must be a string, got list",
          "line": 4,
          "column": 16
        },
        {
          "ruleId": "yaml-flow-style",
          "severity": 1,
          "message": "flow-style list; strict validators such as skills-ref reject it (use block style)",
          "line": 4,
          "column": 16
        }
      ]
    },
    {
      "filePath": "awesome-copilot/conventional-commit/SKILL.md",
      "path": "awesome-copilot/conventional-commit/SKILL.md",
      "errorCount": 0,
      "warningCount": 1,
      "messages": [
        {
          "ruleId": "description-when-to-use",
          "severity": 1,
          "message": "description says what the skill does but not when to use it; add a clause such as \\"Use when …\\"",
          "line": 3,
          "column": 14
        }
      ]
    },
    {
      "filePath": "awesome-copilot/gdpr-compliant/SKILL.md",
      "path": "awesome-copilot/gdpr-compliant/SKILL.md",
      "errorCount": 4,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "referenced file \\"references/security.md\\" differs in case from \\"references/Security.md\\"; it breaks on case-sensitive file systems",
          "line": 15,
          "column": 3
        },
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "referenced file \\"references/operations.md\\" does not exist in the skill folder",
          "line": 16,
          "column": 3
        },
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "referenced file \\"references/security.md\\" differs in case from \\"references/Security.md\\"; it breaks on case-sensitive file systems",
          "line": 156,
          "column": 33
        },
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "referenced file \\"references/security.md\\" differs in case from \\"references/Security.md\\"; it breaks on case-sensitive file systems",
          "line": 194,
          "column": 56
        }
      ]
    },
    {
      "filePath": "awesome-copilot/java-springboot/SKILL.md",
      "path": "awesome-copilot/java-springboot/SKILL.md",
      "errorCount": 0,
      "warningCount": 2,
      "messages": [
        {
          "ruleId": "description-overlap",
          "severity": 1,
          "message": "description is 87% similar (shared ÷ combined words) to that of \\"kotlin-springboot\\" (awesome-copilot/kotlin-springboot); agents may pick one for the other: say what sets them apart",
          "line": 3,
          "column": 14
        },
        {
          "ruleId": "description-when-to-use",
          "severity": 1,
          "message": "description says what the skill does but not when to use it; add a clause such as \\"Use when …\\"",
          "line": 3,
          "column": 14
        }
      ]
    },
    {
      "filePath": "awesome-copilot/kotlin-springboot/SKILL.md",
      "path": "awesome-copilot/kotlin-springboot/SKILL.md",
      "errorCount": 0,
      "warningCount": 2,
      "messages": [
        {
          "ruleId": "description-overlap",
          "severity": 1,
          "message": "description is 87% similar (shared ÷ combined words) to that of \\"java-springboot\\" (awesome-copilot/java-springboot); agents may pick one for the other: say what sets them apart",
          "line": 3,
          "column": 14
        },
        {
          "ruleId": "description-when-to-use",
          "severity": 1,
          "message": "description says what the skill does but not when to use it; add a clause such as \\"Use when …\\"",
          "line": 3,
          "column": 14
        }
      ]
    },
    {
      "filePath": "awesome-copilot/mentoring-juniors/SKILL.md",
      "path": "awesome-copilot/mentoring-juniors/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-unknown-field",
          "severity": 2,
          "message": "unknown field \\"authors\\" for the spec profile; move it under metadata or pick an agent profile with --profile",
          "line": 5,
          "column": 1
        }
      ]
    },
    {
      "filePath": "awesome-copilot/mvvm-toolkit-messenger/SKILL.md",
      "path": "awesome-copilot/mvvm-toolkit-messenger/SKILL.md",
      "errorCount": 0,
      "warningCount": 2,
      "messages": [
        {
          "ruleId": "description-when-to-use",
          "severity": 1,
          "message": "description says what the skill does but not when to use it; add a clause such as \\"Use when …\\"",
          "line": 3,
          "column": 14
        },
        {
          "ruleId": "description-xml-tags",
          "severity": 1,
          "message": "description contains the XML-like tag <TMessage>; Anthropic's platform rejects descriptions with \\"<\\" or \\">\\"",
          "line": 3,
          "column": 14
        }
      ]
    },
    {
      "filePath": "awesome-copilot/nano-banana-pro-openrouter/SKILL.md",
      "path": "awesome-copilot/nano-banana-pro-openrouter/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-type",
          "severity": 2,
          "message": "\\"metadata.requires\\" must be a string, got mapping (metadata maps strings to strings)",
          "line": 7,
          "column": 5
        }
      ]
    },
    {
      "filePath": "awesome-copilot/qdrant-monitoring/SKILL.md",
      "path": "awesome-copilot/qdrant-monitoring/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-type",
          "severity": 2,
          "message": "\\"allowed-tools\\" must be a string, got list",
          "line": 5,
          "column": 3
        }
      ]
    },
    {
      "filePath": "awesome-copilot/qdrant-monitoring/debugging/SKILL.md",
      "path": "awesome-copilot/qdrant-monitoring/debugging/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "name-matches-folder",
          "severity": 2,
          "message": "name \\"qdrant-monitoring-debugging\\" does not match its folder \\"debugging\\"",
          "line": 2,
          "column": 7
        }
      ]
    },
    {
      "filePath": "awesome-copilot/qdrant-monitoring/setup/SKILL.md",
      "path": "awesome-copilot/qdrant-monitoring/setup/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "name-matches-folder",
          "severity": 2,
          "message": "name \\"qdrant-monitoring-setup\\" does not match its folder \\"setup\\"",
          "line": 2,
          "column": 7
        }
      ]
    },
    {
      "filePath": "awesome-copilot/unit-test-vue-pinia/SKILL.md",
      "path": "awesome-copilot/unit-test-vue-pinia/SKILL.md",
      "errorCount": 1,
      "warningCount": 0,
      "messages": [
        {
          "ruleId": "frontmatter-unknown-field",
          "severity": 2,
          "message": "unknown field \\"category\\" for the spec profile; move it under metadata or pick an agent profile with --profile",
          "line": 3,
          "column": 1
        }
      ]
    },
    {
      "filePath": "superpowers/writing-skills/SKILL.md",
      "path": "superpowers/writing-skills/SKILL.md",
      "errorCount": 2,
      "warningCount": 2,
      "messages": [
        {
          "ruleId": "body-size",
          "severity": 1,
          "message": "body is 675 lines; the spec recommends under 500 (move detail into references/)",
          "line": 5,
          "column": 1
        },
        {
          "ruleId": "body-size",
          "severity": 1,
          "message": "body is about 6530 tokens (characters ÷ 4); the spec recommends under 5000 (move detail into references/)",
          "line": 5,
          "column": 1
        },
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "link target \\"../using-superpowers/references/codex-tools.md\\" points outside the skill folder; it breaks when the skill is installed on its own",
          "line": 12,
          "column": 104
        },
        {
          "ruleId": "links-exist",
          "severity": 2,
          "message": "link target \\"../using-superpowers/references/gemini-tools.md\\" points outside the skill folder; it breaks when the skill is installed on its own",
          "line": 12,
          "column": 172
        }
      ]
    }
  ]
}
`
