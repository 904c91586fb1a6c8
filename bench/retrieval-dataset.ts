import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { RetrievalTable } from '../src/main/services/ai/retrieval/chunk'

/** The evaluation dataset format of /work/shared/design-notes.md; unknown keys are ignored. */
export const RetrievalDataset = z.object({
  tables: z.array(
    z.object({
      name: z.string(),
      comment: z.string().nullable().optional(),
      columns: z.array(z.object({ name: z.string(), type: z.string(), comment: z.string().nullable().optional() })),
      foreignKeys: z.array(z.object({ columns: z.array(z.string()), refTable: z.string(), refColumns: z.array(z.string()) })).default([]),
      /** Distinct values of low-cardinality text columns, for the value index (optional). */
      values: z.record(z.string(), z.array(z.string())).optional()
    })
  ),
  questions: z.array(z.object({ question: z.string(), gold_tables: z.array(z.string()).min(1), hint: z.boolean().optional() }))
})
export type RetrievalDataset = z.infer<typeof RetrievalDataset>

export function loadDataset(path: string): RetrievalDataset {
  return RetrievalDataset.parse(JSON.parse(readFileSync(path, 'utf8')))
}

export function datasetTables(ds: RetrievalDataset): RetrievalTable[] {
  return ds.tables.map((t) => ({ key: t.name, comment: t.comment, columns: t.columns, foreignKeys: t.foreignKeys }))
}
