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

  it('filters by schema.table and by a schema. prefix', () => {
    const label = (r: ReturnType<typeof treeRows>[number]): string => (r.kind === 'table' ? `${r.schema}.${r.name}` : r.kind === 'schema' ? `[${r.schema}]` : r.kind)
    expect(treeRows(names, undefined, new Set(), 'sales.table_0999').map(label)).toEqual(['[sales]', 'sales.table_09991', 'sales.table_09993', 'sales.table_09995', 'sales.table_09997', 'sales.table_09999'])
    // Across the dot, quoted, any case.
    expect(treeRows(names, undefined, new Set(), ' "Sales".TABLE_09999 ').map(label)).toEqual(['[sales]', 'sales.table_09999'])
    expect(treeRows(names, undefined, new Set(), 'les.table_0000').map(label)).toEqual(['[sales]', 'sales.table_00001', 'sales.table_00003', 'sales.table_00005', 'sales.table_00007', 'sales.table_00009'])
    // `schema.` lists the whole schema and nothing else.
    const prefix = treeRows(names, undefined, new Set(), 'public.')
    expect(prefix[0]).toMatchObject({ kind: 'schema', schema: 'public', count: 5000 })
    expect(prefix.length).toBe(5001)
    // A plain text does not match schema names.
    expect(treeRows(names, undefined, new Set(), 'sales').length).toBe(0)
  })

  it('filters 10,000 names fast', () => {
    const model: SchemaModel = { ...base, schemas: names.schemas, tables: names.tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.kind, columns: [], foreignKeys: [], indexes: [], constraints: [], triggers: [] })) }
    treeRows(names, model, new Set(), 'x')
    const started = performance.now()
    for (const f of ['t', 'ta', 'tab', 'sales.', 'sales.table_0', 'public.table_09']) treeRows(names, model, new Set(), f)
    expect((performance.now() - started) / 6).toBeLessThan(50)
  })

  it('lists routines, sequences and types in closed groups that a filter opens, each with a source reference', () => {
    const model: SchemaModel = {
      ...base,
      tables: [{ schema: 'public', name: 'orders', kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] }],
      routines: [
        { schema: 'public', name: 'order_total', kind: 'function', signature: 'order_total(p integer)', returns: 'numeric' },
        { schema: 'public', name: 'archive', kind: 'procedure', signature: 'archive()' }
      ],
      sequences: [{ schema: 'public', name: 'invoice_seq', dataType: 'bigint' }],
      enums: [{ schema: 'public', name: 'status', values: ['new', 'paid'] }],
      domains: [{ schema: 'public', name: 'email', baseType: 'text', check: "CHECK (VALUE ~ '@')" }],
      types: [{ schema: 'public', name: 'money_pair', attributes: [{ name: 'amount', type: 'numeric' }, { name: 'currency', type: 'text' }] }]
    }
    const small: SchemaNames = { database: 'shop', defaultSchema: 'public', schemas: ['public'], tables: [{ schema: 'public', name: 'orders', kind: 'table' }], fromCache: true }
    const closed = treeRows(small, model, new Set(), '')
    expect(closed.map((r) => (r.kind === 'group' ? `${r.label}:${r.count}:${r.open}` : r.kind))).toEqual(['table', 'Routines:2:false', 'Sequences:1:false', 'Types:3:false'])
    const opened = treeRows(small, model, new Set(['group:public:Routines', 'group:public:Types']), '')
    expect(opened.filter((r) => r.kind === 'object').map((r) => r.kind === 'object' && [r.label, r.detail, r.ref])).toEqual([
      ['order_total(p integer)', '→ numeric', { kind: 'routine', schema: 'public', name: 'order_total', signature: 'order_total(p integer)' }],
      ['archive()', 'procedure', { kind: 'routine', schema: 'public', name: 'archive', signature: 'archive()' }],
      ['status', 'enum (new, paid)', { kind: 'enum', schema: 'public', name: 'status' }],
      ['email', "domain text CHECK (VALUE ~ '@')", { kind: 'domain', schema: 'public', name: 'email' }],
      ['money_pair', 'composite (amount numeric, currency text)', { kind: 'type', schema: 'public', name: 'money_pair' }]
    ])
    const filtered = treeRows(small, model, new Set(), 'total')
    expect(filtered.map((r) => (r.kind === 'object' ? r.label : r.kind))).toEqual(['group', 'order_total(p integer)'])
    expect(treeRows(small, model, new Set(), 'public.invoice').map((r) => (r.kind === 'object' ? r.label : r.kind))).toEqual(['group', 'invoice_seq'])
  })

  it('nests partitions under their partitioned parent and lists a table’s triggers', () => {
    const table = (name: string, extra: Partial<SchemaModel['tables'][number]> = {}): SchemaModel['tables'][number] => ({
      schema: 'public', name, kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }], foreignKeys: [], indexes: [], constraints: [], triggers: [], ...extra
    })
    const model: SchemaModel = {
      ...base,
      tables: [
        table('events', {
          partitioning: { strategy: 'range', key: 'created_at', partitions: ['events_2025', 'events_2024'] },
          triggers: [{ name: 'trg_events_audit', timing: 'AFTER', events: ['INSERT', 'UPDATE'], definition: 'CREATE TRIGGER trg_events_audit …' }]
        }),
        table('events_2024', { partitionOf: { schema: 'public', table: 'events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } }),
        table('events_2025', { partitionOf: { schema: 'public', table: 'events', bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')" } }),
        table('users')
      ]
    }
    const small: SchemaNames = { database: 'shop', defaultSchema: 'public', schemas: ['public'], tables: model.tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.kind })), fromCache: true }
    const show = (rows: ReturnType<typeof treeRows>): string[] =>
      rows.map((r) => (r.kind === 'table' ? `${' '.repeat(r.depth)}${r.name}${r.partitioning ? ` [${r.partitioning}]` : ''}${r.partitionBound ? ` {${r.partitionBound}}` : ''}` : r.kind === 'group' ? `${' '.repeat(r.depth)}<${r.label} ${r.count}>` : r.kind === 'object' ? `${' '.repeat(r.depth)}${r.label}: ${r.detail}` : `${' '.repeat(r.depth)}${r.kind}`))
    expect(show(treeRows(small, model, new Set(), ''))).toEqual(['events [RANGE (created_at)]', 'users'])
    const key = tableKey('public', 'events')
    expect(show(treeRows(small, model, new Set([key, `${key}:partitions`, `${key}:triggers`]), ''))).toEqual([
      'events [RANGE (created_at)]',
      ' column',
      ' <Partitions 2>',
      "  events_2025 {FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')}",
      "  events_2024 {FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}",
      ' <Triggers 1>',
      '  trg_events_audit: AFTER INSERT OR UPDATE',
      'users'
    ])
    const trigger = treeRows(small, model, new Set([key, `${key}:triggers`]), '').find((r) => r.kind === 'object')
    expect(trigger).toMatchObject({ ref: { kind: 'trigger', schema: 'public', name: 'trg_events_audit', table: 'events' } })
    // A filter that matches a partition shows it under its parent, also with the parent closed.
    expect(show(treeRows(small, model, new Set(), '2024'))).toEqual(['events [RANGE (created_at)]', " events_2024 {FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}"])
    expect(show(treeRows(small, model, new Set(), 'public.events_2025'))).toEqual(['events [RANGE (created_at)]', " events_2025 {FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')}"])
    // Before details, the listing's partitionOf nests them too.
    const listed: SchemaNames = { ...small, tables: model.tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.kind, ...(t.partitionOf && { partitionOf: { schema: 'public', table: t.partitionOf.table } }) })) }
    expect(show(treeRows(listed, undefined, new Set([key, `${key}:partitions`]), ''))).toEqual(['events', ' info', ' <Partitions 2>', '  events_2024', '  events_2025', 'users'])
  })

  it('names objects that could not be read under their schema and never leaves "Loading columns…" once the model is in', () => {
    const model: SchemaModel = {
      ...base,
      schemas: ['public', 'sales'],
      tables: [{ schema: 'public', name: 'orders', kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }], foreignKeys: [], indexes: [], constraints: [], triggers: [] }],
      errors: [{ kind: 'view', schema: 'public', name: 'v_broken', message: 'no such function: LCASE' }, { kind: 'function', schema: 'sales', name: 'f_bad', message: 'permission denied' }]
    }
    const listed: SchemaNames = { database: 'shop', defaultSchema: 'public', schemas: ['public', 'sales'], tables: [{ schema: 'public', name: 'orders', kind: 'table' }, { schema: 'public', name: 'v_broken', kind: 'view' }], fromCache: false }
    const open = new Set([tableKey('public', 'orders'), tableKey('public', 'v_broken')])
    const rows = treeRows(listed, model, open, '')
    expect(rows.map((r) => (r.kind === 'error' || r.kind === 'info' ? `${r.kind}: ${r.text}` : r.kind === 'table' ? `${r.name}${r.error ? ' ⚠' : ''}` : r.kind))).toEqual([
      'schema',
      'error: v_broken: no such function: LCASE',
      'orders',
      'column',
      'v_broken ⚠',
      'error: no such function: LCASE',
      'schema'
    ])
    expect(rows.some((r) => r.kind === 'info' && r.text.startsWith('Loading'))).toBe(false)
    // The other schema's error shows when it is opened, and a filter finds it.
    expect(treeRows(listed, model, new Set(['schema:sales']), '').at(-1)).toMatchObject({ kind: 'error', text: 'f_bad: permission denied' })
    expect(treeRows(listed, model, new Set(), 'f_bad').map((r) => r.kind)).toEqual(['schema', 'error'])
    // The model failed to load: the open table says so instead of loading forever.
    expect(treeRows(listed, undefined, open, '', 'failed')[2]).toMatchObject({ kind: 'info', text: expect.stringMatching(/not loaded/) })
  })
})

const base: SchemaModel = {
  dialect: 'postgres', database: 'shop', defaultSchema: 'public', schemas: ['public'], fingerprint: 'f', introspectedAt: '2026-01-01T00:00:00Z',
  tables: [], routines: [], sequences: [], enums: [], domains: []
}
