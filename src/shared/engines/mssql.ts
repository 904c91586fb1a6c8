import { mssqlSplitterOptions } from 'dbgate-query-splitter'
import type { EngineFacts } from './types'

const bracketed = (name: string): string => `[${name.replace(/]/g, ']]')}]`

const nString = (value: string): string => `N'${value.replace(/'/g, "''")}'`

export const mssqlFacts = {
  dialect: 'mssql',
  label: 'SQL Server',
  promptName: 'Microsoft SQL Server (T-SQL)',
  urlSchemes: ['mssql', 'sqlserver'],
  fileBased: false,
  defaultPort: 1433,
  urlEncryptVerifiesCertificate: true,
  quoteIdentifier: bracketed,
  plainIdentifier: /^[A-Za-z_][A-Za-z0-9_$]*$/,
  reservedWords: `add backup begin break browse bulk cascade checkpoint close clustered coalesce commit compute contains containstable
continue convert database dbcc deallocate declare deny disk distributed double dump errlvl escape exec execute exit external
file fillfactor freetext freetexttable function goto holdlock identity identity_insert identitycol if kill lineno load merge
national nocheck nonclustered nullif of off offsets open opendatasource openquery openrowset openxml option over percent
pivot plan precision print proc procedure public raiserror read readtext reconfigure replication restore restrict return
revert revoke rollback rowcount rowguidcol rule save schema securityaudit semantickeyphrasetable set setuser shutdown
statistics system_user textsize top tran transaction trigger truncate try_convert tsequal unpivot updatetext use view
waitfor while writetext`,
  stringLiteral: nString,
  stringValue: nString,
  booleanLiteral: (v) => (v ? '1' : '0'),
  binaryLiteral: (hex) => `0x${hex}`,
  limitSyntax: 'top',
  batchSeparator: 'GO',
  supportsDelimiterCommand: false,
  splitter: mssqlSplitterOptions,
  parserDialect: 'TransactSQL',
  formatterLanguage: () => 'transactsql',
  lexical: { hashComments: false, backslashEscapes: false, doubleQuotedStrings: false, bracketIdentifiers: true, dollarQuotes: false, executableComments: false },
  keywords: `TOP OFFSET FETCH NEXT ROWS ONLY OUTPUT MERGE APPLY PIVOT UNPIVOT NOLOCK EXEC EXECUTE PROCEDURE FUNCTION TRIGGER GO
DECLARE IDENTITY NVARCHAR`,
  functions: `getdate sysdatetime dateadd datediff datepart format convert isnull iif string_agg concat concat_ws len
charindex left right newid json_value json_query stuff try_cast try_convert year month day`,
  sampleTextType: 'NVARCHAR(200)',
  qualifyDdl: true,
  schemaIsDatabase: false,
  beginTransactionSql: 'BEGIN TRANSACTION',
  readOnlyEnforcement: 'guarded',
  readOnlyRoleSql: ({ role, database }) => `CREATE LOGIN ${bracketed(role)} WITH PASSWORD = 'change me';
USE ${bracketed(database)};
CREATE USER ${bracketed(role)} FOR LOGIN ${bracketed(role)};
ALTER ROLE db_datareader ADD MEMBER ${bracketed(role)};
DENY EXECUTE TO ${bracketed(role)};`
} as const satisfies EngineFacts
