import type { StatementContext, Verdict } from '../../statements/types'
import { safeBuiltinFunctions, safeBuiltinOperators } from './safe-builtins'

/**
 * Functions that reach past the data whatever the catalog says: the host's files, other sessions, locks, server
 * configuration, replication, other connections. Checked before volatility, so a catalog cannot talk them down.
 */
const adminFunctions: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^(lo_\w+|loread|lowrite)$/, reason: 'works on large objects, which can read and write files on the server' },
  { pattern: /^(pg_read_file|pg_read_file_old|pg_read_binary_file|pg_stat_file|pg_ls_\w+|pg_file_\w+|pg_logdir_ls)$/, reason: 'reaches files on the server' },
  { pattern: /^(pg_terminate_backend|pg_cancel_backend|pg_log_backend_memory_contexts)$/, reason: 'acts on other sessions' },
  { pattern: /^pg_(try_)?advisory_\w+$/, reason: 'takes or releases an advisory lock' },
  { pattern: /^dblink\w*$/, reason: 'runs SQL over another connection' },
  { pattern: /^pg_notify$/, reason: 'signals other sessions' },
  { pattern: /^set_config$/, reason: 'changes settings, read-only included' },
  { pattern: /^(pg_reload_conf|pg_rotate_logfile\w*|pg_promote|pg_switch_wal|pg_create_restore_point|pg_(start|stop)_backup|pg_backup_\w+|pg_wal_replay_\w+)$/, reason: 'administers the server' },
  { pattern: /^(pg_\w*replication_slot\w*|pg_logical_\w+|pg_replication_origin_\w+)$/, reason: 'changes replication state' },
  { pattern: /^(pg_stat_reset\w*|pg_stat_statements_reset|binary_upgrade_\w+|pg_import_system_collations|pg_nextoid)$/, reason: 'changes server state' }
]

/** Built-ins that write data without being statements that say so. */
const writingFunctions: ReadonlyMap<string, string> = new Map([
  ['nextval', 'advances a sequence'],
  ['setval', 'sets a sequence'],
  ['query_to_xml', 'runs SQL text this app cannot see'],
  ['query_to_xml_and_xmlschema', 'runs SQL text this app cannot see'],
  ['query_to_xmlschema', 'runs SQL text this app cannot see'],
  ['ts_rewrite', 'can run SQL text this app cannot see'],
  ['ts_stat', 'runs SQL text this app cannot see']
])

/**
 * Volatile built-ins that only read (or only produce values): calling them changes nothing. Kept short on purpose;
 * a name here is trusted only unqualified or pg_catalog-qualified, so `myschema.random()` is still looked up. Inside a
 * view's query (writing-relations.ts) it is trusted only for a function in pg_catalog or installed by an extension.
 */
export const harmlessVolatile: ReadonlySet<string> = new Set([
  // values
  'random', 'random_normal', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'clock_timestamp', 'timeofday',
  // a wait holds nothing a long read would not
  'pg_sleep', 'pg_sleep_for', 'pg_sleep_until',
  // the server's state, read
  'currval', 'lastval', 'pg_database_size', 'pg_relation_size', 'pg_table_size', 'pg_indexes_size', 'pg_total_relation_size', 'pg_tablespace_size',
  'pg_is_in_recovery', 'pg_current_wal_lsn', 'pg_current_wal_insert_lsn', 'pg_current_wal_flush_lsn', 'pg_last_wal_receive_lsn', 'pg_last_wal_replay_lsn',
  'pg_last_xact_replay_timestamp', 'pg_blocking_pids', 'pg_partition_tree', 'pg_partition_ancestors', 'pg_xact_status', 'txid_status', 'pg_jit_available',
  // behind extensions' monitoring views (pg_stat_statements, pg_buffercache), so reading those stays a read
  'pg_stat_statements', 'pg_stat_statements_info', 'pg_buffercache_pages'
])

/** The name a call resolves by (lower case, last part) and whether it can only mean the built-in. */
function callee(nameParts: readonly string[]): { name: string; builtinOnly: boolean } {
  const name = (nameParts[nameParts.length - 1] ?? '').toLowerCase()
  const schema = nameParts.length > 1 ? nameParts[nameParts.length - 2]!.toLowerCase() : undefined
  return { name, builtinOnly: schema === undefined || schema === 'pg_catalog' }
}

/** Whether the catalog (or, without one, the built-in list) says this name only reads. */
function readsOnly(name: string, context: StatementContext, builtins: ReadonlySet<string>): 'yes' | 'volatile' | 'unknown' {
  const volatility = context.functionVolatility?.get(name)
  if (volatility) return volatility === 'v' ? 'volatile' : 'yes'
  return builtins.has(name) ? 'yes' : 'unknown'
}

/** A verdict for a function call that may do more than read, or null for one that only reads. */
export function functionVerdict(nameParts: readonly string[], context: StatementContext): Verdict | null {
  const { name, builtinOnly } = callee(nameParts)
  const admin = adminFunctions.find((rule) => rule.pattern.test(name))
  if (admin) return { kind: 'admin', reason: `${name}() ${admin.reason}` }
  const writes = writingFunctions.get(name)
  if (writes) return { kind: 'write', reason: `${name}() ${writes}` }
  if (builtinOnly && harmlessVolatile.has(name)) return null
  const reads = readsOnly(name, context, safeBuiltinFunctions)
  if (reads === 'volatile') return { kind: 'write', reason: `${name}() is a volatile function and may write` }
  if (reads === 'unknown') return { kind: 'write', reason: `${name}() is not a known read-only function and may write` }
  return null
}

/** Operators run functions too: a user-defined operator may be backed by a volatile one. */
export function operatorVerdict(nameParts: readonly string[], context: StatementContext): Verdict | null {
  const symbol = nameParts[nameParts.length - 1] ?? ''
  const reads = readsOnly(symbol, context, safeBuiltinOperators)
  if (reads === 'volatile') return { kind: 'write', reason: `the ${symbol} operator runs a volatile function and may write` }
  if (reads === 'unknown') return { kind: 'write', reason: `the ${symbol} operator is not a known read-only operator and may write` }
  return null
}
