import { z } from 'zod'
import { call, Id, Name, Ok } from './define'
import { AppErrorShape } from '../errors'

/** Column types the import infers and creates (mapped to each engine's own type names in main). */
export const ImportColumnType = z.enum(['integer', 'bigint', 'decimal', 'float', 'boolean', 'date', 'timestamp', 'text', 'json'])
export type ImportColumnType = z.infer<typeof ImportColumnType>

export const ImportFormat = z.enum(['csv', 'tsv', 'xlsx', 'json', 'jsonl'])
export type ImportFormat = z.infer<typeof ImportFormat>
export const ImportEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'latin1'])

/** An opaque handle of a source file main holds: a desktop open-dialog answer, or a web-mode upload. Never a path. */
export const ImportFileId = z.string().regex(/^f_[A-Za-z0-9_-]{16,64}$/, 'not an import file id')
export const ImportId = z.string().regex(/^i_[A-Za-z0-9_-]{6,64}$/, 'not an import id')

/** How the file is read; anything left out is detected (format from the extension, then BOM, delimiter, header). */
export const ImportReadOptions = z
  .object({
    format: ImportFormat.optional(),
    delimiter: z.string().min(1).max(1).optional(),
    encoding: ImportEncoding.optional(),
    header: z.boolean().optional(),
    /** XLSX: the sheet's name (default the first). */
    sheet: z.string().max(200).optional()
  })
  .strict()

export const ImportTable = z.object({ schema: Name.optional(), name: Name.min(1) }).strict()

export const ImportTarget = z.discriminatedUnion('kind', [
  /** CREATE TABLE with these columns (one per source column, in order), then insert. */
  z.object({ kind: z.literal('new'), table: ImportTable, columns: z.array(z.object({ name: Name.min(1), type: ImportColumnType }).strict()).min(1).max(2000) }).strict(),
  /** Insert into an existing table: each source column (by index) into the named column, or skipped (null). */
  z.object({ kind: z.literal('existing'), table: ImportTable, mapping: z.array(Name.min(1).nullable()).min(1).max(2000) }).strict()
])
export type ImportTarget = z.infer<typeof ImportTarget>

/** 4 MiB of base64 per upload call: far below the dispatcher's input limit. */
export const MAX_UPLOAD_CHUNK_CHARS = 4 * 1024 * 1024

const PreviewColumn = z.object({ name: z.string(), type: ImportColumnType, nulls: z.number().int() })

export const importCalls = {
  /** Desktop: the open dialog; the chosen file's handle (null: cancelled). Web mode: UNSUPPORTED (upload instead). */
  'import.chooseFile': call(z.object({}).strict(), z.object({ file: z.object({ fileId: ImportFileId, name: z.string(), size: z.number() }).nullable() })),
  /**
   * Web mode (and the desktop app too): the browser sends the file in base64 chunks, in order; the first call has no
   * fileId and answers one, the others name it. Stored in the data folder's imports area (0600), at most 2 GiB.
   */
  'import.upload': call(
    z
      .object({
        fileId: ImportFileId.optional(),
        name: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^/\\\0]+$/, 'A file name, not a path'),
        data: z.string().max(MAX_UPLOAD_CHUNK_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
        done: z.boolean()
      })
      .strict(),
    z.object({ fileId: ImportFileId, name: z.string(), size: z.number() })
  ),
  /** The first rows with the detected reading options, inferred column types, and the proposed target. */
  'import.preview': call(
    z.object({ connectionId: Id, fileId: ImportFileId, options: ImportReadOptions.default({}), rows: z.number().int().min(1).max(1000).default(100), table: ImportTable.optional() }).strict(),
    z.object({
      format: ImportFormat,
      delimiter: z.string().nullable(),
      encoding: z.string().nullable(),
      header: z.boolean(),
      sheets: z.array(z.string()),
      columns: z.array(PreviewColumn),
      rows: z.array(z.array(z.string().nullable())),
      /** CREATE TABLE of a new table named `table` (or the file's name) in the connection's dialect. */
      ddl: z.string(),
      tableName: z.string(),
      /** `table` exists: its columns, and each source column matched by name (case-insensitive) or null. */
      existing: z.object({ columns: z.array(z.object({ name: z.string(), dbType: z.string() })), mapping: z.array(z.string().nullable()) }).nullable()
    })
  ),
  'import.start': call(
    z
      .object({
        connectionId: Id,
        fileId: ImportFileId,
        options: ImportReadOptions.default({}),
        target: ImportTarget,
        /** 'transaction': all or nothing; 'batches': each batch commits on its own (a failed one is retried row by row). */
        mode: z.enum(['transaction', 'batches']).default('batches'),
        batchSize: z.number().int().min(1).max(100_000).optional()
      })
      .strict(),
    z.object({ importId: ImportId })
  ),
  'import.cancel': call(z.object({ importId: ImportId }).strict(), Ok)
}

export const importEvents = {
  'import.progress': z.object({
    importId: ImportId,
    state: z.enum(['running', 'done', 'error', 'cancelled']),
    /** Rows read from the file so far. */
    rows: z.number().int(),
    /** Rows committed (or, in one transaction, sent: they are committed only at `done`). */
    inserted: z.number().int(),
    rejected: z.number().int(),
    /** A CSV of the rejected rows with a `reason` column (next to the source, or in the data folder's exports area). */
    rejectedPath: z.string().nullable(),
    /** Web mode: `/download/<id>` serves the rejected-rows file once the import has ended. */
    rejectedDownloadId: z.string().optional(),
    error: AppErrorShape.optional()
  })
}
