import { z } from 'zod'

/** Stable error codes: the renderer switches on these, never on message text. */
export const errorCodes = [
  'AUTH_FAILED',
  'CONNECTION_REFUSED',
  'HOST_NOT_FOUND',
  'TIMEOUT',
  'SSL_ERROR',
  'SSH_ERROR',
  'CONNECTION_LOST',
  'SQL_ERROR',
  'READ_ONLY',
  'CONFIRMATION_REQUIRED',
  'INVALID_INPUT',
  'CANCELLED',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'PROVIDER_ERROR',
  'UNSUPPORTED',
  'INTERNAL'
] as const

export const ErrorCode = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorDetail = z
  .object({
    /**
     * 1-based line and column of a SQL error inside the submitted text, when the engine reports one. On `query.event`
     * errors the text is the run's `sql` (the editor text when `editorOffset` is 0); a line without a column is
     * where the engine named only the line (MySQL's "at line N").
     */
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    /** 1-based offset of the error point in the same text as line/column. */
    position: z.number().int().optional(),
    sqlState: z.string().optional(),
    /** The server's DETAIL line (PostgreSQL: e.g. which key a unique violation hit). */
    serverDetail: z.string().optional(),
    /** The server's HINT line (PostgreSQL: e.g. 'Perhaps you meant to reference the column "t.name".'). */
    hint: z.string().optional(),
    /** Where the error arose (PostgreSQL's CONTEXT: the function, trigger or statement line). */
    context: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional()
  })
  .passthrough()

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: ErrorDetail.optional()
})
export type AppErrorShape = z.infer<typeof AppErrorShape>

/** The one error type services throw; transports serialise it to AppErrorShape. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly detail?: z.infer<typeof ErrorDetail>
  constructor(code: ErrorCode, message: string, detail?: z.infer<typeof ErrorDetail>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.detail = detail
  }

  toShape(): AppErrorShape {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message }
  }
}
