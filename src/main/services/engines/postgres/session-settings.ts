import type { Verdict } from '../../statements/types'
import { unwrap } from './statement-walk'

/**
 * Settings a read-only connection may change: they shape output, planning and waiting, never what may be written.
 * Deliberately absent: anything about read-only, roles and authorization, session_replication_role (skips
 * triggers), standard_conforming_strings and client_encoding (they change how the server reads quotes, so it
 * would split text differently from this analyser).
 */
const harmlessSettings: ReadonlySet<string> = new Set([
  'search_path', 'timezone', 'datestyle', 'intervalstyle', 'extra_float_digits', 'bytea_output', 'xmlbinary', 'xmloption',
  'lc_monetary', 'lc_numeric', 'lc_time', 'default_text_search_config', 'application_name', 'client_min_messages',
  'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout', 'transaction_timeout',
  'work_mem', 'hash_mem_multiplier', 'temp_buffers', 'maintenance_work_mem', 'effective_cache_size', 'effective_io_concurrency',
  'transaction_isolation', 'default_transaction_isolation', 'transaction_deferrable', 'default_transaction_deferrable',
  'random_page_cost', 'seq_page_cost', 'cpu_tuple_cost', 'cpu_index_tuple_cost', 'cpu_operator_cost', 'parallel_setup_cost', 'parallel_tuple_cost',
  'max_parallel_workers_per_gather', 'min_parallel_table_scan_size', 'min_parallel_index_scan_size', 'parallel_leader_participation',
  'constraint_exclusion', 'cursor_tuple_fraction', 'from_collapse_limit', 'join_collapse_limit', 'plan_cache_mode', 'row_security',
  'geqo', 'geqo_threshold', 'geqo_effort', 'jit', 'gin_fuzzy_search_limit'
])

const isHarmlessSetting = (name: string): boolean => harmlessSettings.has(name) || /^enable_\w+$/.test(name)

/** Settings whose change can lift read-only or act as someone else. */
const liftsReadOnly = /^(transaction_read_only|default_transaction_read_only|session_authorization|role)$/

/** Whether transaction options (`READ WRITE` is `transaction_read_only` = 0) keep the transaction read-only. */
function optionsStayReadOnly(options: unknown): boolean {
  if (!Array.isArray(options)) return true
  return options.every((option) => {
    const element = unwrap(option)
    if (element?.type !== 'DefElem' || element.fields.defname !== 'transaction_read_only') return true
    const constant = unwrap(element.fields.arg)
    const ival = constant?.type === 'A_Const' ? (constant.fields.ival as { ival?: number } | undefined) : undefined
    return ival !== undefined && (ival.ival ?? 0) !== 0
  })
}

/** SET / RESET (VariableSetStmt). */
export function setVerdict(fields: Record<string, unknown>): Verdict {
  const kind = fields.kind as string
  const name = typeof fields.name === 'string' ? fields.name.toLowerCase() : ''
  if (kind === 'VAR_RESET_ALL') return { kind: 'session', reason: 'RESET ALL resets every setting, read-only included', readOnlySafe: false }
  if (kind === 'VAR_SET_MULTI') {
    // SET TRANSACTION ..., SET SESSION CHARACTERISTICS AS TRANSACTION ..., SET TRANSACTION SNAPSHOT
    const what = String(fields.name ?? 'TRANSACTION')
    const safe = optionsStayReadOnly(fields.args)
    return { kind: 'session', reason: safe ? `SET ${what} changes the transaction's characteristics` : `SET ${what} READ WRITE lifts read-only`, readOnlySafe: safe }
  }
  if (liftsReadOnly.test(name)) return { kind: 'session', reason: `SET ${name} can lift read-only`, readOnlySafe: false }
  if (isHarmlessSetting(name)) return { kind: 'session', reason: `SET ${name} changes the session`, readOnlySafe: true }
  return { kind: 'session', reason: `SET ${name} is not a setting this app knows to be harmless`, readOnlySafe: false }
}

/** BEGIN, COMMIT, SAVEPOINT... (TransactionStmt). */
export function transactionVerdict(fields: Record<string, unknown>): Verdict {
  const kind = String(fields.kind ?? '')
  if (/PREPARE/.test(kind)) return { kind: 'admin', reason: 'two-phase commit leaves a transaction on the server' }
  if (!optionsStayReadOnly(fields.options)) return { kind: 'transaction', reason: 'READ WRITE lifts read-only', readOnlySafe: false }
  return { kind: 'transaction', reason: `${kind.replace('TRANS_STMT_', '').replace('_', ' ')} controls the transaction`, readOnlySafe: true }
}
