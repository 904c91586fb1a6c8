import { SchemaModel, type TableModel } from '../src/shared/schema-model'

/**
 * A deterministic synthetic schema: `tables` tables in `schemas` schemas, each with 6-20 columns, a primary key,
 * 0-3 foreign keys to earlier tables, a few indexes and comments on some. Shared by the docs benchmark and tests.
 * `hubs`: that many of the first tables are hubs (users, accounts…): about a third of the other tables also
 * reference one of them, as in real schemas where a few tables have a hundred neighbours or more.
 */
export function generateSchemaModel(tables = 1000, schemas = 4, opts: { hubs?: number } = {}): SchemaModel {
  let seed = 42
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const types = ['integer', 'bigint', 'text', 'character varying(100)', 'numeric(12,2)', 'boolean', 'timestamp with time zone', 'jsonb', 'date', 'uuid']
  const list: TableModel[] = []
  for (let i = 0; i < tables; i++) {
    const schema = `s${i % schemas}`
    const name = `table_${String(i).padStart(4, '0')}`
    const columns: TableModel['columns'] = [{ name: 'id', type: 'bigint', nullable: false, identity: true }]
    const foreignKeys: TableModel['foreignKeys'] = []
    const fkCount = i === 0 ? 0 : Math.floor(rand() * 4)
    for (let k = 0; k < fkCount; k++) {
      const target = list[Math.floor(rand() * list.length)]
      const colName = `${target.name}_id_${k}`
      columns.push({ name: colName, type: 'bigint', nullable: rand() < 0.3 })
      foreignKeys.push({ name: `${name}_fk_${k}`, columns: [colName], refSchema: target.schema, refTable: target.name, refColumns: ['id'], onDelete: pick(['CASCADE', 'NO ACTION']) })
    }
    if (opts.hubs && i >= opts.hubs && i % 3 === 0) {
      const hub = list[i % opts.hubs]
      columns.push({ name: `${hub.name}_ref`, type: 'bigint', nullable: false })
      foreignKeys.push({ name: `${name}_hub`, columns: [`${hub.name}_ref`], refSchema: hub.schema, refTable: hub.name, refColumns: ['id'] })
    }
    const extra = 5 + Math.floor(rand() * 15)
    for (let c = 0; c < extra; c++) {
      columns.push({ name: `col_${c}`, type: pick(types), nullable: rand() < 0.5, comment: rand() < 0.3 ? `Column ${c} of ${name}` : null, default: rand() < 0.1 ? '0' : null })
    }
    const indexes: TableModel['indexes'] = [{ name: `${name}_pkey`, columns: ['id'], unique: true, primary: true, method: 'btree' }]
    foreignKeys.forEach((fk, k) => {
      if (rand() < 0.6) indexes.push({ name: `${name}_fk_${k}_idx`, columns: fk.columns, unique: false, method: 'btree' })
    })
    list.push({
      schema,
      name,
      kind: 'table',
      comment: rand() < 0.5 ? `Synthetic table number ${i}` : null,
      columns,
      primaryKey: { name: `${name}_pkey`, columns: ['id'] },
      foreignKeys,
      indexes,
      constraints: [],
      triggers: []
    })
  }
  return SchemaModel.parse({
    dialect: 'postgres',
    database: 'bench',
    defaultSchema: 's0',
    schemas: Array.from({ length: schemas }, (_, i) => `s${i}`),
    tables: list,
    fingerprint: 'generated',
    introspectedAt: '2026-01-01T00:00:00.000Z'
  })
}
