import { z } from 'zod'

/** Where a session's explicit transaction stands: none open, open, or failed (only ROLLBACK runs until it ends). */
export const TransactionState = z.enum(['none', 'open', 'failed'])
export type TransactionState = z.infer<typeof TransactionState>
