import type { EngineFacts } from '../../../shared/engines/types'
import type { DataValue } from '../../../shared/contract/data'
import { AppError } from '../../../shared/errors'

/** What a value is written into or compared with: enough of the column to pick the literal. */
export interface ValueTarget {
  name: string
  kind: string
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/
/** A plain decimal number as text (how drivers hand over 64-bit integers and exact decimals). */
const NUMERIC_TEXT = /^-?\d{1,1000}(\.\d{1,1000})?$/
const NUMERIC_KINDS = new Set(['number', 'bigint', 'decimal'])
const HEX_CELL = /^\\x([0-9a-fA-F]*)$/

/**
 * A value as a SQL literal of the engine (its facts write strings, booleans and binary): the server casts text to the
 * column's type where it is assigned or compared (a date, an exact decimal, JSON, an enum label). Numbers must be
 * finite; binary comes as base64, or as the `\x…` hex a binary cell reads as.
 */
export function literal(facts: EngineFacts, value: DataValue, target: ValueTarget): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return facts.booleanLiteral(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('INVALID_INPUT', `Column ${target.name}: ${value} is not a number the database can store`)
    return String(value)
  }
  if (typeof value === 'string') {
    // into or against a numeric column, a number as text is written as a number literal: exact in every engine, where a
    // quoted one may be compared as a double (MariaDB/MySQL compare a BIGINT column with a string that way)
    if (NUMERIC_KINDS.has(target.kind) && NUMERIC_TEXT.test(value)) return value
    const hex = target.kind === 'binary' ? HEX_CELL.exec(value) : null
    if (hex && hex[1]!.length % 2 === 0) return facts.binaryLiteral(hex[1]!.toLowerCase())
    return facts.stringValue(value)
  }
  if (!BASE64.test(value.base64)) throw new AppError('INVALID_INPUT', `Column ${target.name}: the binary value is not base64`)
  return facts.binaryLiteral(Buffer.from(value.base64, 'base64').toString('hex'))
}
