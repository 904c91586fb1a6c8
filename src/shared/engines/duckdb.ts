import { postgreSplitterOptions } from 'dbgate-query-splitter'
import { doubleQuoted, standardString } from './postgres'
import type { EngineFacts } from './types'

// DuckDB's grammar is PostgreSQL's (its parser is a libpg_query fork): dbgate-query-splitter and node-sql-parser have
// no DuckDB preset, so both read it as PostgreSQL.
export const duckdbFacts = {
  dialect: 'duckdb',
  label: 'DuckDB',
  promptName: 'DuckDB',
  urlSchemes: ['duckdb'],
  fileBased: true,
  defaultPort: null,
  fileNamePattern: /\.(duckdb|ddb|parquet|csv|tsv|json|jsonl|ndjson)$/i,
  // data files open as a view over them (engines/duckdb/open-target.ts)
  fileExtensions: ['duckdb', 'ddb', 'parquet', 'csv', 'tsv', 'json', 'jsonl', 'ndjson'],
  quoteIdentifier: doubleQuoted,
  // unquoted names keep their case in DuckDB (matching is case-insensitive)
  plainIdentifier: /^[A-Za-z_][A-Za-z0-9_]*$/,
  reservedWords: `analyse describe lambda pivot pivot_longer pivot_wider qualify show summarize unpivot anti asof positional semi
struct map try_cast unpack glob columns`,
  stringLiteral: standardString,
  stringValue: standardString,
  booleanLiteral: (v) => (v ? 'TRUE' : 'FALSE'),
  binaryLiteral: (hex) => `'${hex.replace(/../g, '\\x$&')}'::BLOB`,
  limitSyntax: 'limit',
  supportsDelimiterCommand: false,
  splitter: postgreSplitterOptions,
  parserDialect: 'PostgresQL',
  formatterLanguage: () => 'duckdb',
  lexical: { hashComments: false, backslashEscapes: false, doubleQuotedStrings: false, bracketIdentifiers: false, dollarQuotes: true, executableComments: false },
  keywords: `LIMIT OFFSET RETURNING QUALIFY PIVOT UNPIVOT SUMMARIZE DESCRIBE SHOW ILIKE GLOB SIMILAR LATERAL ASOF POSITIONAL ANTI SEMI
EXCLUDE REPLACE COLUMNS SAMPLE USING SAMPLE FILTER WINDOW RECURSIVE CONFLICT DO NOTHING NULLS FIRST LAST SCHEMA SEQUENCE MACRO TYPE
ENUM STRUCT MAP LIST UNION ATTACH DETACH INSTALL LOAD COPY EXPORT IMPORT PRAGMA CHECKPOINT EXPLAIN ANALYZE`,
  functions: `read_csv read_csv_auto read_parquet read_json read_json_auto glob now current_date current_timestamp date_trunc date_part
date_diff strftime strptime epoch make_date age string_agg list_agg array_agg list_value list_transform list_filter unnest
struct_pack struct_extract map_extract json_extract json_extract_string to_json regexp_matches regexp_replace regexp_extract
split_part concat concat_ws left right lpad rpad md5 sha256 random gen_random_uuid uuid greatest least coalesce ifnull
generate_series range any_value arg_max arg_min approx_count_distinct median quantile_cont mode histogram`,
  sampleTextType: 'VARCHAR',
  qualifyDdl: true,
  schemaIsDatabase: false,
  beginTransactionSql: 'BEGIN TRANSACTION',
  // DuckDB refuses the writes itself: every read-only script runs in a READ ONLY transaction, and a file first opened
  // read-only is opened READ_ONLY without access to other files (see engines/duckdb/database-instances.ts)
  readOnlyEnforcement: 'server'
} as const satisfies EngineFacts
