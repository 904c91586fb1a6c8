import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { EventName, EventPayload } from '../../src/shared/contract'
import { auditedConnections } from '../../src/main/services/audit/audited-sessions'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { DataService } from '../../src/main/services/data/data-service'
import { ImportFiles } from '../../src/main/services/import/import-files'
import { ImportService } from '../../src/main/services/import/import-service'
import { MockDataService } from '../../src/main/services/mockdata/mockdata-service'
import { SchemaService } from '../../src/main/services/schema/schema-service'
import { AuditHarness } from './audit-harness'

const PG_URL = process.env.PG_URL

/** An ImportService wired as app-services wires it, and a run that waits for the import's end. */
function auditedImporter(h: AuditHarness) {
  const done = new Map<string, (p: EventPayload<'import.progress'>) => void>()
  const files = new ImportFiles({ uploadDir: join(h.dir, 'uploads') })
  const imports = new ImportService({
    connections: auditedConnections(h.connections, h.audit, 'import'),
    audit: h.audit,
    files,
    exportDir: join(h.dir, 'exports'),
    events: {
      emit: (name: EventName, payload: unknown) => {
        const p = payload as EventPayload<'import.progress'>
        if (name === 'import.progress' && p.state !== 'running') done.get(p.importId)?.(p)
      }
    }
  })
  return async (connectionId: string, table: string, csv: string) => {
    const path = join(h.dir, `${table}.csv`)
    writeFileSync(path, csv)
    const { fileId } = files.add(path)
    const { importId } = await imports.start({
      connectionId,
      fileId,
      options: {},
      target: { kind: 'new', table: { name: table }, columns: [{ name: 'id', type: 'integer' }, { name: 'label', type: 'text' }] },
      mode: 'transaction'
    })
    return new Promise<EventPayload<'import.progress'>>((resolve) => done.set(importId, resolve))
  }
}

const CSV = 'id,label\n1,a\n2,b\n3,c\n'

describe('audit of data editing and imports', () => {
  const h = new AuditHarness()
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const c of cleanup) await c().catch(() => undefined)
    await h.close()
  })

  it('records a data-edit apply: its transaction and each change with one row', async () => {
    const conn = h.connection({ dialect: 'sqlite', filePath: h.sqliteFile('edit.db') })
    await h.run(conn, "CREATE TABLE items (id integer primary key, name text); INSERT INTO items VALUES (1, 'a'), (2, 'b')")
    const schema = new SchemaService({ store: h.store, sessions: h.connections, events: { emit: () => undefined } })
    const data = new DataService({ connections: auditedConnections(h.connections, h.audit, 'data-edit'), schema })
    cleanup.push(async () => {
      schema.dispose()
      await data.dispose()
    })
    const r = await data.apply({ connectionId: conn, table: { name: 'items' }, changes: [{ kind: 'update', key: { id: 1 }, set: { name: 'z' } }, { kind: 'delete', key: { id: 2 } }] })
    expect(r).toMatchObject({ applied: 2, errors: [] })
    const entries = h.entries(conn).filter((e) => e.source === 'data-edit')
    expect(entries.map((e) => [e.kind, e.statement.split(/\s+/)[0]!.toUpperCase(), e.rows, e.outcome])).toEqual([
      ['transaction', 'BEGIN', null, 'ok'],
      ['write', 'UPDATE', 1, 'ok'],
      ['write', 'DELETE', 1, 'ok'],
      ['transaction', 'COMMIT', null, 'ok']
    ])
    expect(h.audit.verify().ok).toBe(true)
  })

  it('records an import through INSERTs (SQLite)', async () => {
    const conn = h.connection({ dialect: 'sqlite', filePath: h.sqliteFile('import.db') })
    const progress = await auditedImporter(h)(conn, 'imported', CSV)
    expect(progress).toMatchObject({ state: 'done', inserted: 3 })
    const entries = h.entries(conn).filter((e) => e.source === 'import')
    expect(entries.map((e) => [e.kind, e.statement.split(/\s+/)[0]!.toUpperCase(), e.kind === 'write' ? e.rows : 'n/a'])).toEqual([
      ['ddl', 'CREATE', 'n/a'],
      ['transaction', 'BEGIN', 'n/a'],
      ['write', 'INSERT', 3],
      ['transaction', 'COMMIT', 'n/a']
    ])
  })

  it.skipIf(!PG_URL)('records an import through COPY (PostgreSQL), which runs on a connection of its own', async () => {
    const conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'audit pg import' } as never)
    const table = `audit_imp_${randomBytes(4).toString('hex')}`
    cleanup.push(() => h.run(conn, `DROP TABLE IF EXISTS ${table}`))
    const progress = await auditedImporter(h)(conn, table, CSV)
    expect(progress).toMatchObject({ state: 'done', inserted: 3 })
    const entries = h.entries(conn).filter((e) => e.source === 'import')
    expect(entries.map((e) => [e.kind, e.statement.split(/\s+/)[0]!.toUpperCase(), e.kind === 'write' ? e.rows : 'n/a'])).toEqual([
      ['ddl', 'CREATE', 'n/a'],
      ['transaction', 'BEGIN', 'n/a'],
      ['write', 'COPY', 3],
      ['transaction', 'COMMIT', 'n/a']
    ])
    expect(h.audit.verify().ok).toBe(true)
  })

  it.skipIf(!PG_URL)('records mock data loaded through COPY (PostgreSQL), as source mockdata', async () => {
    const conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'audit pg mockdata' } as never)
    const table = `audit_mock_${randomBytes(4).toString('hex')}`
    await h.run(conn, `CREATE TABLE ${table} (id integer primary key, label text not null)`)
    cleanup.push(() => h.run(conn, `DROP TABLE IF EXISTS ${table}`))
    const schema = new SchemaService({ store: h.store, sessions: h.connections, events: { emit: () => undefined } })
    let finished: (p: EventPayload<'mockdata.progress'>) => void = () => undefined
    const ended = new Promise<EventPayload<'mockdata.progress'>>((resolve) => (finished = resolve))
    const mockdata = new MockDataService({
      connections: auditedConnections(h.connections, h.audit, 'mockdata'),
      audit: h.audit,
      schema,
      exportDir: join(h.dir, 'exports'),
      events: {
        emit: (name: EventName, payload: unknown) => {
          const p = payload as EventPayload<'mockdata.progress'>
          if (name === 'mockdata.progress' && p.state !== 'running') finished(p)
        }
      }
    })
    cleanup.push(async () => {
      schema.dispose()
      await mockdata.idle()
    })
    await mockdata.start({ connectionId: conn, tables: [{ schema: 'public', name: table }], rowsPerTable: 5, seed: 1, overrides: [], target: { kind: 'database', transaction: 'table' } })
    expect(await ended).toMatchObject({ state: 'done' })
    const copies = h.entries(conn).filter((e) => e.source === 'mockdata' && /^COPY/i.test(e.statement))
    expect(copies.map((e) => [e.kind, e.rows, e.outcome])).toEqual([['write', 5, 'ok']])
    expect(h.audit.verify().ok).toBe(true)
  })
})
