import type { AppErrorShape, ErrorCode } from '../../../shared/errors'

/** Thrown by the api client; the UI switches on `code`, never on message text. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly detail?: AppErrorShape['detail']
  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'ApiError'
    this.code = shape.code
    this.detail = shape.detail
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
