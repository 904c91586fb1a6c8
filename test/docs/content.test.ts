import { describe, expect, it } from 'vitest'
import { dbml } from '../../src/main/services/docs/dbml'
import { viewReads } from '../../src/main/services/docs/doc-objects'
import { buildDocSite } from '../../src/main/services/docs/doc-site'
import { markdownIndex, markdownTable } from '../../src/main/services/docs/markdown'
import { SchemaModel } from '../../src/shared/schema-model'
import { parseDbml } from './validators'

const model = SchemaModel.parse({
  dialect: 'postgres',
  database: 'd',
  defaultSchema: 'app',
  schemas: ['app', 'kinds'],
  fingerprint: 'x',
  introspectedAt: '2026-01-01T00:00:00.000Z',
  tables: [
    { schema: 'app', name: 'm', kind: 'table', comment: 'parent', columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'at', type: 'date', nullable: false, collation: null }], partitioning: { strategy: 'range', key: 'at', partitions: ['m_2024', 'm_rest'] }, options: { tablespace: 'fast' } },
    { schema: 'app', name: 'm_2024', kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'at', type: 'date', nullable: false }], partitionOf: { schema: 'app', table: 'm', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } },
    { schema: 'app', name: 'm_rest', kind: 'table', columns: [{ name: 'id', type: 'integer', nullable: false }, { name: 'at', type: 'date', nullable: false }], partitionOf: { schema: 'app', table: 'm', bound: 'DEFAULT' } },
    { schema: 'app', name: 'v', kind: 'view', definition: 'with recent as (select * from m where at > now()) select r.id from recent r join app.m_2024 y on y.id = r.id', columns: [{ name: 'id', type: 'integer', nullable: true, collation: '"C"' }] }
  ],
  enums: [{ schema: 'kinds', name: 'mood', values: ['sad', 'ok'] }],
  domains: [{ schema: 'kinds', name: 'posint', baseType: 'integer', checks: [{ name: 'posint_check', expression: 'VALUE > 0' }], nullable: false, default: '1' }],
  types: [{ schema: 'kinds', name: 'pair', attributes: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text', collation: 'C' }] }],
  routines: [{ schema: 'kinds', name: 'f', kind: 'function', signature: 'f(x integer)', returns: 'integer', language: 'sql', definition: 'CREATE FUNCTION kinds.f(x integer) RETURNS integer LANGUAGE sql AS $$ select x $$' }],
  sequences: [{ schema: 'kinds', name: 's', dataType: 'bigint', start: '10', increment: '5', cycle: true }],
  errors: [{ kind: 'view', schema: 'app', name: 'broken', message: 'function gone() does not exist' }]
})

describe('docs show every object kind', () => {
  const site = buildDocSite(model)

  it('the index lists enums, domains, composite types, sequences with parameters, routines with source and unreadable objects, also of a schema without tables', () => {
    const md = markdownIndex(site, [])
    expect(md).toContain('| kinds.mood | sad, ok |')
    expect(md).toContain('| kinds.posint | <code>integer</code> | no | <code>1</code> | <code>posint_check</code>: <code>VALUE &gt; 0</code> |')
    expect(md).toContain('| kinds.pair | <code>a integer</code><br><code>b text COLLATE C</code> |')
    expect(md).toContain('| kinds.s | <code>bigint</code> | 10 | 5 |  |  |  | yes |  |')
    expect(md).toContain('### kinds.f(x integer)\n\n```sql\nCREATE FUNCTION kinds.f(x integer) RETURNS integer LANGUAGE sql AS $$ select x $$\n```')
    expect(md).toContain('## Objects that could not be read')
    expect(md).toContain('| view | app.broken | function gone() does not exist |')
    expect(md).toContain('| [app.m_2024](app.m_2024.md) | partition of app.m | 2 |  |')
    expect(md).toContain('| [app.m](app.m.md) | partitioned table | 2 | parent |')
  })

  it('a partitioned table lists its partitions with bounds; a partition names its parent; options and collations show', () => {
    const parent = markdownTable(site, site.byName.get('app.m')!)
    expect(parent).toContain('Partitioned by <code>range (at)</code>.')
    expect(parent).toContain("| [app.m_2024](app.m_2024.md) | <code>FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')</code> |")
    expect(parent).toContain('| [app.m_rest](app.m_rest.md) | <code>DEFAULT</code> |')
    expect(parent).toContain('| tablespace | <code>fast</code> |')
    expect(markdownTable(site, site.byName.get('app.m_rest')!)).toContain('· partition of [app.m](app.m.md) <code>DEFAULT</code>')
    expect(markdownTable(site, site.byName.get('app.v')!)).toContain('| Collation |')
  })

  it('a view lists the tables it reads (CTE names left out)', () => {
    expect(viewReads(site, site.byName.get('app.v')!)).toEqual(['app.m', 'app.m_2024'])
    expect(markdownTable(site, site.byName.get('app.v')!)).toContain('## Reads\n\n- [app.m](app.m.md)\n- [app.m_2024](app.m_2024.md)\n')
  })

  it('DBML keeps the objects as comments and notes, and still parses', () => {
    const text = dbml(site)
    expect(text).toContain('Enum "kinds"."mood"')
    expect(text).toContain('// domain kinds.posint: integer not null default 1 check VALUE > 0')
    expect(text).toContain('// type kinds.pair: (a integer, b text)')
    expect(text).toContain('// sequence kinds.s: bigint, start 10, increment 5, cycle')
    expect(text).toContain('// function kinds.f(x integer) returns integer language sql')
    expect(text).toContain('// could not read view app.broken: function gone() does not exist')
    expect(text).toContain("  Note: '''parent\nPartitioned by range (at): m_2024, m_rest\nOptions: tablespace=fast'''")
    expect(parseDbml(text).app.sort()).toEqual(['m', 'm_2024', 'm_rest'])
  })
})
