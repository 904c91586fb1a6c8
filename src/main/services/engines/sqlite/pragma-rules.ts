import type { SqlToken } from '../../../../shared/sql-tokens'
import type { Verdict } from '../../statements/types'

/**
 * PRAGMAs decided by name, never by shape: `PRAGMA table_info(t)` reads with parentheses, while
 * `PRAGMA user_version(5)` writes with them. Every name here is checked against SQLite's own
 * sqlite3_stmt_readonly in statements.test.ts.
 */

/** Their argument names an object or a limit, never a new value: a read in any form. */
export const PRAGMAS_READING_WITH_ARGUMENT: ReadonlySet<string> = new Set([
  'table_info', 'table_xinfo', 'table_list', 'index_info', 'index_xinfo', 'index_list',
  'foreign_key_list', 'foreign_key_check', 'integrity_check', 'quick_check'
])

/** A read only when no value follows (`PRAGMA user_version`); with one they set it. */
export const PRAGMAS_READING_WITHOUT_VALUE: ReadonlySet<string> = new Set([
  'analysis_limit', 'application_id', 'auto_vacuum', 'automatic_index', 'busy_timeout', 'cache_size', 'cache_spill',
  'cell_size_check', 'checkpoint_fullfsync', 'collation_list', 'compile_options', 'data_version', 'database_list',
  'defer_foreign_keys', 'encoding', 'foreign_keys', 'freelist_count', 'fullfsync', 'function_list', 'hard_heap_limit',
  'ignore_check_constraints', 'journal_size_limit', 'legacy_alter_table', 'locking_mode', 'max_page_count', 'mmap_size',
  'module_list', 'page_count', 'page_size', 'pragma_list', 'query_only', 'read_uncommitted', 'recursive_triggers',
  'reverse_unordered_selects', 'schema_version', 'secure_delete', 'soft_heap_limit', 'synchronous', 'temp_store',
  'threads', 'trusted_schema', 'user_version', 'wal_autocheckpoint'
])

/** Act on the file even without a value (journal_mode: SQLite itself does not call its query read-only). */
const PRAGMAS_ACTING = new Set(['optimize', 'incremental_vacuum', 'wal_checkpoint', 'journal_mode', 'shrink_memory'])

/** Given a value, these change the database file or how its schema is read, not just this connection. */
const PRAGMAS_CHANGING_FILE = new Set(['user_version', 'schema_version', 'application_id', 'page_size', 'auto_vacuum', 'writable_schema'])

export const isReadingPragma = (name: string): boolean => PRAGMAS_READING_WITH_ARGUMENT.has(name) || PRAGMAS_READING_WITHOUT_VALUE.has(name)

export function classifyPragma(tokens: SqlToken[]): Verdict {
  const code = tokens.filter((t) => t.text !== ';')
  // PRAGMA [schema.]name [= value | (value)]
  const at = code[2]?.text === '.' ? 3 : 1
  const nameToken = code[at]
  if (!nameToken || (nameToken.kind !== 'word' && nameToken.kind !== 'ident')) return { kind: 'unknown', reason: 'a PRAGMA without a name this app can read' }
  const name = nameToken.value.toLowerCase()
  const hasValue = code.length > at + 1
  if (PRAGMAS_READING_WITH_ARGUMENT.has(name)) return { kind: 'read', reason: `PRAGMA ${name} reads the schema` }
  if (!hasValue && PRAGMAS_READING_WITHOUT_VALUE.has(name)) return { kind: 'read', reason: `PRAGMA ${name} reads a setting` }
  if (PRAGMAS_ACTING.has(name) || (hasValue && PRAGMAS_CHANGING_FILE.has(name))) {
    return { kind: 'admin', reason: `PRAGMA ${name} changes the database file` }
  }
  if (hasValue) return { kind: 'session', reason: `PRAGMA ${name} with a value changes a connection setting`, readOnlySafe: false }
  return { kind: 'unknown', reason: `PRAGMA ${name} is not one this app knows to only read` }
}
