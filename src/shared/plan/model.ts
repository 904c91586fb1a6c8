import { z } from 'zod'
import { Dialect } from '../cells'

/** What a node does, across engines; `operation` keeps the engine's own name. */
export const PlanNodeKind = z.enum([
  'scan',
  'index-scan',
  'join',
  'sort',
  'aggregate',
  'hash',
  'filter',
  'limit',
  'materialize',
  'subquery',
  'cte',
  'set-op',
  'gather',
  'window',
  'projection',
  'modify',
  'result',
  'other'
])
export type PlanNodeKind = z.infer<typeof PlanNodeKind>

/** PostgreSQL's BUFFERS counters (blocks); other engines leave them out. */
export const PlanBuffers = z.object({
  sharedHit: z.number().optional(),
  sharedRead: z.number().optional(),
  sharedDirtied: z.number().optional(),
  sharedWritten: z.number().optional(),
  localHit: z.number().optional(),
  localRead: z.number().optional(),
  localDirtied: z.number().optional(),
  localWritten: z.number().optional(),
  tempRead: z.number().optional(),
  tempWritten: z.number().optional()
})
export type PlanBuffers = z.infer<typeof PlanBuffers>

export const PlanLabelled = z.object({ label: z.string(), text: z.string() })
export type PlanLabelled = z.infer<typeof PlanLabelled>

/**
 * One plan node. Rows follow PostgreSQL's convention: `estimatedRows` and `actualRows` are per execution (loop), so
 * the node's total output is `actualRows × loops`. `totalCost` and `timeMs` include the node's children; `timeMs` is
 * the node's actual time over all its loops (inside a parallel section, averaged over the processes).
 */
export const PlanNode = z.object({
  id: z.string(),
  operation: z.string(),
  kind: PlanNodeKind,
  relation: z.string().optional(),
  alias: z.string().optional(),
  index: z.string().optional(),
  estimatedRows: z.number().optional(),
  actualRows: z.number().optional(),
  loops: z.number().optional(),
  startupCost: z.number().optional(),
  totalCost: z.number().optional(),
  timeMs: z.number().optional(),
  buffers: PlanBuffers.optional(),
  /** Filters, join and index conditions, as the engine wrote them. */
  conditions: z.array(PlanLabelled),
  /** Everything else the engine said about the node, as text. */
  details: z.array(PlanLabelled),
  get children(): z.ZodArray<typeof PlanNode> {
    return z.array(PlanNode)
  }
})
export type PlanNode = z.infer<typeof PlanNode>

export const Plan = z.object({
  engine: Dialect,
  /** The statement ran (EXPLAIN ANALYZE or the engine's equivalent): actual rows and times are known. */
  analyzed: z.boolean(),
  root: PlanNode,
  planningMs: z.number().optional(),
  executionMs: z.number().optional(),
  /** Settings the engine reported as affecting the plan (PostgreSQL SETTINGS). */
  settings: z.array(PlanLabelled),
  /** What the user should know about this plan (e.g. an engine without actual figures). */
  notes: z.array(z.string()),
  /** The engine's own output, unchanged. */
  raw: z.string(),
  rawFormat: z.enum(['json', 'text', 'xml'])
})
export type Plan = z.infer<typeof Plan>
