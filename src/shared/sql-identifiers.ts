import type { Dialect } from './cells'
import { factsOf } from './engines'

/**
 * Identifier quoting per engine (the quote characters are each engine's facts), shared by DDL generation (main) and completion (renderer).
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

const reservedSets = new Map<Dialect, Set<string>>()

export function reservedWords(dialect: Dialect): Set<string> {
  let set = reservedSets.get(dialect)
  if (!set) {
    set = new Set(`${COMMON_RESERVED} ${factsOf(dialect).reservedWords}`.split(/\s+/).filter(Boolean))
    reservedSets.set(dialect, set)
  }
  return set
}

/** Always quoted: "name" (PostgreSQL, SQLite), `name` (MySQL), [name] (SQL Server). */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  return factsOf(dialect).quoteIdentifier(name)
}

export function needsQuoting(dialect: Dialect, name: string): boolean {
  if (!factsOf(dialect).plainIdentifier.test(name)) return true
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

/** A string literal the engine reads back as `value` (MySQL also escapes backslashes; SQL Server uses N''). */
export function stringLiteral(dialect: Dialect, value: string): string {
  return factsOf(dialect).stringLiteral(value)
}
