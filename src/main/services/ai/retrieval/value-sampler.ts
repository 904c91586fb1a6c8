import type { EngineFacts } from '../../../../shared/engines/types'
import { qualifiedName, type SchemaModel, type TableModel } from '../../../../shared/schema-model'
import type { DriverSession } from '../../drivers/types'
import { quotedTable, readBounded } from '../../sampling/bounded-read'
import type { ValueEntry } from './value-index'
import { splitWords } from './words'

export interface SamplerOptions {
  onProgress?(done: number, total: number): void
  signal?: AbortSignal
  /** One slow table must not hold up the rest: its query is cancelled after this long. */
  columnTimeoutMs?: number
  /** Rows read per column: the distinct values are those of the first rows the server hands out, not of a huge table. */
  maxRows?: number
  /** A column with more distinct values than this is not low-cardinality (names, codes, free text) and is skipped. */
  maxDistinct?: number
  maxValueChars?: number
}

export interface SampleResult {
  entries: ValueEntry[]
  /** Columns read. */
  columns: number
  /** Columns with more distinct values than maxDistinct. */
  highCardinality: number
  /** Columns whose query failed, timed out, or that the statement analyser did not read as a plain read. */
  failed: number
}

export interface SampledColumn {
  table: TableModel
  column: string
}

export const TEXT_TYPE = /^\s*(n?varchar2?|n?char|character( varying)?|bpchar|(tiny|medium|long)?text|ntext|citext|string|enum)\b/i

/** Words in a column name that say it holds secrets or personal data: never read, let alone kept. */
const PRIVATE_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'hash', 'hashed', 'salt', 'credential', 'credentials', 'otp', 'ssn', 'cvv', 'iban', 'pin', 'email', 'mail', 'phone', 'mobile'])
const PRIVATE_SQUASHED = /apikey|privatekey|accesskey|secretkey|password|passwd/
/** Words in a column name that say it holds free text or addresses, not names of things. */
const FREE_TEXT_WORDS = new Set(['description', 'desc', 'comment', 'comments', 'body', 'note', 'notes', 'text', 'content', 'message', 'summary', 'bio', 'remark', 'remarks', 'address', 'url', 'uri', 'html', 'json', 'xml', 'path', 'query', 'sql'])

/** Text columns of tables (not views: reading one runs its query, which may be slow or call functions) worth sampling. */
export function sampleableColumns(model: SchemaModel): SampledColumn[] {
  const enums = new Set(model.enums.flatMap((e) => [e.name.toLowerCase(), `${e.schema}.${e.name}`.toLowerCase()]))
  const out: SampledColumn[] = []
  for (const table of model.tables) {
    if (table.kind === 'view') continue
    for (const c of table.columns) {
      const type = c.type.trim().toLowerCase()
      const isText = (TEXT_TYPE.test(type) || enums.has(type.replace(/"/g, ''))) && !type.endsWith('[]')
      if (isText && !privateOrFreeText(c.name)) out.push({ table, column: c.name })
    }
  }
  return out
}

function privateOrFreeText(name: string): boolean {
  const words = splitWords(name)
  if (words.some((w) => PRIVATE_WORDS.has(w) || FREE_TEXT_WORDS.has(w))) return true
  return PRIVATE_SQUASHED.test(words.join(''))
}

/** The most frequent distinct values of one column, among its first `maxRows` rows: one bounded read. */
export function distinctValuesSql(facts: EngineFacts, table: { schema: string; name: string }, column: string, maxRows: number, maxDistinct: number): string {
  const from = quotedTable(facts, table)
  const value = `CAST(${facts.quoteIdentifier(column)} AS ${facts.sampleTextType})`
  const limit = maxDistinct + 1
  return facts.limitSyntax === 'top'
    ? `SELECT TOP ${limit} v, COUNT(*) AS n FROM (SELECT TOP ${maxRows} ${value} AS v FROM ${from}) s WHERE v IS NOT NULL GROUP BY v ORDER BY COUNT(*) DESC, v`
    : `SELECT v, COUNT(*) AS n FROM (SELECT ${value} AS v FROM ${from} LIMIT ${maxRows}) s WHERE v IS NOT NULL GROUP BY v ORDER BY COUNT(*) DESC, v LIMIT ${limit}`
}

/**
 * Reads the distinct values of the model's low-cardinality text columns on `session`, one bounded query per column,
 * each passing the statement analyser as exactly one read before it runs (and the session's own read-only guard when
 * it runs). Columns with more than maxDistinct values come back empty-handed; values longer than maxValueChars are left out.
 */
export async function sampleValues(session: DriverSession, model: SchemaModel, opts: SamplerOptions = {}): Promise<SampleResult> {
  const maxRows = opts.maxRows ?? 100_000
  const maxDistinct = opts.maxDistinct ?? 200
  const maxValueChars = opts.maxValueChars ?? 80
  opts.signal?.throwIfAborted()
  const columns = sampleableColumns(model)
  const result: SampleResult = { entries: [], columns: 0, highCardinality: 0, failed: 0 }
  opts.onProgress?.(0, columns.length)
  for (const [i, { table, column }] of columns.entries()) {
    opts.signal?.throwIfAborted()
    const rows = await readBounded(session, distinctValuesSql(session.facts, table, column, maxRows, maxDistinct), { signal: opts.signal, timeoutMs: opts.columnTimeoutMs })
    if (!rows) result.failed++
    else if (rows.length > maxDistinct) result.highCardinality++
    else {
      result.columns++
      const values = rows.map((r) => r[0]).filter((v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= maxValueChars)
      if (values.length) result.entries.push({ tableKey: qualifiedName(table), column, values })
    }
    opts.onProgress?.(i + 1, columns.length)
  }
  return result
}
