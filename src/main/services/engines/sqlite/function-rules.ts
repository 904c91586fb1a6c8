import { matchParen, type SqlToken } from '../../../../shared/sql-tokens'
import { calledFunctions } from '../../statements/keyword-rules'
import type { Verdict } from '../../statements/types'
import { isReadingPragma } from './pragma-rules'

/**
 * Functions are judged by an allow-list: a read may call only functions known to have no side effects. The list is
 * SQLite's built-ins as better-sqlite3 compiles them (statements.test.ts fails when a new built-in appears, so each one
 * is decided on purpose), plus the table-valued functions that only read.
 */

/** Reach the host (files, editors, shared libraries) or change the database behind the statement's back: 'admin'. */
export const HOST_FUNCTIONS: ReadonlySet<string> = new Set([
  'load_extension', // loads a shared library: arbitrary code
  'writefile', 'readfile', 'edit', 'fsdir', 'lsdir', 'zipfile', // the CLI's fileio/zipfile extensions
  'eval', // runs SQL text given as a value
  'fts3_tokenizer', // hands out (and with two arguments installs) native pointers
  'optimize' // FTS3/4's optimize(t) merges, i.e. rewrites, the full-text index
])

export const SAFE_FUNCTIONS: ReadonlySet<string> = new Set(
  `abs acos acosh asin asinh atan atan2 atanh avg bm25 ceil ceiling changes char coalesce concat concat_ws cos cosh count
cume_dist current_date current_time current_timestamp date datetime degrees dense_rank exp first_value floor format
fts5_get_locale fts5_insttoken fts5_locale fts5_source_id geopoly_area geopoly_bbox geopoly_blob geopoly_ccw
geopoly_contains_point geopoly_debug geopoly_group_bbox geopoly_json geopoly_overlap geopoly_regular geopoly_svg
geopoly_within geopoly_xform glob group_concat hex highlight if ifnull iif instr json json_array json_array_insert
json_array_length json_error_position json_extract json_group_array json_group_object json_insert json_object json_patch
json_pretty json_quote json_remove json_replace json_set json_type json_valid jsonb jsonb_array jsonb_array_insert
jsonb_extract jsonb_group_array jsonb_group_object jsonb_insert jsonb_object jsonb_patch jsonb_remove jsonb_replace
jsonb_set julianday lag last_insert_rowid last_value lead length like likelihood likely ln log log10 log2 lower ltrim
match matchinfo max median min mod nth_value ntile nullif octet_length offsets percent_rank percentile percentile_cont
percentile_disc pi pow power printf quote radians random randomblob rank replace round row_number rtreecheck rtreedepth
rtreenode rtrim sign sin sinh snippet soundex sqlite_compileoption_get sqlite_compileoption_used sqlite_offset
sqlite_source_id sqlite_version sqrt strftime string_agg substr substring subtype sum tan tanh time timediff total
total_changes trim trunc typeof unhex unicode unistr unistr_quote unixepoch unlikely upper zeroblob
json_each json_tree jsonb_each jsonb_tree generate_series dbstat`.split(/\s+/)
)

/** SQLite's keywords: one followed by `(` (IN, EXISTS, AS, OVER, FILTER, CAST…) is syntax, not a call. */
const KEYWORDS = new Set(
  `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE
CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP
DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE
EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE
IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH
MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA
PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT
ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UPDATE
USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT`.split(/\s+/)
)

const isWord = (t: SqlToken | undefined, word: string): boolean => t?.kind === 'word' && t.value.toUpperCase() === word

/** `name(a, b) AS [NOT] [MATERIALIZED] (…)`: a common table expression's column list, not a call. */
function isCteColumnList(tokens: SqlToken[], nameIndex: number): boolean {
  const close = matchParen(tokens, nameIndex + 1)
  if (!isWord(tokens[close + 1], 'AS')) return false
  const next = tokens[close + 2]
  return next?.text === '(' || isWord(next, 'MATERIALIZED') || isWord(next, 'NOT')
}

/** The first call of a host-reaching function, as an 'admin' verdict. */
export function hostCall(tokens: SqlToken[]): Verdict | null {
  const call = calledFunctions(tokens).find((f) => HOST_FUNCTIONS.has(f.name))
  return call ? { kind: 'admin', reason: `${call.name}() reaches beyond the database` } : null
}

/** The first call a read must not make: anything outside the allow-list, as an 'unknown' verdict. */
export function unlistedCall(tokens: SqlToken[]): Verdict | null {
  for (const { name, index } of calledFunctions(tokens)) {
    if (SAFE_FUNCTIONS.has(name)) continue
    if (name.startsWith('pragma_') && isReadingPragma(name.slice('pragma_'.length))) continue
    if (tokens[index]!.kind === 'word' && KEYWORDS.has(name.toUpperCase())) continue
    if (isCteColumnList(tokens, index)) continue
    return { kind: 'unknown', reason: `${name}() is not a function this app knows to be free of side effects` }
  }
  return null
}
