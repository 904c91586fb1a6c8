import { sqliteSplitterOptions } from 'dbgate-query-splitter'
import { doubleQuoted, standardString } from './postgres'
import type { EngineFacts } from './types'

export const sqliteFacts = {
  dialect: 'sqlite',
  label: 'SQLite',
  promptName: 'SQLite',
  urlSchemes: ['sqlite', 'sqlite3'],
  fileBased: true,
  defaultPort: null,
  fileNamePattern: /\.(db|sqlite3?|db3)$/i,
  fileExtensions: ['sqlite', 'sqlite3', 'db', 'db3', 's3db'],
  quoteIdentifier: doubleQuoted,
  plainIdentifier: /^[A-Za-z_][A-Za-z0-9_$]*$/,
  reservedWords: `abort action add after attach autoincrement before begin cascade commit conflict database deferred detach each
escape exclude exclusive explain fail filter first following generated glob if ignore immediate indexed instead
last match no nothing nulls of others over partition plan pragma preceding query raise range recursive regexp reindex
release rename replace restrict row rows savepoint temp temporary ties transaction trigger unbounded vacuum view virtual`,
  stringLiteral: standardString,
  stringValue: standardString,
  booleanLiteral: (v) => (v ? '1' : '0'),
  binaryLiteral: (hex) => `X'${hex}'`,
  limitSyntax: 'limit',
  supportsDelimiterCommand: false,
  splitter: sqliteSplitterOptions,
  parserDialect: 'Sqlite',
  formatterLanguage: () => 'sqlite',
  lexical: { hashComments: false, backslashEscapes: false, doubleQuotedStrings: false, bracketIdentifiers: true, dollarQuotes: false, executableComments: false },
  keywords: `LIMIT OFFSET PRAGMA VACUUM ATTACH DETACH GLOB AUTOINCREMENT WITHOUT ROWID REPLACE CONFLICT IGNORE ABORT EXPLAIN
QUERY PLAN RETURNING`,
  functions: `date time datetime julianday strftime ifnull iif group_concat instr printf json_extract json_object json_group_array
random total typeof unixepoch substr`,
  sampleTextType: 'TEXT',
  qualifyDdl: false,
  schemaIsDatabase: false,
  beginTransactionSql: 'BEGIN',
  readOnlyEnforcement: 'server'
} as const satisfies EngineFacts
