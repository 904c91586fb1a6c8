import { z } from 'zod'

/**
 * Where a session's explicit transaction stands: none open, open, or failed (only ROLLBACK runs until it ends).
 * 'lost': the tab's session ended (dropped connection, server restart) while its transaction was open or failed, so
 * the server rolled it back; reported once, by the run that found out (a driver never reports it).
 */
export const TransactionState = z.enum(['none', 'open', 'failed', 'lost'])
export type TransactionState = z.infer<typeof TransactionState>

/** Open or failed: the session holds a transaction only COMMIT or ROLLBACK (or closing it) ends. */
export function awaitsEnd(state: TransactionState | undefined): boolean {
  return state === 'open' || state === 'failed'
}
