import type { DataFilter, DataOrder, DataValue } from '../../../shared/contract/data'
import type { EngineFacts } from '../../../shared/engines/types'
import { AppError } from '../../../shared/errors'
import { tokenizeSql } from '../../../shared/sql-tokens'
import { columnOf, qualifiedTable, type TableInfo } from './table-info'
import { literal } from './values'

export interface Selection {
  where?: string
  filters?: DataFilter[]
}

/**
 * The user's WHERE text must stay one condition inside the parentheses it is put in: no `)` closing them, no `;`,
 * no unterminated string or block comment. The statement analyser then judges the whole SELECT; this only gives a
 * clearer message for the common mistakes (and is not what keeps writes out).
 */
export function checkWhereText(facts: EngineFacts, where: string): void {
  const tokens = tokenizeSql(where, facts.lexical)
  // a block comment (or MySQL executable comment) opened between tokens and never closed swallows the rest
  const unclosedComment = (from: number, to: number): boolean => {
    // line comments between tokens may mention `/*` harmlessly
    const gap = where.slice(from, to).replace(facts.lexical.hashComments ? /(--|#)[^\n]*/g : /--[^\n]*/g, (c) => ' '.repeat(c.length))
    const open = gap.indexOf('/*')
    return open >= 0 && where.indexOf('*/', from + open + 2) < 0
  }
  let depth = 0
  let last = 0
  for (const t of [...tokens, { start: where.length, end: where.length, text: '', open: false }]) {
    if (unclosedComment(last, t.start)) throw new AppError('INVALID_INPUT', 'The WHERE condition has a /* comment without its closing */')
    last = t.end
    if (t.open) throw new AppError('INVALID_INPUT', 'The WHERE condition has a string or quoted name without its closing quote')
    if (t.text === ';') throw new AppError('INVALID_INPUT', 'The WHERE condition must be one condition: a `;` would start another statement')
    if (t.text === '(') depth++
    if (t.text === ')' && --depth < 0) throw new AppError('INVALID_INPUT', 'The WHERE condition closes a parenthesis it did not open')
  }
  if (depth > 0) throw new AppError('INVALID_INPUT', 'The WHERE condition opens a parenthesis it does not close')
}

function filterSql(facts: EngineFacts, info: TableInfo, f: DataFilter): string {
  const column = columnOf(info, f.column)
  const name = facts.quoteIdentifier(column.name)
  const value = (v: DataValue | undefined): string => {
    if (v === undefined) throw new AppError('INVALID_INPUT', `The filter on ${column.name} (${f.op}) needs a value`)
    return literal(facts, v, column)
  }
  switch (f.op) {
    case 'is null':
      return `${name} IS NULL`
    case 'is not null':
      return `${name} IS NOT NULL`
    case 'in': {
      const list = Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value]
      if (!list.length) throw new AppError('INVALID_INPUT', `The filter on ${column.name} (in) needs at least one value`)
      return `${name} IN (${list.map((v) => literal(facts, v, column)).join(', ')})`
    }
    case 'like':
    case 'not like': {
      if (Array.isArray(f.value)) throw new AppError('INVALID_INPUT', `The filter on ${column.name} (${f.op}) takes one value`)
      // compared as text: a number or date column is cast first (PostgreSQL has no LIKE on integers)
      const subject = column.kind === 'text' ? name : `CAST(${name} AS ${facts.sampleTextType})`
      if (f.value === undefined || f.value === null) throw new AppError('INVALID_INPUT', `The filter on ${column.name} (${f.op}) needs a pattern`)
      // the pattern is text whatever the column's type
      const pattern = typeof f.value === 'object' ? f.value : String(f.value)
      return `${subject} ${f.op.toUpperCase()} ${literal(facts, pattern, { name: column.name, kind: 'text' })}`
    }
    default:
      if (Array.isArray(f.value)) throw new AppError('INVALID_INPUT', `The filter on ${column.name} (${f.op}) takes one value`)
      if (f.value === null) throw new AppError('INVALID_INPUT', `The filter on ${column.name} compares with NULL: use "is null" or "is not null"`)
      return `${name} ${f.op} ${value(f.value)}`
  }
}

/** ` WHERE …` (with a leading space) or '' : per-column filters and the user's text, joined with AND. */
export function whereClause(facts: EngineFacts, info: TableInfo, selection: Selection): string {
  const parts = (selection.filters ?? []).map((f) => filterSql(facts, info, f))
  const text = selection.where?.trim()
  if (text) {
    checkWhereText(facts, text)
    // on lines of their own, so that a trailing `--` comment ends before the closing parenthesis
    parts.push(`(\n${text}\n)`)
  }
  return parts.length ? ` WHERE ${parts.join(' AND ')}` : ''
}

function orderClause(facts: EngineFacts, info: TableInfo, orderBy: DataOrder[] | undefined): string {
  const order = orderBy?.length ? orderBy : (info.key?.columns ?? []).map((column) => ({ column, direction: 'asc' as const }))
  if (!order.length) return ''
  return ` ORDER BY ${order.map((o) => `${facts.quoteIdentifier(columnOf(info, o.column).name)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`
}

/**
 * One page of the table: every column in the table's order, the filter, the order (the row key when none is given,
 * so pages do not overlap), `limit` rows after `offset`. Engines with `TOP` take OFFSET … FETCH, which needs an
 * ORDER BY (an unordered table gets `ORDER BY (SELECT NULL)`).
 */
export function selectPage(facts: EngineFacts, info: TableInfo, selection: Selection & { orderBy?: DataOrder[]; offset: number; limit: number }): string {
  const columns = info.columns.map((c) => facts.quoteIdentifier(c.name)).join(', ')
  const base = `SELECT ${columns} FROM ${qualifiedTable(facts, info)}${whereClause(facts, info, selection)}`
  const order = orderClause(facts, info, selection.orderBy)
  if (facts.limitSyntax === 'top') {
    return `${base}${order || ' ORDER BY (SELECT NULL)'} OFFSET ${selection.offset} ROWS FETCH NEXT ${selection.limit} ROWS ONLY`
  }
  return `${base}${order} LIMIT ${selection.limit}${selection.offset ? ` OFFSET ${selection.offset}` : ''}`
}

export function selectCount(facts: EngineFacts, info: TableInfo, selection: Selection): string {
  return `SELECT COUNT(*) FROM ${qualifiedTable(facts, info)}${whereClause(facts, info, selection)}`
}

/** No rows, only the columns: what the driver reports for them (kinds) and a check that the table is there. */
export function selectNothing(facts: EngineFacts, table: { schema: string; name: string }, inDefaultSchema: boolean): string {
  return `SELECT * FROM ${qualifiedTable(facts, { table, inDefaultSchema })} WHERE 1 = 0`
}
