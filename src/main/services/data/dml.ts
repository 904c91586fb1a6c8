import type { DataChange, DataValues } from '../../../shared/contract/data'
import type { EngineFacts } from '../../../shared/engines/types'
import { AppError } from '../../../shared/errors'
import { columnOf, qualifiedTable, type TableInfo } from './table-info'
import { literal } from './values'

function keyCondition(facts: EngineFacts, info: TableInfo, key: DataValues, index: number): string {
  if (!info.key) throw new AppError('INVALID_INPUT', info.structuralReason ?? `${info.table.name} has no row key`)
  const given = Object.keys(key)
  const extra = given.filter((c) => !info.key!.columns.includes(c))
  if (extra.length) throw new AppError('INVALID_INPUT', `Change ${index + 1}: ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not part of the row key (${info.key.columns.join(', ')})`)
  return info.key.columns
    .map((name) => {
      const value = key[name]
      if (value === undefined) throw new AppError('INVALID_INPUT', `Change ${index + 1}: the row key needs a value for ${name}`)
      if (value === null) throw new AppError('INVALID_INPUT', `Change ${index + 1}: the key column ${name} is NULL, so the row cannot be identified`)
      return `${facts.quoteIdentifier(name)} = ${literal(facts, value, columnOf(info, name))}`
    })
    .join(' AND ')
}

function assignable(info: TableInfo, values: DataValues, index: number): [string, DataValues[string]][] {
  const entries = Object.entries(values)
  if (!entries.length) throw new AppError('INVALID_INPUT', `Change ${index + 1}: no column to write`)
  for (const [name] of entries) {
    const column = columnOf(info, name)
    if (column.generated) throw new AppError('INVALID_INPUT', `Change ${index + 1}: ${name} is a generated column and cannot be written`)
  }
  return entries
}

/** One statement for one change, values as the engine's literals: what `data.preview` shows and `data.apply` runs. */
export function changeSql(facts: EngineFacts, info: TableInfo, change: DataChange, index: number): string {
  if (info.structuralReason) throw new AppError('INVALID_INPUT', info.structuralReason)
  const table = qualifiedTable(facts, info)
  switch (change.kind) {
    case 'update': {
      const set = assignable(info, change.set, index)
        .map(([name, value]) => `${facts.quoteIdentifier(name)} = ${literal(facts, value, columnOf(info, name))}`)
        .join(', ')
      return `UPDATE ${table} SET ${set} WHERE ${keyCondition(facts, info, change.key, index)}`
    }
    case 'insert': {
      const entries = assignable(info, change.values, index)
      return `INSERT INTO ${table} (${entries.map(([name]) => facts.quoteIdentifier(name)).join(', ')}) VALUES (${entries.map(([name, value]) => literal(facts, value, columnOf(info, name))).join(', ')})`
    }
    case 'delete':
      return `DELETE FROM ${table} WHERE ${keyCondition(facts, info, change.key, index)}`
  }
}
