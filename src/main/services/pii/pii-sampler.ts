import type { PiiFinding } from '../../../shared/contract/pii'
import type { EngineFacts } from '../../../shared/engines/types'
import type { ColumnModel, SchemaModel, TableModel } from '../../../shared/schema-model'
import { TEXT_TYPE } from '../ai/retrieval/value-sampler'
import type { DriverSession } from '../drivers/types'
import { quotedTable, readBounded } from '../sampling/bounded-read'
import { classifyColumn, type SampleType } from './detect/classify-column'
import { nameEvidence } from './detect/name-evidence'

export interface PiiScanOptions {
  signal?: AbortSignal
  onProgress?(done: number, total: number, findings: number): void
  /** Non-null values read per column. */
  sampleSize?: number
  /** Rows looked at per column to find them: a mostly-NULL column of a huge table is not scanned to its end. */
  maxRows?: number
  columnTimeoutMs?: number
}

export interface PiiScanResult {
  findings: PiiFinding[]
  columnsScanned: number
  columnsFailed: number
}

export interface PiiColumn {
  table: TableModel
  column: ColumnModel
  type: SampleType
}

const JSON_TYPE = /^\s*(jsonb?|xml|clob|nclob)\b/i
const DATE_TYPE = /^\s*(date|datetime|datetime2|smalldatetime|datetimeoffset|timestamp|timestamptz)\b/i
const NUMBER_TYPE = /^\s*(int|integer|bigint|smallint|tinyint|mediumint|int[248]|hugeint|ubigint|uinteger|numeric|decimal|number)\b/i

/**
 * The columns of tables (not views: reading one runs its query) worth sampling: every text column (enums excepted: their
 * values are the schema's), and date and number columns whose name says birth, age, phone, card or id, since a
 * date or a number is personal only when the column says what it is.
 */
export function piiColumns(model: SchemaModel): PiiColumn[] {
  const enums = new Set(model.enums.flatMap((e) => [e.name.toLowerCase(), `${e.schema}.${e.name}`.toLowerCase()]))
  const out: PiiColumn[] = []
  for (const table of model.tables) {
    if (table.kind !== 'table') continue
    for (const column of table.columns) {
      const type = column.type.trim().toLowerCase()
      if (type.endsWith('[]') || enums.has(type.replace(/"/g, '')) || /^enum\b/.test(type)) continue
      const evidence = nameEvidence(table.name, column.name)
      if (evidence.secret) continue
      if (TEXT_TYPE.test(type) || JSON_TYPE.test(type)) out.push({ table, column, type: 'text' })
      else if (DATE_TYPE.test(type) && evidence.kinds.has('date_of_birth')) out.push({ table, column, type: 'date' })
      else if (NUMBER_TYPE.test(type) && (evidence.kinds.size > 0 || evidence.age)) out.push({ table, column, type: 'number' })
    }
  }
  return out
}

/** Up to `sampleSize` non-null values of a column, as text, among its first `maxRows` rows: one bounded read. */
export function columnSampleSql(facts: EngineFacts, table: { schema: string; name: string }, column: string, sampleSize: number, maxRows: number): string {
  const value = `CAST(${facts.quoteIdentifier(column)} AS ${facts.sampleTextType})`
  const from = quotedTable(facts, table)
  return facts.limitSyntax === 'top'
    ? `SELECT TOP ${sampleSize} v FROM (SELECT TOP ${maxRows} ${value} AS v FROM ${from}) s WHERE v IS NOT NULL`
    : `SELECT v FROM (SELECT ${value} AS v FROM ${from} LIMIT ${maxRows}) s WHERE v IS NOT NULL LIMIT ${sampleSize}`
}

/**
 * Samples each candidate column on `session` (every query analysed as exactly one read first) and classifies it.
 * Values stay in this function: only findings with masked examples come out.
 */
export async function scanForPii(session: DriverSession, model: SchemaModel, opts: PiiScanOptions = {}): Promise<PiiScanResult> {
  const sampleSize = opts.sampleSize ?? 200
  const maxRows = opts.maxRows ?? 5000
  const columns = piiColumns(model)
  const result: PiiScanResult = { findings: [], columnsScanned: 0, columnsFailed: 0 }
  opts.signal?.throwIfAborted()
  opts.onProgress?.(0, columns.length, 0)
  for (const [i, { table, column, type }] of columns.entries()) {
    opts.signal?.throwIfAborted()
    const rows = await readBounded(session, columnSampleSql(session.facts, table, column.name, sampleSize, maxRows), { signal: opts.signal, timeoutMs: opts.columnTimeoutMs })
    if (!rows) result.columnsFailed++
    else {
      result.columnsScanned++
      const values = rows.map((r) => r[0]).filter((v): v is string => typeof v === 'string')
      const found = classifyColumn({ table: table.name, column: column.name, type, values })
      if (found) result.findings.push({ schema: table.schema, table: table.name, column: column.name, ...found })
    }
    opts.onProgress?.(i + 1, columns.length, result.findings.length)
  }
  return result
}
