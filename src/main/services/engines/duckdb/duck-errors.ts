import { AppError } from '../../../../shared/errors'
import { sqlError } from '../../drivers/errors'

/** Where in its statement an error is: a 0-based offset (JSON errors) or the `LINE n:` caret (plain errors, 1-based line). */
export type ErrorLocation = { offset: number } | { line: number; column: number }

/** What a DuckDB error says: its class ("Parser", "Binder", "INTERRUPT"…), its text and where it is. */
export interface DuckErrorInfo {
  type: string
  message: string
  location?: ErrorLocation
}

/**
 * Sessions set `errors_as_json`, so errors arrive as `Parser Error: {"exception_type": …, "position": "15"}`; a user
 * who turns it off gets the plain form, whose `LINE n:` caret still places the error.
 */
export function parseDuckError(err: unknown): DuckErrorInfo {
  const raw = err instanceof Error ? err.message : String(err)
  const jsonAt = raw.indexOf('{"exception_type"')
  if (jsonAt >= 0) {
    try {
      const info = JSON.parse(raw.slice(jsonAt)) as { exception_type?: string; exception_message?: string; position?: string }
      const offset = Number(info.position)
      return { type: info.exception_type ?? '', message: info.exception_message ?? raw, ...(info.position !== undefined && Number.isFinite(offset) && { location: { offset } }) }
    } catch {
      // not JSON after all: read it as plain text
    }
  }
  const type = /^([A-Za-z][\w ]*?) Error:/.exec(raw)?.[1] ?? ''
  const [text, context] = raw.split(/\n\nLINE /, 2)
  const message = type ? text!.slice(type.length + ' Error:'.length).trim() : text!
  const location = context === undefined ? undefined : caretLocation(`LINE ${context}`)
  return { type, message, ...(location && { location }) }
}

/** The caret under `LINE n: <text>`; DuckDB elides long lines with `...`, which leaves it unplaced. */
function caretLocation(context: string): ErrorLocation | undefined {
  const m = /^LINE (\d+): (.*)\n( *)\^/.exec(context)
  if (!m || m[2]!.startsWith('...')) return undefined
  return { line: Number(m[1]), column: m[3]!.length - `LINE ${m[1]}: `.length }
}

function offsetIn(statement: string, location: ErrorLocation): number {
  if ('offset' in location) return location.offset
  return statement.split('\n').slice(0, location.line - 1).reduce((sum, l) => sum + l.length + 1, 0) + location.column
}

export const cancelledError = (): AppError => new AppError('CANCELLED', 'The statement was cancelled.')

/**
 * DuckDB errors to stable codes. `readOnly`: file-system refusals on a read-only session come from the external
 * access the driver switched off for it, so they are read-only refusals. `submitted`/`offset` place positions.
 */
export function mapDuckError(err: unknown, options: { readOnly: boolean; submitted?: string; offset?: number; statement?: string }): AppError {
  if (err instanceof AppError) return err
  const info = parseDuckError(err)
  const type = info.type.toUpperCase()
  const label = info.type ? `${info.type} Error: ${info.message}` : info.message
  if (type === 'INTERRUPT') return cancelledError()
  if (/read-only mode|launched in read-only|attached in read-only/i.test(info.message)) return new AppError('READ_ONLY', `This connection is read-only: ${info.message}`)
  if (options.readOnly && type === 'PERMISSION') return new AppError('READ_ONLY', `This connection is read-only: ${info.message}`)
  if (type === 'FATAL' || type === 'CONNECTION' || /database has been invalidated/i.test(info.message)) {
    return new AppError('CONNECTION_LOST', `The DuckDB database stopped: ${info.message}`)
  }
  const statement = options.statement ?? options.submitted ?? ''
  const position = info.location === undefined || options.submitted === undefined ? undefined : offsetIn(statement, info.location)
  return sqlError(label, options.submitted ?? '', options.offset ?? 0, position)
}
