import { describe, expect, it } from 'vitest'
import type { DataColumn } from '../../../../shared/contract/data'
import { parseEdit } from './edit-values'
import { base64Bytes, emptyPending, rowKey, toChanges } from './pending'

const col = (kind: DataColumn['kind'], extra: Partial<DataColumn> = {}): DataColumn => ({ name: 'c', type: kind, kind, nullable: true, inKey: false, ...extra })

describe('parseEdit', () => {
  it('sends numbers that fit a double as numbers, exact ones as text', () => {
    expect(parseEdit(col('number'), ' 12.5 ')).toEqual({ value: 12.5 })
    expect(parseEdit(col('number'), 'abc')).toEqual({ error: 'abc is not a number' })
    expect(parseEdit(col('bigint'), '9007199254740993')).toEqual({ value: '9007199254740993' })
    expect(parseEdit(col('bigint'), '1.5')).toHaveProperty('error')
    expect(parseEdit(col('decimal'), '12.50')).toEqual({ value: '12.50' })
  })
  it('validates JSON, booleans, dates and enums', () => {
    expect(parseEdit(col('json'), '{"a":1}')).toEqual({ value: '{"a":1}' })
    expect(parseEdit(col('json'), '{"a":')).toHaveProperty('error')
    expect(parseEdit(col('boolean'), 'true')).toEqual({ value: true })
    expect(parseEdit(col('date'), '2024-01-02')).toEqual({ value: '2024-01-02' })
    expect(parseEdit(col('date'), 'tomorrow')).toHaveProperty('error')
    expect(parseEdit(col('text', { enumValues: ['a', 'b'] }), 'b')).toEqual({ value: 'b' })
    expect(parseEdit(col('text', { enumValues: ['a', 'b'] }), 'c')).toHaveProperty('error')
  })
})

describe('pending changes', () => {
  it('become updates, inserts and deletes, a deleted row not also updated', () => {
    const p = emptyPending()
    p.updates['[1]'] = { key: { id: 1 }, set: { name: 'x' } }
    p.updates['[2]'] = { key: { id: 2 }, set: { name: 'y' } }
    p.deletes['[2]'] = { id: 2 }
    p.inserts.push({ id: 'new-1', values: { name: 'z' } })
    const { changes, origins } = toChanges(p)
    expect(changes).toEqual([
      { kind: 'update', key: { id: 1 }, set: { name: 'x' } },
      { kind: 'insert', values: { name: 'z' } },
      { kind: 'delete', key: { id: 2 } }
    ])
    expect(origins.map((o) => o.row)).toEqual(['[1]', 'new-1', '[2]'])
  })
  it('keys a row by its key columns', () => {
    const columns = [col('number', { name: 'a' }), col('text', { name: 'b' })]
    expect(rowKey(columns, ['b', 'a'], [1, 'x'])).toEqual({ key: { b: 'x', a: 1 }, text: '["x",1]' })
    expect(rowKey(columns, [], [1, 'x'])).toBeNull()
  })
  it('counts the bytes of base64', () => {
    expect(base64Bytes(btoa('\x00\x01\x02\xff'))).toBe(4)
    expect(base64Bytes(btoa('abc'))).toBe(3)
    expect(base64Bytes(btoa('abcde'))).toBe(5)
  })
})
