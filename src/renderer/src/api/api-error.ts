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

/** Any thrown value as the shared error shape (ApiError keeps its code and detail). */
export function errorShape(error: unknown): AppErrorShape {
  return error instanceof ApiError ? { code: error.code, message: error.message, detail: error.detail } : { code: 'INTERNAL', message: errorMessage(error) }
}
