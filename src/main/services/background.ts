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
