import { z } from 'zod'
import { call, Id } from './define'

/**
 * The local value index of a connection (opt-in, off by default): distinct values of its low-cardinality text columns,
 * kept in the local store and used only to find the tables a question's values belong to. Values are never sent.
 */
export const AiValueIndexStatus = z.object({
  connectionId: Id,
  enabled: z.boolean(),
  columns: z.number().int(),
  values: z.number().int(),
  updatedAt: z.string().nullable(),
  /** Values were dropped to stay within the caps. */
  truncated: z.boolean(),
  maxPerColumn: z.number().int(),
  maxValues: z.number().int(),
  /** Columns read so far while sampling runs; null when idle. */
  sampling: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Why the last sampling failed, if it did. */
  error: z.string().nullable()
})
export type AiValueIndexStatus = z.infer<typeof AiValueIndexStatus>

const ForConnection = z.object({ connectionId: Id }).strict()

export const aiValueCalls = {
  'ai.values.status': call(ForConnection, AiValueIndexStatus),
  /** On: starts sampling in the background (progress as `ai.values.progress`). Off: stops it and removes the values. */
  'ai.values.setEnabled': call(z.object({ connectionId: Id, enabled: z.boolean() }).strict(), AiValueIndexStatus),
  /** Samples again (only when enabled). */
  'ai.values.rebuild': call(ForConnection, AiValueIndexStatus),
  /** Removes the values; the setting stays as it is. */
  'ai.values.clear': call(ForConnection, AiValueIndexStatus)
}

export const aiValueEvents = {
  'ai.values.progress': z.object({
    connectionId: Id,
    phase: z.enum(['sampling', 'done', 'failed', 'cancelled']),
    done: z.number().int(),
    total: z.number().int(),
    message: z.string().optional()
  })
}
