import { z } from 'zod'
import { call, Id, Ok, SqlText } from './define'
import { FilterSpec, ResultId, SortSpec } from './query'
import { AppErrorShape } from '../errors'
import { GrantToken } from './dialogs'

export const ExportFormat = z.enum(['csv', 'tsv', 'json', 'jsonl', 'xlsx', 'sql', 'markdown'])
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportId = z.string().regex(/^x_[A-Za-z0-9_-]{6,64}$/, 'not an export id')

export const ExportSource = z.discriminatedUnion('kind', [
  /** Every row of a stored result, in the grid's sort/filter. */
  z.object({ kind: z.literal('result'), resultId: ResultId, sort: z.array(SortSpec).max(8).optional(), filter: z.array(FilterSpec).max(32).optional() }),
  /** Runs the query again and streams it straight from the server to the file (no row cap). */
  z.object({ kind: z.literal('query'), connectionId: Id, sql: SqlText.min(1) })
])

export const exportCalls = {
  'export.start': call(
    z
      .object({
        source: ExportSource,
        format: ExportFormat,
        /** A file name only (no folders); main decides the folder (save dialog in the desktop app). */
        fileName: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^/\\\0]+$/, 'A file name, not a path')
          .refine((n) => n !== '.' && n !== '..', 'A file name, not a path'),
        header: z.boolean().default(true),
        /** Target table of SQL INSERT exports. */
        tableName: z.string().max(500).optional(),
        /** Desktop: the `grant` of an earlier `dialogs.saveFile`; writes to that path instead of asking again. */
        grant: GrantToken.optional()
      })
      .strict(),
    z.object({ exportId: ExportId, path: z.string() })
  ),
  'export.cancel': call(z.object({ exportId: ExportId }).strict(), Ok)
}

export const exportEvents = {
  'export.progress': z.object({
    exportId: ExportId,
    state: z.enum(['running', 'done', 'error', 'cancelled']),
    rows: z.number().int(),
    /** Known for result exports; null while a server query streams. */
    totalRows: z.number().int().nullable(),
    bytes: z.number().int(),
    path: z.string(),
    error: AppErrorShape.optional()
  })
}
