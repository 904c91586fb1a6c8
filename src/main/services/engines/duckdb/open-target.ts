import { existsSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { duckdbFacts } from '../../../../shared/engines/duckdb'
import { AppError } from '../../../../shared/errors'

/** What a DuckDB connection's path opens: a private in-memory database, a database file, or a data file shown as a view. */
export type OpenTarget =
  | { kind: 'memory' }
  | { kind: 'database'; path: string }
  | { kind: 'data-file'; path: string; viewName: string; reader: string }

/** Data files DuckDB reads directly, and the table function that reads each. */
const dataFileReaders: Record<string, string> = {
  '.csv': 'read_csv_auto',
  '.tsv': 'read_csv_auto',
  '.parquet': 'read_parquet',
  '.json': 'read_json_auto',
  '.jsonl': 'read_json_auto',
  '.ndjson': 'read_json_auto'
}

export function openTarget(filePath: string | undefined): OpenTarget {
  const path = filePath?.trim()
  if (!path) throw new AppError('INVALID_INPUT', 'Choose the DuckDB database file.', { issues: [{ path: 'filePath', message: 'Required' }] })
  if (path === ':memory:') return { kind: 'memory' }
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `DuckDB database file not found: ${path}`)
  const extension = extname(path).toLowerCase()
  const reader = dataFileReaders[extension]
  if (reader) return { kind: 'data-file', path, viewName: basename(path, extname(path)), reader }
  return { kind: 'database', path }
}

/** The view a data file browses as: `CREATE VIEW "sales" AS SELECT * FROM read_csv_auto('/…/sales.csv')`. */
export function dataFileView(target: Extract<OpenTarget, { kind: 'data-file' }>): string {
  return `CREATE VIEW ${duckdbFacts.quoteIdentifier(target.viewName)} AS SELECT * FROM ${target.reader}(${duckdbFacts.stringLiteral(target.path)})`
}

/**
 * Read-only sessions on a private in-memory database lose external access, except to their own data file: DuckDB
 * then refuses COPY TO, ATTACH, extensions and other files itself. (It can only be switched off, never back on.)
 */
export function lockDownStatements(allowedPath: string | null): string[] {
  const allow = allowedPath ? [`SET allowed_paths = [${duckdbFacts.stringLiteral(allowedPath)}]`] : []
  return [...allow, 'SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false', 'SET enable_external_access = false']
}
