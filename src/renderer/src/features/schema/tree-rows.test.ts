import { describe, expect, it } from 'vitest'
import type { SchemaNames } from '../../../../shared/contract/schema'
import type { SchemaModel } from '../../../../shared/schema-model'
import { tableKey, treeRows } from './tree-rows'

const names: SchemaNames = {
  database: 'big',
  defaultSchema: 'public',
  schemas: ['public', 'sales'],
  tables: Array.from({ length: 10_000 }, (_, i) => ({ schema: i % 2 ? 'sales' : 'public', name: `table_${String(i).padStart(5, '0')}`, kind: 'table' as const })),
  fromCache: false
}

describe('explorer rows', () => {
  it('opens only the default schema and lists names before details arrive', () => {
    const rows = treeRows(names, undefined, new Set([tableKey('public', 'table_00000')]), '')
    expect(rows[0]).toMatchObject({ kind: 'schema', schema: 'public', open: true, count: 5000 })
    expect(rows[1]).toMatchObject({ kind: 'table', name: 'table_00000', open: true })
    expect(rows[2]).toMatchObject({ kind: 'info', text: 'Loading columns…' })
    expect(rows.at(-1)).toMatchObject({ kind: 'schema', schema: 'sales', open: false })
    expect(rows.length).toBe(5000 + 3)
  })

  it('filters 10,000 names and opens every schema with a match', () => {
    const rows = treeRows(names, undefined, new Set(), '0999')
    expect(rows.map((r) => (r.kind === 'table' ? r.name : r.kind === 'schema' ? `[${r.schema}]` : r.kind))).toEqual([
      '[public]', 'table_09990', 'table_09992', 'table_09994', 'table_09996', 'table_09998',
      '[sales]', 'table_00999', 'table_09991', 'table_09993', 'table_09995', 'table_09997', 'table_09999'
    ])
  })

  it('lists routines, sequences and types in closed groups that a filter opens', () => {
    const model: SchemaModel = {
      dialect: 'postgres', database: 'shop', defaultSchema: 'public', schemas: ['public'], fingerprint: 'f', introspectedAt: '2026-01-01T00:00:00Z',
      tables: [{ schema: 'public', name: 'orders', kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] }],
      routines: [{ schema: 'public', name: 'order_total', kind: 'function', signature: 'order_total(p integer)', returns: 'numeric' }],
      sequences: [{ schema: 'public', name: 'invoice_seq', dataType: 'bigint' }],
      enums: [{ schema: 'public', name: 'status', values: ['new', 'paid'] }],
      domains: []
    }
    const small: SchemaNames = { database: 'shop', defaultSchema: 'public', schemas: ['public'], tables: [{ schema: 'public', name: 'orders', kind: 'table' }], fromCache: true }
    const closed = treeRows(small, model, new Set(), '')
    expect(closed.map((r) => (r.kind === 'group' ? `${r.label}:${r.count}:${r.open}` : r.kind))).toEqual(['table', 'Functions & procedures:1:false', 'Sequences:1:false', 'Types:1:false'])
    const filtered = treeRows(small, model, new Set(), 'total')
    expect(filtered.map((r) => (r.kind === 'info' ? r.text : r.kind))).toEqual(['group', 'FUNCTION order_total(p integer) → numeric'])
  })
})
