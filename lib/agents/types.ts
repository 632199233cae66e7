// An agent adapter: data that says where one agent reads skills and what else it needs.
// Built-in adapters live one file per agent in lib/agents/adapters/; users add or override
// adapters in config (same shape), because vendors move paths every few months.

/** A path with `~/` for the (target) home, or relative to the project folder. */
export type AdapterPath = string

export interface AgentAdapter {
  /** stable id, e.g. `claude-code` */
  id: string
  /** display name, e.g. `Claude Code` */
  name: string
  /** where the agent reads skill folders (`<root>/<skill-name>/SKILL.md`) */
  skills: {
    /** user-level root, starting with `~/` (e.g. `~/.claude/skills`); absent: no global skills */
    global?: AdapterPath
    /** project-level root, relative to the project (e.g. `.claude/skills`); absent: none */
    project?: AdapterPath
  }
  /**
   * frontmatter fields this agent reads besides the spec's (name, description, license,
   * compatibility, metadata, allowed-tools, which always stay); other fields are dropped from
   * this agent's copy. `'*'` keeps everything.
   */
  extraFields: string[] | '*'
  /** how to tell the agent is on this machine: any listed folder exists or binary is on PATH */
  detect: {
    /** folders, `~/`-relative */
    dirs?: AdapterPath[]
    /** executable names looked up on PATH */
    bins?: string[]
  }
  /** extra files the agent needs beside the skill folders */
  outputs?: AdapterOutput[]
  /** one line shown by `dotskills agents`: caveats, sources */
  notes?: string
  /** where the paths and fields above come from (listed in docs/agents.md) */
  evidence?: AdapterEvidence
}

export interface AdapterEvidence {
  /** `primary`: the vendor's own docs, code or changelog; `secondary`: peer tools' path tables, third-party pages, issue reports (re-verify) */
  level: 'primary' | 'secondary'
  /** what was read, e.g. `cursor.com/docs/skills` */
  sources: string[]
}

export interface AdapterOutput {
  /**
   * `file`: a whole file per skill that dotskills owns (e.g. a Cursor `.mdc` rule);
   * `block`: a managed block between markers in a shared file (e.g. an index in AGENTS.md),
   * everything outside the markers left untouched.
   */
  kind: 'file' | 'block'
  /** `per-skill` renders once per skill; `index` renders once with the list of all skills */
  per: 'per-skill' | 'index'
  /** target path, global (`~/…`) and/or project-relative; may contain `{{name}}` (the skill name) */
  path: { global?: AdapterPath; project?: AdapterPath }
  /** Handlebars template (noEscape, strict); data: { skill, skills, agent, vars, machine } */
  template: string
}
