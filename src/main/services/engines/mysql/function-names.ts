/**
 * Function names the MySQL/MariaDB rules know. Only names that are built-ins on both MySQL 8 and MariaDB 10.11 are
 * listed as safe: a name that is a built-in on one server only can be a stored function on the other, called
 * unqualified. `statements.test.ts` checks the lists against a live server when MYSQL_URL is set.
 */
const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/))

/** Built-ins without side effects: they read their arguments, the clock or the session, and change nothing. */
export const SAFE_BUILTINS: ReadonlySet<string> = words(`
  ascii bin bit_length char_length character_length concat concat_ws elt export_set extractvalue field find_in_set
  format from_base64 hex instr lcase length locate lower lpad ltrim make_set mid octet_length ord position quote
  regexp_instr regexp_replace regexp_substr repeat reverse rpad rtrim soundex space strcmp substr substring
  substring_index to_base64 trim ucase unhex upper weight_string updatexml
  abs acos asin atan atan2 ceil ceiling conv cos cot crc32 degrees exp floor ln log log10 log2 pi pow power radians rand
  round sign sin sqrt tan truncate bit_count
  adddate addtime convert_tz curdate curtime date datediff date_add date_format date_sub day dayname dayofmonth
  dayofweek dayofyear extract from_days from_unixtime get_format hour last_day makedate maketime microsecond minute
  month monthname now period_add period_diff quarter second sec_to_time str_to_date subdate subtime sysdate time
  timediff timestamp timestampadd timestampdiff time_format time_to_sec to_days to_seconds unix_timestamp week weekday
  weekofyear year yearweek
  ifnull nullif coalesce greatest least isnull cast
  avg bit_and bit_or bit_xor count group_concat max min std stddev stddev_pop stddev_samp sum variance var_pop var_samp
  json_arrayagg json_objectagg cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank
  row_number
  charset coercibility collation connection_id found_rows last_insert_id row_count session_user system_user user
  version
  inet_aton inet_ntoa inet6_aton inet6_ntoa is_ipv4 is_ipv4_compat is_ipv4_mapped is_ipv6 is_free_lock is_used_lock
  name_const uuid uuid_short
  aes_encrypt aes_decrypt md5 sha sha1 sha2 compress uncompress uncompressed_length
  json_array json_array_append json_array_insert json_contains json_contains_path json_depth json_extract json_insert
  json_keys json_length json_merge_patch json_merge_preserve json_object json_overlaps json_pretty json_quote
  json_remove json_replace json_search json_set json_type json_unquote json_valid json_value
  st_area st_asbinary st_asgeojson st_astext st_aswkb st_aswkt st_buffer st_centroid st_contains st_crosses
  st_difference st_disjoint st_distance st_distance_sphere st_endpoint st_envelope st_equals st_geomfromgeojson
  st_geomfromtext st_geomfromwkb st_geometryfromtext st_geometryn st_geometrytype st_intersection st_intersects
  st_isclosed st_isempty st_issimple st_length st_numgeometries st_numpoints st_overlaps st_pointfromtext st_pointn
  st_srid st_startpoint st_symdifference st_touches st_union st_within st_x st_y
  mbrcontains mbrdisjoint mbrintersects mbroverlaps mbrtouches mbrwithin
`)

/**
 * Built-ins that lock, wait, sleep, touch the server's files, replication or a sequence: never a read, and never
 * handed to EXPLAIN (the optimizer may evaluate them while planning).
 */
export const SIDE_EFFECT_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['get_lock', 'takes a named lock that outlives the statement'],
  ['release_lock', 'releases a named lock'],
  ['release_all_locks', 'releases named locks'],
  ['sleep', 'holds the session (and any locks) while it sleeps'],
  ['benchmark', 'burns server CPU'],
  ['load_file', "reads a file on the database server's host"],
  ['master_pos_wait', 'waits on replication'],
  ['master_gtid_wait', 'waits on replication'],
  ['source_pos_wait', 'waits on replication'],
  ['wait_for_executed_gtid_set', 'waits on replication'],
  ['wait_until_sql_thread_after_gtids', 'waits on replication'],
  ['wsrep_sync_wait_upto_gtid', 'waits on cluster replication'],
  ['nextval', 'advances a sequence'],
  ['setval', 'changes a sequence'],
  ['sys_exec', 'runs a program on the server'],
  ['sys_eval', 'runs a program on the server']
])

/**
 * Reserved words that may stand before `(` without being a stored-function call, whatever the spacing: syntax
 * (`IN (`, `VALUES (`, `USING (`) or built-ins the grammar owns (`IF(`, `REPLACE(`, `INSERT(`, `LEFT(`). A reserved
 * word cannot name a stored function unquoted, so `word(` never reaches stored code.
 */
export const RESERVED_BEFORE_PAREN: ReadonlySet<string> = words(`
  as in exists all on using from join values and or xor not where having select with union by partition index key
  then else when case is like between distinct distinctrow interval limit group div mod regexp rlike collate binary
  force ignore use for unique order set into leading trailing both if char replace insert left right match database
  schema convert character varchar varbinary decimal numeric int integer float double real bigint smallint tinyint
  mediumint dec current_date current_time current_timestamp localtime localtimestamp utc_date utc_time utc_timestamp
  current_user row over window recursive
`)
