import { mysqlSplitterOptions } from 'dbgate-query-splitter'
import type { EngineFacts } from './types'

const backticked = (name: string): string => `\`${name.replace(/`/g, '``')}\``
const utf8Hex = (value: string): string => Array.from(new TextEncoder().encode(value), (b) => b.toString(16).padStart(2, '0')).join('')
const quotedString = (value: string): string => `'${value.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`

export const mysqlFacts = {
  dialect: 'mysql',
  label: 'MySQL / MariaDB',
  promptName: 'MySQL / MariaDB',
  urlSchemes: ['mysql', 'mariadb'],
  fileBased: false,
  defaultPort: 3306,
  urlTimeoutMsAbove: 1000,
  quoteIdentifier: backticked,
  plainIdentifier: /^[A-Za-z_][A-Za-z0-9_$]*$/,
  reservedWords: `accessible add before bigint blob call cascade change char character condition continue convert cursor database
databases dec decimal declare delayed div double dual each elseif enclosed escaped exit explain float force fulltext
generated get high_priority hour_minute if ignore infile int integer interval iterate keys kill leave lines load lock long
loop low_priority match mod modifies numeric optimize option optionally out outfile partition precision procedure purge
range read reads real regexp release rename repeat replace require resignal restrict return revoke rlike schema schemas
separator set show signal smallint spatial specific sql sqlexception sqlstate sqlwarning ssl starting stored
straight_join terminated tinyint trigger undo unlock unsigned usage use utc_date utc_time utc_timestamp varchar varying
virtual while write xor year_month zerofill`,
  stringLiteral: quotedString,
  // sql_mode decides whether `\` escapes (NO_BACKSLASH_ESCAPES): a string holding one goes as its UTF-8 bytes
  stringValue: (value) => (value.includes('\\') ? `CONVERT(X'${utf8Hex(value)}' USING utf8mb4)` : quotedString(value)),
  booleanLiteral: (v) => (v ? 'TRUE' : 'FALSE'),
  binaryLiteral: (hex) => `X'${hex}'`,
  limitSyntax: 'limit',
  supportsDelimiterCommand: true,
  splitter: mysqlSplitterOptions,
  parserDialect: 'MariaDB',
  formatterLanguage: (serverVersion) => (serverVersion && /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql'),
  lexical: { hashComments: true, backslashEscapes: true, doubleQuotedStrings: true, bracketIdentifiers: false, dollarQuotes: false, executableComments: true },
  keywords: `LIMIT OFFSET AUTO_INCREMENT ENGINE SHOW DATABASES TABLES DESCRIBE EXPLAIN REPLACE IGNORE DUPLICATE STRAIGHT_JOIN
REGEXP RLIKE DATABASE USE PROCEDURE FUNCTION TRIGGER DELIMITER`,
  functions: `now curdate curtime date_format date_add date_sub datediff timestampdiff str_to_date group_concat concat concat_ws
ifnull if greatest least json_extract json_object json_arrayagg left right lpad rpad md5 rand uuid year month day`,
  sampleTextType: 'CHAR(200)',
  qualifyDdl: true,
  schemaIsDatabase: true,
  beginTransactionSql: 'START TRANSACTION',
  readOnlyEnforcement: 'server',
  readOnlyRoleSql: ({ role, database }) => `CREATE USER ${quotedString(role)}@'%' IDENTIFIED BY 'change me';
GRANT SELECT, SHOW VIEW ON ${backticked(database)}.* TO ${quotedString(role)}@'%';
-- no EXECUTE: stored procedures and functions (which can write) stay out of reach`
} as const satisfies EngineFacts
