import type { ColumnMeta } from '../../../../shared/cells'
import type { FilterSpec, SortSpec } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { z } from 'zod'

type Sort = z.infer<typeof SortSpec>
type Filter = z.infer<typeof FilterSpec>

const numericKinds = new Set(['number', 'bigint', 'decimal'])

/** SQL over the spill table `r` (columns c0..cN, rowid = row index + 1) for the grid's sort and filter. */
export function orderBySql(sort: Sort[] | undefined, columns: ColumnMeta[]): string {
  const terms = (sort ?? []).map((s) => `${sortExpr(s.column, columns)} ${s.direction === 'desc' ? 'desc' : 'asc'}`)
  return `order by ${[...terms, 'rowid'].join(', ')}`
}

export function whereSql(filter: Filter[] | undefined, columns: ColumnMeta[]): { sql: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  for (const f of filter ?? []) {
    const kind = columnAt(f.column, columns).kind
    const c = `c${f.column}`
    const text = `cast(${c} as text)`
    const value = f.value ?? ''
    const numeric = numericKinds.has(kind) && value.trim() !== '' && Number.isFinite(Number(value))
    switch (f.op) {
      case 'isNull':
        parts.push(`${c} is null`)
        break
      case 'notNull':
        parts.push(`${c} is not null`)
        break
      case 'contains':
        parts.push(`instr(lower(${text}), lower(?)) > 0`)
        params.push(value)
        break
      case 'startsWith':
        parts.push(`substr(lower(${text}), 1, length(?)) = lower(?)`)
        params.push(value, value)
        break
      case 'equals':
      case 'notEquals': {
        const op = f.op === 'equals' ? '=' : '<>'
        if (kind === 'boolean') {
          parts.push(`${c} ${op} ?`)
          params.push(/^(true|t|1|yes)$/i.test(value.trim()) ? 1 : 0)
        } else if (numeric) {
          parts.push(`cast(${c} as real) ${op} ?`)
          params.push(Number(value))
        } else {
          parts.push(`${text} ${op} ?`)
          params.push(value)
        }
        if (f.op === 'notEquals') parts[parts.length - 1] = `(${parts[parts.length - 1]} or ${c} is null)`
        break
      }
      case 'gt':
      case 'lt': {
        const op = f.op === 'gt' ? '>' : '<'
        if (numeric) {
          parts.push(`cast(${c} as real) ${op} ?`)
          params.push(Number(value))
        } else {
          parts.push(`${text} ${op} ?`)
          params.push(value)
        }
        break
      }
    }
  }
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params }
}

function columnAt(index: number, columns: ColumnMeta[]): ColumnMeta {
  const col = columns[index]
  if (!col) throw new AppError('INVALID_INPUT', `The result has no column ${index + 1}.`)
  return col
}

function sortExpr(index: number, columns: ColumnMeta[]): string {
  const kind = columnAt(index, columns).kind
  // 64-bit integers and decimals travel as strings: sort them by value, not by text.
  return numericKinds.has(kind) ? `cast(c${index} as real)` : `c${index}`
}

/** A stable key for caching one sorted/filtered view. */
export function viewKey(sort: Sort[] | undefined, filter: Filter[] | undefined): string {
  return JSON.stringify([sort ?? [], filter ?? []])
}
