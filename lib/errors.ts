// Typed errors with stable codes. Every error a user can cause is one of these; cli.ts maps
// the code to an exit code and prints one line. Anything else is a bug (exit 70, stack trace).

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  conflict: 3,
  source: 4,
  bug: 70,
} as const

export type ErrorCode =
  | 'E_USAGE' // bad flag or argument
  | 'E_CONFIG' // config file missing, unparsable or invalid
  | 'E_PATH' // a path given on the command line does not exist or cannot be read
  | 'E_CONFLICT' // refused to overwrite a user-changed or unmanaged file
  | 'E_SOURCE' // network, auth, missing ref, corrupt cache

const exitFor: Record<ErrorCode, number> = {
  E_USAGE: EXIT.usage,
  E_CONFIG: EXIT.usage,
  E_PATH: EXIT.usage,
  E_CONFLICT: EXIT.conflict,
  E_SOURCE: EXIT.source,
}

export interface ErrorDetails {
  /** file the error is about, shown first */
  path?: string
  line?: number
  column?: number
  /** one sentence telling the user what to do */
  hint?: string
}

export class DotskillsError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = 'DotskillsError'
    this.code = code
    this.details = details
  }

  get exitCode(): number {
    return exitFor[this.code]
  }

  /** `path:line:col: message` — the location prefix is what editors and CI logs link on */
  toLine(): string {
    const { path, line, column } = this.details
    let where = path ?? ''
    if (path && line) where += `:${line}` + (column ? `:${column}` : '')
    return where ? `${where}: ${this.message}` : this.message
  }
}

export const usageError = (message: string, details?: ErrorDetails) =>
  new DotskillsError('E_USAGE', message, details)

export const configError = (message: string, details?: ErrorDetails) =>
  new DotskillsError('E_CONFIG', message, details)

export const pathError = (message: string, details?: ErrorDetails) =>
  new DotskillsError('E_PATH', message, details)
