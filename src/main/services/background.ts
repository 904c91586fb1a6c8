import { toErrorShape } from './rpc/dispatcher'
import type { AppErrorShape } from '../../shared/errors'

/**
 * Work a call starts and answers at once (a query run, an export, an AI request). A failure nobody awaits must
 * still reach the user through the area's own event, and never become an unhandled rejection that stops the process.
 */
export function inBackground(work: Promise<unknown>, report: (error: AppErrorShape) => void): Promise<void> {
  return work.then(
    () => undefined,
    (error: unknown) => {
      try {
        report(toErrorShape(error))
      } catch {
        // reporting itself failed (no listeners left at shutdown): nothing more to tell anyone
      }
    }
  )
}

/** Last resort for both entry points: a background failure is logged (without secrets) instead of ending the session. */
export function logUnhandledRejections(redact: (text: string) => string): void {
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
    console.error(`[querygenie] unexpected background failure: ${redact(text)}`)
  })
}
