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
    /** 1-based line and column of a SQL error inside the submitted text, when the engine reports one. */
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    position: z.number().int().optional(),
    sqlState: z.string().optional(),
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
