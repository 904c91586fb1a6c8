import { duckdbFacts } from '../../../../shared/engines/duckdb'
import { tokenizeSql } from '../../../../shared/sql-tokens'
import { codeWords, keywordRules } from '../../statements/keyword-rules'
import type { StatementRules, Verdict } from '../../statements/types'
import { hasEscapeString, hostFileReference } from './host-access'

/**
 * Settings a read-only session may change: they are its own (session scope) and touch neither data nor the host.
 * Plain `SET x` is GLOBAL for most DuckDB options, which other sessions on the same instance would see.
 */
const SESSION_SETTINGS = new Set(['SEARCH_PATH', 'SCHEMA', 'TIMEZONE', 'CALENDAR', 'ERRORS_AS_JSON', 'ENABLE_PROGRESS_BAR', 'PROGRESS_BAR_TIME', 'VARIABLE'])

/** PRAGMAs (and their pragma_* table functions) that only report. */
const READ_PRAGMAS = new Set([
  'table_info', 'show', 'show_tables', 'show_tables_expanded', 'show_databases', 'database_list', 'database_size', 'version',
  'storage_info', 'functions', 'collations', 'platform', 'metadata_info', 'user_agent', 'table_storage_info'
])

/**
 * Table functions that read or write host files, reach the network, run SQL text the analyser cannot see, or change
 * the database outside a statement (sequences, checkpoints, generators): 'admin'.
 */
const HOST_AND_SIDE_EFFECT_FUNCTIONS = [
  'read_csv', 'read_csv_auto', 'read_parquet', 'parquet_scan', 'read_json', 'read_json_auto', 'read_json_objects', 'read_json_objects_auto',
  'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_text', 'read_blob', 'read_xlsx', 'read_duckdb', 'glob', 'sniff_csv',
  'parquet_metadata', 'parquet_schema', 'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe', 'scan_arrow_ipc',
  'st_read', 'st_read_meta', 'sqlite_scan', 'sqlite_query', 'sqlite_attach', 'postgres_scan', 'postgres_scan_pushdown', 'postgres_query',
  'postgres_execute', 'postgres_attach', 'mysql_scan', 'mysql_query', 'mysql_execute', 'delta_scan', 'iceberg_scan', 'iceberg_metadata',
  'iceberg_snapshots', 'http_get', 'http_post', 'getenv', 'query', 'query_table', 'nextval', 'checkpoint', 'force_checkpoint',
  'load_aws_credentials', 'dbgen', 'dsdgen', 'enable_logging', 'disable_logging', 'truncate_duckdb_logs'
]

const keywords = keywordRules(duckdbFacts, {
  first: {
    SELECT: 'read', WITH: 'read', VALUES: 'read', TABLE: 'read', FROM: 'read', SHOW: 'read', DESCRIBE: 'read', DESC: 'read',
    SUMMARIZE: 'read', EXPLAIN: 'read', PIVOT: 'read', UNPIVOT: 'read', PIVOT_WIDER: 'read', PIVOT_LONGER: 'read',
    INSERT: 'write', UPDATE: 'write', DELETE: 'write', MERGE: 'write', PREPARE: 'write', EXECUTE: 'write',
    CREATE: 'ddl', ALTER: 'ddl', DROP: 'ddl', TRUNCATE: 'ddl', COMMENT: 'ddl',
    // a read-only session runs inside a read-only transaction the driver opens: its own BEGIN/COMMIT would end that
    BEGIN: 'transaction', START: 'transaction', COMMIT: 'transaction', END: 'transaction', ROLLBACK: 'transaction', ABORT: 'transaction',
    SET: 'session', RESET: 'session', USE: 'session', DEALLOCATE: 'session',
    COPY: 'admin', EXPORT: 'admin', IMPORT: 'admin', ATTACH: 'admin', DETACH: 'admin', INSTALL: 'admin', LOAD: 'admin', FORCE: 'admin',
    CHECKPOINT: 'admin', VACUUM: 'admin', ANALYZE: 'admin', PRAGMA: 'admin', CALL: 'admin'
  },
  safeSession: (words) => {
    if (words[0] === 'USE' || words[0] === 'DEALLOCATE') return true
    if (words.includes('GLOBAL')) return false
    const name = words[1] === 'SESSION' ? words[2] : words[1]
    return name !== undefined && SESSION_SETTINGS.has(name)
  },
  safeTransaction: () => false,
  writeWords: ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE'],
  // ATTACH and DETACH change the instance every session shares; COPY, EXPORT and IMPORT move data through files
  adminWords: ['COPY', 'ATTACH', 'DETACH', 'INSTALL', 'CHECKPOINT', 'EXPORT DATABASE', 'IMPORT DATABASE', 'UPDATE EXTENSIONS', 'FOR UPDATE', 'FOR SHARE'],
  dangerousFunctions: new Set(HOST_AND_SIDE_EFFECT_FUNCTIONS)
})

/** `PRAGMA table_info('t')`, `CALL pragma_table_info('t')`: a reporting pragma, by name. */
function reportingPragma(words: string[]): boolean {
  const name = words[1]?.toLowerCase()
  if (words[0] === 'PRAGMA') return name !== undefined && READ_PRAGMAS.has(name)
  return words[0] === 'CALL' && name !== undefined && (READ_PRAGMAS.has(name.replace(/^pragma_/, '')) || /^duckdb_[a-z_]+$/.test(name))
}

/**
 * DuckDB's rules: the keyword table, plus what it cannot see from first words alone — secrets, reporting pragmas,
 * host files in table position and escape strings the shared lexer would misread.
 */
export const duckdbStatements: StatementRules = {
  classify(text, context): Verdict {
    const tokens = tokenizeSql(text, duckdbFacts.lexical)
    const words = codeWords(tokens)
    if (hasEscapeString(text, tokens)) return { kind: 'unknown', reason: "an E'…' string with backslash escapes cannot be analysed safely" }
    if ((words[0] === 'CREATE' || words[0] === 'DROP') && words.slice(1, 6).includes('SECRET')) {
      return { kind: 'admin', reason: `${words[0]} SECRET stores credentials for the whole instance (or on disk)` }
    }
    // a reporting pragma reads like the table function it is; its arguments still go through every other check
    const verdict = reportingPragma(words) && !tokens.some((t) => t.text === '=') ? keywords.classify(`SELECT * FROM ${text.replace(/^\s*(PRAGMA|CALL)\s+/i, '')}`, context) : keywords.classify(text, context)
    if (verdict.kind === 'admin' || verdict.kind === 'unknown') return verdict
    const file = hostFileReference(tokens)
    if (file !== null) return { kind: 'admin', reason: `'${file}' is read from a file on this computer` }
    return verdict
  }
}
