import { describe, expect, it } from 'vitest'
import type { SchemaModel, TableModel } from '../../../shared/schema-model'
import { takeRows } from './fill-database'
import { buildJobs, type Pool } from './plan'
import { RowMaker } from './row-maker'

const node: TableModel = {
  schema: 'main',
  name: 'nodes',
  kind: 'table',
  columns: [
    { name: 'id', type: 'INTEGER', nullable: false },
    { name: 'parent_id', type: 'INTEGER', nullable: true },
    { name: 'code', type: 'CHAR(2)', nullable: false },
    { name: 'email', type: 'VARCHAR(12)', nullable: false },
    { name: 'label', type: 'VARCHAR(5)', nullable: true }
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [{ name: 'nodes_parent', columns: ['parent_id'], refSchema: 'main', refTable: 'nodes', refColumns: ['id'] }],
  indexes: [],
  constraints: [
    { name: 'u_code', kind: 'unique', columns: ['code'] },
    { name: 'u_email', kind: 'unique', columns: ['email'] }
  ],
  triggers: []
}
const model: SchemaModel = { dialect: 'sqlite', database: 'main', defaultSchema: 'main', schemas: ['main'], tables: [node], routines: [], sequences: [], enums: [], domains: [], fingerprint: 'x', introspectedAt: '' }

function make(rows: number, seed: number, batch = 50) {
  const { jobs } = buildJobs({ model, dialect: 'sqlite', tables: [{ name: 'nodes' }], rowsPerTable: rows, overrides: [], maxKeys: new Map([['main.nodes', 10n]]), external: new Map() })
  const maker = new RowMaker(jobs[0]!, seed, new Map<string, Pool>())
  const batches: (string | null)[][][] = []
  for (let b = takeRows(maker, batch); b.length; b = takeRows(maker, batch)) batches.push(b)
  return { batches, rows: batches.flat(), maker }
}

describe('RowMaker', () => {
  it('same seed, same rows, whatever the batch size; another seed, other rows', () => {
    expect(make(300, 7, 50).rows).toEqual(make(300, 7, 1000).rows)
    expect(make(300, 8).rows).not.toEqual(make(300, 7).rows)
  })

  it('keeps keys unique and values within their lengths, ids after the largest existing one', () => {
    const { rows } = make(500, 1)
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 500 }, (_, i) => String(11 + i)))
    expect(new Set(rows.map((r) => r[2])).size).toBe(500)
    expect(new Set(rows.map((r) => r[3])).size).toBe(500)
    for (const r of rows) {
      expect(r[2]!.length).toBeLessThanOrEqual(2)
      expect(r[3]!.length).toBeLessThanOrEqual(12)
      if (r[4] !== null) expect(r[4]!.length).toBeLessThanOrEqual(5)
    }
  })

  it('a self reference points at an earlier row in an earlier batch', () => {
    const { batches } = make(400, 3, 1000)
    const batchOf = new Map(batches.flatMap((b, i) => b.map((r) => [r[0], i] as const)))
    for (const r of batches.flat()) if (r[1] !== null) expect(batchOf.get(r[1])!).toBeLessThan(batchOf.get(r[0])!)
    expect(batches.flat().filter((r) => r[1] !== null).length).toBeGreaterThan(300)
  })

  it('stops where unique values run out and says why (CHAR(2): 1,296 codes)', () => {
    const { rows, maker } = make(1400, 1, 1000)
    expect(rows.length).toBe(1296)
    expect(maker.exhausted).toMatch(/unique values ran out/)
  })
})
