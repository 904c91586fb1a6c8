import type { Cell, ColumnMeta, Dialect } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import { jsonCell } from './cell-typing'

/** A text format written in pieces: header, then any number of row batches, then footer. */
export interface TextFormat {
  header(): string
  rows(batch: Cell[][]): string
  footer(): string
}

export type TextFormatName = 'csv' | 'tsv' | 'json' | 'jsonl' | 'sql' | 'markdown' | 'insert'

export interface TextFormatOptions {
  columns: ColumnMeta[]
  header?: boolean
  /** INSERT target; `dialect` decides quoting and literals. */
  tableName?: string
  dialect?: Dialect
}

export function textFormat(name: TextFormatName, options: TextFormatOptions): TextFormat {
  switch (name) {
    case 'csv':
      return delimited(options, ',', '\r\n')
    case 'tsv':
      return delimited(options, '\t', '\n')
    case 'json':
      return json(options)
    case 'jsonl':
      return jsonLines(options)
    case 'sql':
    case 'insert':
      return inserts(options)
    case 'markdown':
      return markdown(options)
  }
}

/**
 * RFC 4180 (CSV: CRLF, quotes doubled, fields quoted when they hold the delimiter, a quote, CR or LF); TSV uses the
 * same quoting with tabs. null and '' are both an empty field; booleans are `true`/`false`; numbers as JavaScript
 * prints them. One string per batch, built field by field (the export's hot loop: no per-cell regex or array).
 */
function delimited({ columns, header = true }: TextFormatOptions, delimiter: string, eol: string): TextFormat {
  const line = (row: readonly Cell[]): string => {
    let out = ''
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += delimiter
      const v = row[i]
      if (v === null || v === undefined) continue
      if (typeof v === 'string') out += delimitedField(v, delimiter)
      else if (typeof v === 'number') out += String(v)
      else if (typeof v === 'boolean') out += v ? 'true' : 'false'
      else out += delimitedField(String(v), delimiter)
    }
    return out + eol
  }
  return {
    header: () => (header ? line(columns.map((c) => c.name)) : ''),
    rows: (batch) => {
      let out = ''
      for (let r = 0; r < batch.length; r++) out += line(batch[r])
      return out
    },
    footer: () => ''
  }
}

const QUOTE = 34
const LF = 10
const CR = 13

/** A field as RFC 4180 writes it: quoted (quotes doubled) only when it holds the delimiter, a quote, CR or LF. */
export function delimitedField(value: string, delimiter: string): string {
  const d = delimiter.charCodeAt(0)
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === d || c === QUOTE || c === LF || c === CR) return `"${value.replaceAll('"', '""')}"`
  }
  return value
}

function toObject(row: Cell[], columns: ColumnMeta[], keys: string[]): Record<string, unknown> {
  const obj: Record<string, unknown> = {}
  for (let i = 0; i < keys.length; i++) obj[keys[i]] = jsonCell(row[i], columns[i])
  return obj
}

/** Duplicate column names (`id`, `id`) become `id`, `id_2` so no value is lost in objects. */
export function uniqueKeys(columns: ColumnMeta[]): string[] {
  const seen = new Map<string, number>()
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1
    seen.set(c.name, n)
    return n === 1 ? c.name : `${c.name}_${n}`
  })
}

/** JSON values typed by `jsonCell` (cell-typing.ts): numbers, booleans, arrays and JSON as JSON; exact digits as strings. */
function json({ columns }: TextFormatOptions): TextFormat {
  const keys = uniqueKeys(columns)
  let first = true
  return {
    header: () => '[',
    rows: (batch) => {
      let out = ''
      for (const row of batch) {
        out += `${first ? '\n' : ',\n'}  ${JSON.stringify(toObject(row, columns, keys))}`
        first = false
      }
      return out
    },
    footer: () => (first ? ']\n' : '\n]\n')
  }
}

function jsonLines({ columns }: TextFormatOptions): TextFormat {
  const keys = uniqueKeys(columns)
  return {
    header: () => '',
    rows: (batch) => batch.map((row) => `${JSON.stringify(toObject(row, columns, keys))}\n`).join(''),
    footer: () => ''
  }
}

export function sqlLiteral(value: Cell, column: ColumnMeta | undefined, dialect: Dialect): string {
  const facts = factsOf(dialect)
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return facts.booleanLiteral(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${value}'`
  if ((column?.kind === 'bigint' || column?.kind === 'decimal') && /^-?\d+(\.\d+)?$/.test(value)) return value
  if (column?.kind === 'binary' && /^\\x[0-9a-f]*$/.test(value)) return facts.binaryLiteral(value.slice(2))
  return facts.stringLiteral(value)
}

/**
 * `schema.table` into its names: parts split at dots, a part in double quotes ("" for a quote) kept whole, so a
 * name containing a dot or a quote survives (`"my.schema"."odd""name"`). The engine's quoting is applied afterwards.
 */
export function splitQualifiedName(name: string): string[] {
  const parts: string[] = []
  let i = 0
  while (i <= name.length) {
    if (name[i] === '"') {
      let part = ''
      i++
      while (i < name.length) {
        if (name[i] === '"' && name[i + 1] === '"') {
          part += '"'
          i += 2
        } else if (name[i] === '"') {
          i++
          break
        } else part += name[i++]
      }
      parts.push(part)
      if (name[i] === '.') i++
      else break
    } else {
      const dot = name.indexOf('.', i)
      parts.push(name.slice(i, dot < 0 ? name.length : dot))
      if (dot < 0) break
      i = dot + 1
    }
  }
  return parts.filter((p) => p !== '')
}

/** The INSERT target when none is named (the result does not come from one table): plainly a placeholder. */
export const PLACEHOLDER_TABLE = 'target_table'

/** Multi-row INSERTs of 100 rows (every engine accepts that many). */
function inserts({ columns, tableName, dialect = 'postgres' }: TextFormatOptions): TextFormat {
  const q = factsOf(dialect).quoteIdentifier
  const parts = splitQualifiedName(tableName ?? '')
  const table = (parts.length ? parts : [PLACEHOLDER_TABLE]).map((part) => q(part)).join('.')
  const head = `INSERT INTO ${table} (${columns.map((c) => q(c.name)).join(', ')}) VALUES\n`
  return {
    header: () => '',
    rows: (batch) => {
      let out = ''
      for (let i = 0; i < batch.length; i += 100) {
        const chunk = batch.slice(i, i + 100)
        out += head + chunk.map((row) => `  (${row.map((v, k) => sqlLiteral(v, columns[k], dialect)).join(', ')})`).join(',\n') + ';\n'
      }
      return out
    },
    footer: () => ''
  }
}

function markdownCell(value: Cell): string {
  if (value === null) return ''
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

function markdown({ columns }: TextFormatOptions): TextFormat {
  return {
    header: () => `| ${columns.map((c) => markdownCell(c.name)).join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`,
    rows: (batch) => batch.map((row) => `| ${row.map(markdownCell).join(' | ')} |\n`).join(''),
    footer: () => ''
  }
}
