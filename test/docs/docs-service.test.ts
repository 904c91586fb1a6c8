import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocsHandlers } from '../../src/main/services/docs/docs-handlers'
import { DocsService } from '../../src/main/services/docs/docs-service'
import { DescriptionsRepository } from '../../src/main/services/ai/descriptions-repository'
import { getDriver } from '../../src/main/services/engines'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'
import { docsCalls, type DocsProgress } from '../../src/shared/contract/docs'
import type { SchemaModel } from '../../src/shared/schema-model'
import { sqliteSession } from '../schema/catalog-sessions'
import { applyFixture } from '../schema/fixtures'

describe('DocsService (real local store, SQLite fixture schema)', () => {
  let dir: string
  let store: LocalStore
  let model: SchemaModel
  let service: DocsService
  const progress: DocsProgress[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-docs-svc-'))
    const dbPath = join(dir, 'fixture.db')
    const s = sqliteSession(dbPath)
    await applyFixture(s, 'sqlite')
    await s.close()
    const session = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: dbPath, readOnly: true, connectTimeoutMs: 5000 })
    model = finalizeModel(await introspectorFor('sqlite').introspect(session))
    await session.close()
    store = openLocalStore(join(dir, 'store.db'))
    const ai = new DescriptionsRepository(store.db)
    ai.save('c1', [
      { table: 'main.orders', column: null, description: 'AI: what an order is.' },
      { table: 'main.customers', column: 'email', description: 'AI email text' }
    ])
    service = new DocsService({
      store,
      getSchema: async (id) => {
        if (id !== 'c1') throw new Error('unknown connection')
        return model
      },
      events: { emit: (name, payload) => name === 'docs.progress' && progress.push(payload as DocsProgress) },
      aiDescriptions: (id) => ai.list(id),
      // web mode's rule: only inside the data folder's exports area (desktop grants: test/files/output-folders.test.ts)
      output: { kind: 'exports-area', dir: join(dir, 'exports') }
    })
  })
  afterAll(() => {
    store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stores, updates and removes notes, merged with AI descriptions', async () => {
    const handlers = createDocsHandlers({ docs: service })
    const input = docsCalls['docs.notes.set'].input.parse({ connectionId: 'c1', schema: 'main', table: 'orders', note: 'Checkout writes these.' })
    expect((await handlers['docs.notes.set'](input)).note?.note).toBe('Checkout writes these.')
    service.setNote({ connectionId: 'c1', schema: 'main', table: 'orders', column: 'status', note: 'first' })
    service.setNote({ connectionId: 'c1', schema: 'main', table: 'orders', column: 'status', note: 'second' })
    service.setNote({ connectionId: 'c2', schema: 'main', table: 'orders', note: 'other connection' })
    const { notes } = await handlers['docs.notes.get']({ connectionId: 'c1' })
    const find = (table: string, column: string | null) => notes.find((n) => n.table === table && n.column === column)
    expect(find('orders', null)).toMatchObject({ note: 'Checkout writes these.', aiDescription: 'AI: what an order is.' })
    expect(find('orders', 'status')?.note).toBe('second')
    expect(find('customers', 'email')).toMatchObject({ note: null, aiDescription: 'AI email text' })
    expect(notes.some((n) => n.note === 'other connection')).toBe(false)

    expect(service.setNote({ connectionId: 'c1', schema: 'main', table: 'orders', column: 'status', note: '  ' })).toBeNull()
    expect((await service.notes('c1')).some((n) => n.column === 'status')).toBe(false)
  })

  it('forgets the notes of a deleted connection only', async () => {
    service.setNote({ connectionId: 'gone', schema: 'main', table: 'orders', note: 'bye' })
    service.forget('gone')
    expect(service.notesRepo.list('gone')).toEqual([])
    expect(service.notesRepo.list('c1').length).toBeGreaterThan(0)
  })

  it('notes survive reopening the store', () => {
    const reopened = openLocalStore(store.path)
    try {
      const rows = reopened.db.prepare("select note from docs_notes where connection_id = 'c1' and column_name = ''").all() as { note: string }[]
      expect(rows.map((r) => r.note)).toEqual(['Checkout writes these.'])
    } finally {
      reopened.close()
    }
  })

  it('previews one table as Markdown and as HTML with the notes applied', async () => {
    const md = await service.preview({ connectionId: 'c1', schema: 'main', table: 'orders', format: 'markdown' })
    expect(md).toMatch(/^# main\.orders/)
    expect(md).toContain('**Note:** Checkout writes these.')
    const html = await service.preview({ connectionId: 'c1', schema: 'main', table: 'orders', format: 'html' })
    expect(html).toContain('<!doctype html>')
    expect(html).toContain('Checkout writes these.')
    await expect(service.preview({ connectionId: 'c1', schema: 'main', table: 'nope', format: 'html' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('lints with filters', async () => {
    const all = await service.lint({ connectionId: 'c1' })
    expect(all.length).toBeGreaterThan(0)
    const table = all[0].table
    const some = await service.lint({ connectionId: 'c1', filter: { include: [table] } })
    expect(new Set(some.map((f) => f.table))).toEqual(new Set([table]))
  })

  it('exports the chosen formats with progress events, and refuses a full path, an escape or a blocked folder', async () => {
    progress.length = 0
    const out = join(dir, 'exports', 'export')
    const r = await service.export({ connectionId: 'c1', exportId: 'e_test1', folder: 'export', formats: ['md', 'json', 'dbml'] })
    expect(r.exportId).toBe('e_test1')
    expect(r.files).toContain('README.md')
    expect(r.files).toContain('schema.dbml')
    expect(r.files).toContain('notes.json')
    for (const f of r.files) expect(existsSync(join(out, f))).toBe(true)
    expect(readFileSync(join(out, 'main.orders.md'), 'utf8')).toContain('Checkout writes these.')
    expect(progress.every((p) => p.exportId === 'e_test1')).toBe(true)
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['Reading the schema', 'Writing Markdown', 'Writing files', 'Done']))
    expect(progress.at(-1)).toMatchObject({ phase: 'Done', done: r.files.length, total: r.files.length })

    await expect(service.export({ connectionId: 'c1', folder: join(dir, 'elsewhere'), formats: ['md'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(service.export({ connectionId: 'c1', folder: 'export/../../up', formats: ['md'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false)
    await expect(service.export({ connectionId: 'c1', folder: 'export/README.md/sub', formats: ['md'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Cannot write to folder')
    })
  })
})
