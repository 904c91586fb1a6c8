import type { Dialect } from './cells'

/**
 * Identifier quoting per dialect, shared by DDL generation (main) and completion (renderer).
 * Quote only when needed: a name that would not survive unquoted (case folding, characters, reserved word).
 */

// Reserved words that cannot be used as a bare identifier in at least one common position. A superset across
// engines is deliberate: quoting a borderline word is harmless, leaving a reserved one bare breaks the statement.
const COMMON_RESERVED = `all alter analyze and any array as asc asymmetric authorization between binary both by case cast check collate
column constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp
current_user default deferrable delete desc distinct do drop else end except exists false fetch for foreign freeze from
full grant group having ilike in index initially inner insert intersect into is isnull join key lateral leading left like
limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references
returning right select session_user similar some symmetric table tablesample then to trailing true union unique update
user using values variadic verbose when where window with`

const EXTRA_RESERVED: Record<Dialect, string> = {
  postgres: 'analyse concurrently',
  mysql: `accessible add before bigint blob call cascade change char character condition continue convert cursor database
databases dec decimal declare delayed div double dual each elseif enclosed escaped exit explain float force fulltext
generated get high_priority hour_minute if ignore infile int integer interval iterate keys kill leave lines load lock long
loop low_priority match mod modifies numeric optimize option optionally out outfile partition precision procedure purge
range read reads real regexp release rename repeat replace require resignal restrict return revoke rlike schema schemas
separator set show signal smallint spatial specific sql sqlexception sqlstate sqlwarning ssl starting stored
straight_join terminated tinyint trigger undo unlock unsigned usage use utc_date utc_time utc_timestamp varchar varying
virtual while write xor year_month zerofill`,
  mssql: `add backup begin break browse bulk cascade checkpoint close clustered coalesce commit compute contains containstable
continue convert database dbcc deallocate declare deny disk distributed double dump errlvl escape exec execute exit external
file fillfactor freetext freetexttable function goto holdlock identity identity_insert identitycol if kill lineno load merge
national nocheck nonclustered nullif of off offsets open opendatasource openquery openrowset openxml option over percent
pivot plan precision print proc procedure public raiserror read readtext reconfigure replication restore restrict return
revert revoke rollback rowcount rowguidcol rule save schema securityaudit semantickeyphrasetable set setuser shutdown
statistics system_user textsize top tran transaction trigger truncate try_convert tsequal unpivot updatetext use view
waitfor while writetext`,
  sqlite: `abort action add after attach autoincrement before begin cascade commit conflict database deferred detach each
escape exclude exclusive explain fail filter first following generated glob if ignore immediate indexed instead
last match no nothing nulls of others over partition plan pragma preceding query raise range recursive regexp reindex
release rename replace restrict row rows savepoint temp temporary ties transaction trigger unbounded vacuum view virtual`
}

const reservedSets = new Map<Dialect, Set<string>>()

export function reservedWords(dialect: Dialect): Set<string> {
  let set = reservedSets.get(dialect)
  if (!set) {
    set = new Set(`${COMMON_RESERVED} ${EXTRA_RESERVED[dialect]}`.split(/\s+/).filter(Boolean))
    reservedSets.set(dialect, set)
  }
  return set
}

/** Always quoted: "name" (PostgreSQL, SQLite), `name` (MySQL), [name] (SQL Server). */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  switch (dialect) {
    case 'mysql':
      return `\`${name.replace(/`/g, '``')}\``
    case 'mssql':
      return `[${name.replace(/]/g, ']]')}]`
    default:
      return `"${name.replace(/"/g, '""')}"`
  }
}

export function needsQuoting(dialect: Dialect, name: string): boolean {
  // PostgreSQL folds unquoted names to lower case, so an upper-case letter needs quotes there.
  const plain = dialect === 'postgres' ? /^[a-z_][a-z0-9_$]*$/ : /^[A-Za-z_][A-Za-z0-9_$]*$/
  if (!plain.test(name)) return true
  return reservedWords(dialect).has(name.toLowerCase())
}

export function quoteIfNeeded(dialect: Dialect, name: string): string {
  return needsQuoting(dialect, name) ? quoteIdentifier(dialect, name) : name
}

/** schema.name, each part quoted if needed; the schema is left out when omitted or empty. */
export function qualifiedIdentifier(dialect: Dialect, name: string, schema?: string | null): string {
  const n = quoteIfNeeded(dialect, name)
  return schema ? `${quoteIfNeeded(dialect, schema)}.${n}` : n
}

/** A standard SQL string literal (MySQL also escapes backslashes; SQL Server uses N'' for Unicode). */
export function stringLiteral(dialect: Dialect, value: string): string {
  let s = value.replace(/'/g, "''")
  if (dialect === 'mysql') s = s.replace(/\\/g, '\\\\')
  return dialect === 'mssql' ? `N'${s}'` : `'${s}'`
}
