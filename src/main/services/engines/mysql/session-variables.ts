/**
 * Session variables a read-only connection may set: they shape results, formats, limits and the optimizer, and
 * none can lift read-only (tx_read_only), skip logging or replication, reach the host or change privileges. Any
 * variable not listed is refused on a read-only connection; the list is short on purpose.
 */
export const SAFE_SESSION_VARIABLES: ReadonlySet<string> = new Set(
  `sql_mode time_zone autocommit character_set_client character_set_connection character_set_results
  collation_connection transaction_isolation tx_isolation max_statement_time max_execution_time group_concat_max_len
  sql_select_limit max_join_size sql_big_selects sql_safe_updates sql_notes sql_warnings sql_quote_show_create
  optimizer_switch optimizer_search_depth optimizer_prune_level optimizer_use_condition_selectivity
  join_buffer_size sort_buffer_size tmp_table_size max_heap_table_size div_precision_increment lc_time_names
  lc_messages default_week_format cte_max_recursion_depth max_recursive_iterations net_read_timeout net_write_timeout
  wait_timeout interactive_timeout long_query_time profiling profiling_history_size max_sort_length
  in_predicate_conversion_threshold join_cache_level eq_range_index_dive_limit big_tables sql_auto_is_null
  timestamp`
    .trim()
    .split(/\s+/)
)
