import { SchemaModel, type TableModel } from '../src/shared/schema-model'

/**
 * A deterministic synthetic schema: `tables` tables in `schemas` schemas, each with 6-20 columns, a primary key,
 * 0-3 foreign keys to earlier tables, a few indexes and comments on some. Shared by the docs benchmark and tests.
 * `hubs`: that many of the first tables are hubs (users, accounts…): about a third of the other tables also
 * reference one of them, as in real schemas where a few tables have a hundred neighbours or more.
 * `objects`: every 50th table is partitioned by range into 4 monthly partitions (tables of their own, as PostgreSQL
 * lists them), every 10th table has an audit trigger, and each schema gets routines (one per 20 tables), sequences,
 * enums and domains: what a real schema carries besides tables.
 */
export function generateSchemaModel(tables = 1000, schemas = 4, opts: { hubs?: number; objects?: boolean } = {}): SchemaModel {
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
    const partitioned = opts.objects && i % 50 === 49
    const partitions = partitioned ? ['01', '02', '03', '04'].map((m) => `${name}_2026_${m}`) : []
    if (partitioned) columns.push({ name: 'happened_on', type: 'date', nullable: false })
    list.push({
      schema,
      name,
      kind: 'table',
      comment: rand() < 0.5 ? `Synthetic table number ${i}` : null,
      columns,
      primaryKey: { name: `${name}_pkey`, columns: partitioned ? ['id', 'happened_on'] : ['id'] },
      foreignKeys,
      indexes,
      constraints: [],
      triggers:
        opts.objects && i % 10 === 0
          ? [{ name: `${name}_audit`, timing: 'AFTER', events: ['INSERT', 'UPDATE'], function: `${schema}.audit_row()`, definition: `CREATE TRIGGER ${name}_audit AFTER INSERT OR UPDATE ON ${schema}.${name} FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_row()` }]
          : [],
      ...(partitioned && { partitioning: { strategy: 'RANGE', key: 'happened_on', partitions } })
    })
    const parent = list[list.length - 1]!
    partitions.forEach((p, m) => {
      const from = `2026-0${m + 1}-01`
      const to = m === 3 ? '2026-05-01' : `2026-0${m + 2}-01`
      list.push({ ...parent, name: p, comment: null, triggers: [], partitioning: undefined, partitionOf: { schema, table: name, bound: `FOR VALUES FROM ('${from}') TO ('${to}')` } })
    })
  }
  const schemaNames = Array.from({ length: schemas }, (_, i) => `s${i}`)
  const objects = opts.objects
    ? {
        routines: schemaNames.flatMap((schema) => [
          { schema, name: 'audit_row', kind: 'function', signature: 'audit_row()', returns: 'trigger', language: 'plpgsql', definition: `CREATE FUNCTION ${schema}.audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${schema}.audit_log VALUES (TG_TABLE_NAME, now()); RETURN NEW; END $$` },
          ...Array.from({ length: Math.ceil(tables / schemas / 20) }, (_, r) => ({
            schema,
            name: `report_${r}`,
            kind: 'function',
            signature: `report_${r}(since date)`,
            returns: 'bigint',
            language: 'sql',
            definition: `CREATE FUNCTION ${schema}.report_${r}(since date) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM ${schema}.table_${String(r).padStart(4, '0')} $$`
          }))
        ]),
        sequences: schemaNames.map((schema) => ({ schema, name: 'invoice_number_seq', dataType: 'bigint', start: '1000', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false })),
        enums: schemaNames.map((schema) => ({ schema, name: 'status', values: ['new', 'paid', 'shipped', 'cancelled'] })),
        domains: schemaNames.map((schema) => ({ schema, name: 'positive_amount', baseType: 'numeric(12,2)', check: 'CHECK (VALUE > 0)', checks: [{ name: 'positive_amount_check', expression: 'CHECK (VALUE > 0)' }] }))
      }
    : {}
  return SchemaModel.parse({
    dialect: 'postgres',
    database: 'bench',
    defaultSchema: 's0',
    schemas: schemaNames,
    tables: list,
    ...objects,
    fingerprint: 'generated',
    introspectedAt: '2026-01-01T00:00:00.000Z'
  })
}
