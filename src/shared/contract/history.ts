import { z } from 'zod'
import { Plan } from '../plan/model'
import { call, Empty, Id, Ok } from './define'

export const HistoryEntry = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  connectionName: z.string(),
  sql: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  rows: z.number().int(),
  /** 'running' while the run is in flight; 'interrupted' when the app stopped (crash, kill) before it finished. */
  status: z.enum(['running', 'ok', 'error', 'cancelled', 'interrupted']),
  error: z.string().nullable(),
  /** A plan was taken of this statement (Explain or Explain analyze) and is kept: `history.plan` reads it. */
  plan: z.enum(['explain', 'analyze']).optional()
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const SavedQuery = z.object({
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  sql: z.string(),
  connectionId: z.string().nullable(),
  updatedAt: z.string()
})
export type SavedQuery = z.infer<typeof SavedQuery>

export const historyCalls = {
  /** Newest first; `search` is full-text (FTS5) over the SQL, the connection name and the error. */
  'history.list': call(
    z
      .object({
        search: z.string().max(1000).optional(),
        connectionId: Id.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        beforeId: z.number().int().optional()
      })
      .strict(),
    z.array(HistoryEntry)
  ),
  'history.delete': call(z.object({ id: z.number().int() }).strict(), Ok),
  /** The plan kept with a history entry (NOT_FOUND when it has none). */
  'history.plan': call(z.object({ id: z.number().int() }).strict(), Plan),
  'history.clear': call(Empty, Ok),
  'saved.list': call(Empty, z.array(SavedQuery)),
  'saved.save': call(
    z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'Name is required').max(200),
        folder: z.string().trim().max(500).default(''),
        sql: z.string().max(5_000_000),
        connectionId: Id.nullable().optional()
      })
      .strict(),
    SavedQuery
  ),
  'saved.delete': call(z.object({ id: Id }).strict(), Ok)
}

export const historyEvents = {
  /** A run has started: its entry, status 'running', is already in history. */
  'history.started': HistoryEntry,
  /** A run has finished: the same entry (same id) with its final status, duration, rows and error. */
  'history.added': HistoryEntry
}
