import { z } from 'zod'
import { Dialect } from '../cells'
import { call, Id, Name, SqlText } from './define'

/** One side of a comparison: a connection (its default schema, or the one named), or a docs JSON snapshot. */
export const CompareSide = z.union([
  z.object({ connectionId: Id, schema: Name.optional() }).strict(),
  z.object({ snapshotJson: z.string().max(50_000_000), schema: Name.optional() }).strict()
])
export type CompareSide = z.infer<typeof CompareSide>

export const CompareField = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable(), diff: z.string().optional() })
export const ComparePart = z.object({
  part: z.string(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  definition: z.string().optional(),
  fields: z.array(CompareField).optional()
})

/** One object that differs, with its DDL on each side (null where it does not exist there). */
export const CompareObject = z.object({
  object: z.string(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  definition: z.string().optional(),
  fields: z.array(CompareField).optional(),
  parts: z.array(ComparePart).optional(),
  leftDdl: z.string().nullable(),
  rightDdl: z.string().nullable()
})
export type CompareObject = z.infer<typeof CompareObject>

/** One statement of a migration script; `risk` names the data a destructive step may lose. */
export const MigrationStep = z.object({
  sql: z.string(),
  summary: z.string(),
  risk: z.string().optional()
})
export type MigrationStep = z.infer<typeof MigrationStep>

export const MigrationScript = z.object({
  dialect: Dialect,
  /** The whole script runs in one transaction (engines with transactional DDL); else statement by statement. */
  transactional: z.boolean(),
  steps: z.array(MigrationStep),
  /** The script as one text, ready to save or apply. */
  text: z.string(),
  /** What the script cannot do (said rather than guessed). */
  warnings: z.array(z.string())
})
export type MigrationScript = z.infer<typeof MigrationScript>

export const CompareResult = z.object({
  leftLabel: z.string(),
  rightLabel: z.string(),
  summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  objects: z.array(CompareObject),
  /** Turns the left side into the right; null when the sides are different engines or the engine has no planner (SQL Server). */
  script: MigrationScript.nullable()
})
export type CompareResult = z.infer<typeof CompareResult>

export const CompareApplyResult = z.object({
  ok: z.boolean(),
  /** Statements that ran and stayed (0 when a transaction was rolled back). */
  applied: z.number().int(),
  /** The statements that ran before an error, on engines without transactional DDL. */
  ran: z.array(z.string()),
  rolledBack: z.boolean(),
  error: z.string().optional()
})
export type CompareApplyResult = z.infer<typeof CompareApplyResult>

export const compareCalls = {
  /** Differences over every object kind, side-by-side DDL, and the script that turns left into right. */
  'compare.run': call(z.object({ left: CompareSide, right: CompareSide }).strict(), CompareResult),
  /** Runs a migration script on a connection: never read-only, always confirmed (it changes the schema). */
  'compare.apply': call(z.object({ connectionId: Id, script: SqlText, confirmed: z.boolean() }).strict(), CompareApplyResult),
  /** Writes the script into the exports area (web mode: `/download/<downloadId>`). */
  'compare.save': call(
    z.object({ script: SqlText, name: Name.optional() }).strict(),
    z.object({ path: z.string(), downloadId: z.string() })
  )
}
