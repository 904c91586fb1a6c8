import { postgreSplitterOptions } from 'dbgate-query-splitter'
import type { EngineFacts } from './types'

export const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`
export const standardString = (value: string): string => `'${value.replace(/'/g, "''")}'`

export const postgresFacts = {
  dialect: 'postgres',
  label: 'PostgreSQL',
  promptName: 'PostgreSQL',
  urlSchemes: ['postgres', 'postgresql', 'pgsql'],
  fileBased: false,
  defaultPort: 5432,
  quoteIdentifier: doubleQuoted,
  plainIdentifier: /^[a-z_][a-z0-9_$]*$/,
  reservedWords: 'analyse concurrently',
  stringLiteral: standardString,
  stringValue: standardString,
  booleanLiteral: (v) => (v ? 'TRUE' : 'FALSE'),
  binaryLiteral: (hex) => `'\\x${hex}'::bytea`,
  limitSyntax: 'limit',
  supportsDelimiterCommand: false,
  splitter: postgreSplitterOptions,
  parserDialect: 'PostgresQL',
  formatterLanguage: () => 'postgresql',
  lexical: { hashComments: false, backslashEscapes: false, doubleQuotedStrings: false, bracketIdentifiers: false, dollarQuotes: true, executableComments: false },
  keywords: `LIMIT OFFSET RETURNING ILIKE SIMILAR LATERAL MATERIALIZED CONCURRENTLY SCHEMA SEQUENCE EXTENSION ANALYZE EXPLAIN
VACUUM FILTER WINDOW RECURSIVE CONFLICT DO NOTHING NULLS FIRST LAST FETCH NEXT ROWS ONLY TYPE DOMAIN COMMENT`,
  functions: `now current_date current_timestamp date_trunc extract age to_char to_date to_timestamp string_agg array_agg
jsonb_build_object json_build_object jsonb_agg json_agg generate_series greatest least concat concat_ws split_part
regexp_replace regexp_matches position strpos left right lpad rpad md5 random gen_random_uuid unnest array_length`,
  sampleTextType: 'TEXT',
  qualifyDdl: true,
  schemaIsDatabase: false,
  beginTransactionSql: 'BEGIN',
  readOnlyEnforcement: 'server',
  readOnlyRoleSql: ({ role, database }) => {
    const r = doubleQuoted(role)
    return `CREATE ROLE ${r} LOGIN PASSWORD 'change me';
ALTER ROLE ${r} SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE ${doubleQuoted(database)} TO ${r};
-- for each schema the role may read:
GRANT USAGE ON SCHEMA public TO ${r};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${r};
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${r};
-- functions are executable by PUBLIC by default; a function owned by another role still runs with the caller's rights`
  }
} as const satisfies EngineFacts
