import { describe, expect, it } from 'vitest'
import type { SchemaModel, TableModel } from '../../../../shared/schema-model'
import { alignModels, compareModels } from '../compare'
import { planMigration } from './plan'
import { migrationDialectFor } from './registry'

const table = (name: string, extra: Partial<TableModel> = {}): TableModel => ({
  schema: 'app',
  name,
  kind: 'table',
  columns: [{ name: 'id', type: 'integer', nullable: false }],
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  foreignKeys: [],
  indexes: [],
  constraints: [],
  triggers: [],
  ...extra
})

const model = (schema: string, parts: Partial<SchemaModel>): SchemaModel => {
  const rename = (t: TableModel): TableModel => ({ ...t, schema })
  return {
    dialect: 'postgres',
    database: 'db',
    defaultSchema: schema,
    schemas: [schema],
    routines: [],
    sequences: [],
    enums: [],
    domains: [],
    fingerprint: '',
    introspectedAt: '',
    ...parts,
    tables: (parts.tables ?? []).map(rename)
  }
}

function plan(left: SchemaModel, right: SchemaModel) {
  const pair = alignModels(left, right)
  return planMigration(pair, compareModels(pair).objects, migrationDialectFor('postgres')!)
}

describe('migration planner order', () => {
  it('drops a dependent view before altering its table and recreates it after; creates a referenced table before the key', () => {
    const left = model('app', {
      tables: [table('orders'), { ...table('recent'), kind: 'view', definition: 'SELECT id FROM orders', primaryKey: null }]
    })
    const right = model('other', {
      tables: [
        table('orders', { columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'customer_id', type: 'integer', nullable: true }], foreignKeys: [{ name: 'orders_customer_fk', columns: ['customer_id'], refSchema: 'other', refTable: 'customers', refColumns: ['id'] }] }),
        table('customers'),
        { ...table('recent'), kind: 'view', definition: 'SELECT id FROM orders', primaryKey: null }
      ]
    })
    const sql = plan(left, right).steps.map((s) => s.sql)
    const at = (re: RegExp) => sql.findIndex((s) => re.test(s))
    expect(at(/^DROP VIEW app\.recent/)).toBeLessThan(at(/ALTER COLUMN id TYPE bigint/))
    expect(at(/^CREATE TABLE app\.customers/)).toBeLessThan(at(/ADD CONSTRAINT orders_customer_fk FOREIGN KEY .* REFERENCES app\.customers/))
    expect(at(/^CREATE VIEW app\.recent/)).toBeGreaterThan(at(/ADD CONSTRAINT orders_customer_fk/))
  })

  it('says what it cannot do in place instead of guessing (an enum value removed)', () => {
    const left = model('app', { enums: [{ schema: 'app', name: 'mood', values: ['sad', 'ok', 'happy'] }] })
    const right = model('app', { enums: [{ schema: 'app', name: 'mood', values: ['sad', 'happy'] }] })
    const result = plan(left, right)
    expect(result.steps).toEqual([])
    expect(result.warnings.join('\n')).toMatch(/enum mood: this change \(values\) cannot be made in place/)
  })

  it('flags a dropped table and column with the count it will fill in', () => {
    const left = model('app', { tables: [table('a', { columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'note', type: 'text', nullable: true }] }), table('b')] })
    const right = model('app', { tables: [table('a')] })
    const risky = plan(left, right).steps.filter((s) => s.risk)
    expect(risky.map((s) => s.risk)).toEqual(['drops table b ({count})', 'drops column a.note ({count})'])
    expect(risky[1]!.count!.sql).toBe('SELECT count(*) FROM (SELECT 1 AS x FROM app.a WHERE note IS NOT NULL LIMIT 1000001) counted')
  })
})
