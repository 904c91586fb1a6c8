import { describe, expect, it } from 'vitest'
import type { SchemaNames } from '../../../../shared/contract/schema'
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
})
