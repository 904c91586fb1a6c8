import { describe, expect, it } from 'vitest'
import type { TableModel } from '../../../shared/schema-model'
import { fillOrder } from './order'

const table = (name: string, fks: [string, string, boolean][]): TableModel => ({
  schema: 's',
  name,
  kind: 'table',
  columns: [{ name: 'id', type: 'int', nullable: false }, ...fks.map(([col, , nullable]) => ({ name: col, type: 'int', nullable }))],
  primaryKey: { columns: ['id'] },
  foreignKeys: fks.map(([col, ref]) => ({ name: `${name}_${col}_fk`, columns: [col], refSchema: 's', refTable: ref, refColumns: ['id'] })),
  indexes: [],
  constraints: [],
  triggers: []
})

describe('fillOrder', () => {
  it('puts parents first and keeps a self reference in place (rows point at earlier rows)', () => {
    const r = fillOrder([table('c', [['b_id', 'b', false]]), table('b', [['a_id', 'a', false]]), table('a', [['parent_id', 'a', true]])])
    expect(r.order).toEqual(['s.a', 's.b', 's.c'])
    expect(r.deferred).toEqual([])
  })

  it('breaks a cycle at its nullable key only, not at a table merely waiting on the cycle', () => {
    const r = fillOrder([table('dept', [['manager_id', 'emp', true]]), table('emp', [['dept_id', 'dept', false]]), table('cust', [['rep_id', 'emp', true]])])
    expect(r.deferred).toEqual([{ table: 's.dept', fk: 'dept_manager_id_fk' }])
    expect(r.order).toEqual(['s.dept', 's.emp', 's.cust'])
  })

  it('names the tables of a cycle with no nullable key as impossible', () => {
    const r = fillOrder([table('x', [['y_id', 'y', false]]), table('y', [['x_id', 'x', false]]), table('z', [])])
    expect(r.order).toEqual(['s.z'])
    expect([...r.impossible.keys()].sort()).toEqual(['s.x', 's.y'])
    expect(r.impossible.get('s.x')).toMatch(/no nullable key/)
  })
})
