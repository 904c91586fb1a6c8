import { ZodError } from 'zod'
import { calls, type CallName, type Envelope } from '../../../shared/contract'
import { AppError, type AppErrorShape } from '../../../shared/errors'
import type { AppHandlers } from './handlers'

export type Dispatch = (name: unknown, rawInput: unknown) => Promise<Envelope<unknown>>

export interface DispatcherOptions {
  /** Called with unexpected (non-AppError) failures; `message` is already redacted. */
  onInternalError?: (call: string, message: string) => void
  /** Masks secrets (passwords, keys, URL credentials) in every error message that leaves the process. */
  redact?: (text: string) => string
}

function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name)
}

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

export function invalidInput(error: ZodError): AppErrorShape {
  const issues = zodIssues(error)
  const first = issues[0]
  const message = first ? `Invalid input${first.path ? ` at ${first.path}` : ''}: ${first.message}` : 'Invalid input'
  return { code: 'INVALID_INPUT', message, detail: { issues } }
}

export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape()
  if (error instanceof ZodError) return invalidInput(error)
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: message || 'Unexpected error' }
}

/**
 * The one place every call passes through, whatever the transport: it parses the input with the call's
 * zod schema before a service sees it, runs the handler, checks the output, and turns every failure into
 * the shared error shape with a stable code.
 */
export function createDispatcher(handlers: AppHandlers, options: DispatcherOptions = {}): Dispatch {
  const redact = options.redact ?? ((text: string) => text)
  const reportInternal = (call: string, error: unknown): void =>
    options.onInternalError?.(call, redact(error instanceof Error ? error.message : String(error)))
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 100) : typeof name
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown call: ${shown}` } }
    }
    const spec = calls[name]
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const result = await handler(parsed.data)
      const checked = spec.output.safeParse(result)
      if (!checked.success) {
        reportInternal(name, checked.error)
        return { ok: false, error: { code: 'INTERNAL', message: `The ${name} call produced an invalid result` } }
      }
      return { ok: true, value: checked.data }
    } catch (error) {
      if (!(error instanceof AppError)) reportInternal(name, error)
      const shape = toErrorShape(error)
      return { ok: false, error: { ...shape, message: redact(shape.message) } }
    }
  }
}
