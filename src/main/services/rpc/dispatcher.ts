import { ZodError } from 'zod'
import { calls, MAX_INPUT_CHARS, MAX_INPUT_VALUES, type CallName, type Envelope } from '../../../shared/contract'
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

/**
 * Whether a raw input stays within the size every call accepts (MAX_INPUT_VALUES values, MAX_INPUT_CHARS characters
 * of strings): an early-exit walk, so a 4-million-item array is refused after looking at 50,000 of them, before the
 * schema (which would look at all of them) or any handler runs. Cycles (IPC's structured clone allows them) count
 * as values and end the walk the same way.
 */
export function withinInputLimits(input: unknown, maxValues = MAX_INPUT_VALUES, maxChars = MAX_INPUT_CHARS): boolean {
  let values = 0
  let chars = 0
  const stack: unknown[] = [input]
  while (stack.length) {
    const value = stack.pop()
    if (++values > maxValues) return false
    if (typeof value === 'string') {
      chars += value.length
      if (chars > maxChars) return false
    } else if (value !== null && typeof value === 'object') {
      if (ArrayBuffer.isView(value)) {
        chars += value.byteLength
        if (chars > maxChars) return false
        continue
      }
      const push = (item: unknown): boolean => stack.push(item) + values <= maxValues
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!push(value[i])) return false
      } else if (value instanceof Map) {
        for (const [k, v] of value) if (!push(k) || !push(v)) return false
      } else if (value instanceof Set) {
        for (const v of value) if (!push(v)) return false
      } else {
        for (const k in value) if (Object.hasOwn(value, k) && (!push(k) || !push((value as Record<string, unknown>)[k]))) return false
      }
    }
  }
  return true
}

const tooLarge: AppErrorShape = {
  code: 'INVALID_INPUT',
  message: `Invalid input: larger than any call accepts (at most ${MAX_INPUT_VALUES.toLocaleString('en')} values and ${MAX_INPUT_CHARS.toLocaleString('en')} characters)`,
  detail: { issues: [{ path: '', message: 'too large' }] }
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
    if (!withinInputLimits(rawInput)) return { ok: false, error: tooLarge }
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
