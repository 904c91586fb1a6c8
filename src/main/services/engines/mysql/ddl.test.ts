import { describe, expect, it } from 'vitest'
import type { SchemaModel, TableModel } from '../../../../shared/schema-model'
import { splitStatements } from '../../../../shared/statement-split'
import { generateDdl, generateObjectDdl } from '../index'
import { withDelimiter } from './ddl'

const events: TableModel = {
  schema: 'shop',
  name: 'order_events',
  kind: 'table',
  columns: [
    { name: 'id', type: 'bigint(20)', nullable: false, identity: true },
    { name: 'happened_at', type: 'datetime', nullable: false, default: 'current_timestamp()', onUpdate: 'current_timestamp()' },
    { name: 'note', type: 'varchar(200)', nullable: true, collation: 'utf8mb4_unicode_ci' }
  ],
  primaryKey: { name: 'PRIMARY', columns: ['id', 'happened_at'] },
  foreignKeys: [],
  indexes: [],
  constraints: [],
  triggers: [
    {
      name: 'order_events_check',
      timing: 'BEFORE',
      events: ['INSERT'],
      definition: 'CREATE TRIGGER order_events_check BEFORE INSERT ON order_events FOR EACH ROW begin\n  set new.note = trim(new.note);\n  set new.id = new.id;\nend'
    }
  ],
  partitioning: {
    strategy: 'RANGE',
    key: 'year(`happened_at`)',
    partitions: ['p2024', 'pmax'],
    bounds: { p2024: 'VALUES LESS THAN (2025)', pmax: 'VALUES LESS THAN MAXVALUE' }
  },
  options: { engine: 'Aria', charset: 'latin1', collation: 'latin1_swedish_ci', row_format: 'DYNAMIC' }
}

const model: SchemaModel = {
  dialect: 'mysql',
  database: 'shop',
  defaultSchema: 'shop',
  schemas: ['shop'],
  tables: [events],
  routines: [
    {
      schema: 'shop',
      name: 'tier',
      kind: 'function',
      signature: 'tier(p bigint(20))',
      returns: 'varchar(10)',
      language: 'SQL',
      definition: "CREATE FUNCTION tier(p bigint(20)) RETURNS varchar(10)\n    READS SQL DATA\nbegin\n  declare x int;\n  return 'gold';\nend"
    }
  ],
  sequences: [{ schema: 'shop', name: 'invoice_seq', dataType: 'bigint', start: '1000', increment: '1', min: '1000', max: '99999', cache: '20', cycle: false }],
  enums: [],
  domains: [],
  fingerprint: 'x',
  introspectedAt: '2026-01-01T00:00:00.000Z'
}

describe('MariaDB/MySQL DDL', () => {
  it('prints COLLATE, ON UPDATE, table options and the partitions', () => {
    const ddl = generateDdl('mysql', events, { qualify: false, includeTriggers: false })
    expect(ddl).toContain('happened_at datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()')
    expect(ddl).toContain('note varchar(200) COLLATE utf8mb4_unicode_ci NULL')
    expect(ddl).toContain(') ENGINE=Aria DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci ROW_FORMAT=DYNAMIC\nPARTITION BY RANGE (year(`happened_at`))')
    expect(ddl).toContain('(PARTITION p2024 VALUES LESS THAN (2025),\n PARTITION pmax VALUES LESS THAN MAXVALUE);')
    expect(ddl).not.toContain('PARTITION_BOUND')
  })

  it('wraps trigger bodies in DELIMITER so the app splits the script into whole statements', () => {
    const ddl = generateDdl('mysql', events, { qualify: false })
    const pieces = splitStatements(ddl, 'mysql').map((p) => p.text.trim())
    expect(pieces).toHaveLength(2)
    expect(pieces[0]).toMatch(/^CREATE TABLE order_events/)
    expect(pieces[1]).toBe(events.triggers[0]!.definition)
  })

  it('gives routines, triggers and sequences as runnable, optionally qualified text', () => {
    const fn = generateObjectDdl('mysql', model, { kind: 'routine', schema: 'shop', name: 'tier' })!
    expect(fn.startsWith('DELIMITER $$\nCREATE FUNCTION shop.tier(p bigint(20))')).toBe(true)
    expect(fn.endsWith("end$$\nDELIMITER ;\n")).toBe(true)
    expect(splitStatements(fn, 'mysql').map((p) => p.text)).toEqual([model.routines[0]!.definition!.replace('FUNCTION tier', 'FUNCTION shop.tier')])

    const trigger = generateObjectDdl('mysql', model, { kind: 'trigger', schema: 'shop', name: 'order_events_check', table: 'order_events' }, { qualify: false })!
    expect(splitStatements(trigger, 'mysql').map((p) => p.text)).toEqual([events.triggers[0]!.definition])
    expect(generateObjectDdl('mysql', model, { kind: 'trigger', schema: 'shop', name: 'order_events_check' })).toContain('CREATE TRIGGER shop.order_events_check BEFORE INSERT ON order_events')

    expect(generateObjectDdl('mysql', model, { kind: 'sequence', schema: 'shop', name: 'invoice_seq' }, { qualify: false })).toBe(
      'CREATE SEQUENCE invoice_seq START WITH 1000 MINVALUE 1000 MAXVALUE 99999 INCREMENT BY 1 CACHE 20 NOCYCLE;\n'
    )
    expect(generateObjectDdl('mysql', model, { kind: 'enum', schema: 'shop', name: 'x' })).toBeNull()
    expect(generateObjectDdl('mysql', model, { kind: 'routine', schema: 'shop', name: 'missing' })).toBeNull()
  })

  it('picks a delimiter the body does not contain', () => {
    expect(withDelimiter("CREATE PROCEDURE p() begin select '$$'; end")).toBe("DELIMITER //\nCREATE PROCEDURE p() begin select '$$'; end//\nDELIMITER ;")
  })
})
