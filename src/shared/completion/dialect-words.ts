import type { Dialect } from '../cells'

/** Keywords and built-in functions offered by completion, per dialect (common ones first, then each engine's own). */

const COMMON_KEYWORDS = `SELECT FROM WHERE AND OR NOT IN IS NULL LIKE BETWEEN EXISTS AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS
GROUP BY ORDER HAVING ASC DESC DISTINCT UNION ALL INTERSECT EXCEPT INSERT INTO VALUES UPDATE SET DELETE CREATE ALTER DROP
TABLE VIEW INDEX UNIQUE PRIMARY KEY FOREIGN REFERENCES CONSTRAINT CHECK DEFAULT CASE WHEN THEN ELSE END WITH
CASCADE TRUNCATE BEGIN COMMIT ROLLBACK TRUE FALSE ADD COLUMN RENAME TO USING OVER PARTITION`

const DIALECT_KEYWORDS: Record<Dialect, string> = {
  postgres: `LIMIT OFFSET RETURNING ILIKE SIMILAR LATERAL MATERIALIZED CONCURRENTLY SCHEMA SEQUENCE EXTENSION ANALYZE EXPLAIN
VACUUM FILTER WINDOW RECURSIVE CONFLICT DO NOTHING NULLS FIRST LAST FETCH NEXT ROWS ONLY TYPE DOMAIN COMMENT`,
  mysql: `LIMIT OFFSET AUTO_INCREMENT ENGINE SHOW DATABASES TABLES DESCRIBE EXPLAIN REPLACE IGNORE DUPLICATE STRAIGHT_JOIN
REGEXP RLIKE DATABASE USE PROCEDURE FUNCTION TRIGGER DELIMITER`,
  mssql: `TOP OFFSET FETCH NEXT ROWS ONLY OUTPUT MERGE APPLY PIVOT UNPIVOT NOLOCK EXEC EXECUTE PROCEDURE FUNCTION TRIGGER GO
DECLARE IDENTITY NVARCHAR`,
  sqlite: `LIMIT OFFSET PRAGMA VACUUM ATTACH DETACH GLOB AUTOINCREMENT WITHOUT ROWID REPLACE CONFLICT IGNORE ABORT EXPLAIN
QUERY PLAN RETURNING`
}

const COMMON_FUNCTIONS = `count sum avg min max coalesce nullif cast lower upper trim length substring replace abs round
row_number rank dense_rank lag lead first_value last_value`

const DIALECT_FUNCTIONS: Record<Dialect, string> = {
  postgres: `now current_date current_timestamp date_trunc extract age to_char to_date to_timestamp string_agg array_agg
jsonb_build_object json_build_object jsonb_agg json_agg generate_series greatest least concat concat_ws split_part
regexp_replace regexp_matches position strpos left right lpad rpad md5 random gen_random_uuid unnest array_length`,
  mysql: `now curdate curtime date_format date_add date_sub datediff timestampdiff str_to_date group_concat concat concat_ws
ifnull if greatest least json_extract json_object json_arrayagg left right lpad rpad md5 rand uuid year month day`,
  mssql: `getdate sysdatetime dateadd datediff datepart format convert isnull iif string_agg concat concat_ws len
charindex left right newid json_value json_query stuff try_cast try_convert year month day`,
  sqlite: `date time datetime julianday strftime ifnull iif group_concat instr printf json_extract json_object json_group_array
random total typeof unixepoch substr`
}

export interface DialectWords {
  keywords: string[]
  functions: string[]
}

const cache = new Map<Dialect, DialectWords>()

export function dialectWords(dialect: Dialect): DialectWords {
  let words = cache.get(dialect)
  if (!words) {
    const split = (s: string): string[] => [...new Set(s.split(/\s+/).filter(Boolean))]
    words = { keywords: split(`${COMMON_KEYWORDS} ${DIALECT_KEYWORDS[dialect]}`), functions: split(`${COMMON_FUNCTIONS} ${DIALECT_FUNCTIONS[dialect]}`) }
    cache.set(dialect, words)
  }
  return words
}
