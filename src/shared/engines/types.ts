import type { SplitterOptions } from 'dbgate-query-splitter'
import type { SqlLanguage } from 'sql-formatter'
import type { Dialect } from '../cells'

/**
 * What one engine's SQL and connections look like: pure data and pure functions, usable in the renderer and
 * in main without loading any driver. Code outside the engine folders asks these facts, never `dialect === …`.
 */
export interface EngineFacts {
  readonly dialect: Dialect
  /** Shown in the UI: "PostgreSQL". */
  readonly label: string
  /** How prompts name the SQL dialect: "Microsoft SQL Server (T-SQL)". */
  readonly promptName: string
  /** URL schemes a pasted connection URL may use for this engine (lower case). */
  readonly urlSchemes: readonly string[]
  /** File-based engines (SQLite, DuckDB) open a path; the others connect to host:port. */
  readonly fileBased: boolean
  /** The server's usual port; null for file-based engines. */
  readonly defaultPort: number | null
  /** File names a pasted path is recognised by (file-based engines only). */
  readonly fileNamePattern?: RegExp
  /** Extensions the file picker offers, without the dot (file-based engines only). */
  readonly fileExtensions?: readonly string[]
  /**
   * A URL's connect timeout above this many is milliseconds, at or below it seconds (MySQL drivers take
   * milliseconds, most URLs seconds). Absent: always seconds.
   */
  readonly urlTimeoutMsAbove?: number
  /** A URL's `encrypt=` other than true (e.g. `strict`) asks for a verified certificate unless trustServerCertificate is true (SQL Server). */
  readonly urlEncryptVerifiesCertificate?: boolean
  /** Always quoted: "name", `name` or [name]. */
  quoteIdentifier(name: string): string
  /** An unquoted name that survives as written (PostgreSQL folds case, so only lower case there). */
  readonly plainIdentifier: RegExp
  /** Reserved words beyond the common set (space separated, lower case). */
  readonly reservedWords: string
  /** A string literal that the engine reads back as `value`. */
  stringLiteral(value: string): string
  /**
   * A string as a value inside an expression (INSERT values, comparisons), read the same under every session mode the
   * user may have set (data edits and imports write with this).
   */
  stringValue(value: string): string
  booleanLiteral(value: boolean): string
  /** A binary literal from lowercase hex digits. */
  binaryLiteral(hex: string): string
  /** `SELECT ... LIMIT n` or `SELECT TOP n ...`. */
  readonly limitSyntax: 'limit' | 'top'
  /** A batch separator a script may use besides `;` (SQL Server's GO). */
  readonly batchSeparator?: string
  readonly supportsDelimiterCommand: boolean
  /** dbgate-query-splitter's options for this engine: how scripts split into statements. */
  readonly splitter: SplitterOptions
  /** node-sql-parser's `database` option for this engine. */
  readonly parserDialect: string
  /** sql-formatter's `language` (Format SQL); `serverVersion` is what the connected server reports, when known (MariaDB vs MySQL). */
  formatterLanguage(serverVersion?: string): SqlLanguage
  /** How the engine's text is lexed: one lexer reads every engine with these switches. */
  readonly lexical: {
    /** `# comment` to end of line (MySQL). */
    readonly hashComments: boolean
    /** `\'` escapes inside strings (MySQL). */
    readonly backslashEscapes: boolean
    /** "…" is a string, not an identifier (MySQL by default). */
    readonly doubleQuotedStrings: boolean
    /** [name] is an identifier (SQL Server, SQLite). */
    readonly bracketIdentifiers: boolean
    /** $$…$$ and $tag$…$tag$ strings (PostgreSQL, DuckDB). */
    readonly dollarQuotes: boolean
    /** /*! … *\/ and /*M! … *\/ are code the server runs (MySQL/MariaDB). */
    readonly executableComments: boolean
  }
  /** Completion words beyond the common ones (space separated). */
  readonly keywords: string
  readonly functions: string
  /** A text type wide enough to sample values: CAST(x AS <type>). */
  readonly sampleTextType: string
  /** DDL names objects schema-qualified (false where there is one schema per file). */
  readonly qualifyDdl: boolean
  /** Schemas are databases (MySQL): completion inserts bare names. */
  readonly schemaIsDatabase: boolean
  /** Opens an explicit transaction (what a tab in manual-commit mode runs before its first statement). */
  readonly beginTransactionSql: string
  /**
   * 'server': the session itself refuses writes in read-only mode, and the statement analyser refuses what slips
   * past it. 'guarded': the engine cannot, so only the analyser and a rolled-back transaction stand guard.
   */
  readonly readOnlyEnforcement: 'server' | 'guarded'
  /**
   * SQL an administrator runs to create a login that can only read: what makes read-only absolute (the app shows
   * it beside the Read-only box). Absent where opening the file read-only already is absolute.
   */
  readOnlyRoleSql?(names: { role: string; database: string }): string
}
