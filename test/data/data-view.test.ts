import { existsSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cell } from '../../src/shared/cells'
import type { DataChange } from '../../src/shared/contract/data'
import { AppError } from '../../src/shared/errors'
import { DataHarness } from './data-harness'
import { dataEngines } from './engines'

const items = { name: 'dv_items' }
const nameOf = (id: number) => (id % 5 === 0 ? null : `it's "n${id}"`)

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    return err as AppError
  }
  throw new Error('expected a refusal')
}

for (const engine of dataEngines) {
  const configured = engine.fileBased || !!process.env[engine.urlVar!]
  if (!configured) console.log(`[data] ${engine.name}: ${engine.urlVar} not set, skipping`)
  describe.skipIf(!configured)(`table data view on ${engine.name}`, () => {
    let h: DataHarness
    const ids = async (sql: string): Promise<Cell[]> => (await h.rows(sql)).map((r) => r[0]!)
    const itemIds = () => ids('SELECT id FROM dv_items ORDER BY id')

    beforeAll(async () => {
      h = new DataHarness(engine.dialect, (await engine.target())!)
      for (const sql of engine.drop) await h.run(sql).catch(() => undefined)
      await h.run(...engine.setup)
      const f = h.facts
      for (let id = 1; id <= 25; id++) {
        const name = nameOf(id)
        await h.run(
          `INSERT INTO dv_items (id, name, price, qty, flag, d) VALUES (${id}, ${name === null ? 'NULL' : f.stringLiteral(name)}, ${(id * 1.25).toFixed(2)}, ${25 - id}, ${f.booleanLiteral(id % 2 === 0)}, '2024-01-${String(id).padStart(2, '0')}')`
        )
      }
      await h.run(`INSERT INTO dv_pairs (a, b, v) VALUES (1, 1, 'x')`, `INSERT INTO dv_pairs (a, b, v) VALUES (1, 2, 'y')`, `INSERT INTO dv_pairs (a, b, v) VALUES (2, 1, 'z')`)
      await h.run(`INSERT INTO dv_uniq (code, v) VALUES ('A', 'one')`, `INSERT INTO dv_uniq (code, v) VALUES ('B', 'two')`)
      await h.run(`INSERT INTO dv_nokey (x, y) VALUES (1, 'a')`)
    })
    afterAll(async () => {
      if (!h) return
      for (const sql of engine.drop) await h.run(sql).catch(() => undefined)
      await h.close()
    })

    it('opens a table: columns, primary key, flags', async () => {
      const open = await h.data.open({ connectionId: h.id, table: items })
      expect(open.columns.map((c) => c.name)).toEqual(['id', 'name', 'price', 'qty', 'flag', 'd'])
      expect(open.key).toMatchObject({ kind: 'primary', columns: ['id'] })
      expect(open.columns.find((c) => c.name === 'qty')).toMatchObject({ nullable: false, inKey: false })
      expect(open.columns.find((c) => c.name === 'id')).toMatchObject({ inKey: true })
      expect(open).toMatchObject({ editable: true, readOnly: false, production: false })
      expect(open.notEditableReason).toBeUndefined()
    })

    it('finds composite and unique keys; a table without a key and a view are not editable and say why', async () => {
      expect((await h.data.open({ connectionId: h.id, table: { name: 'dv_pairs' } })).key).toMatchObject({ kind: 'primary', columns: ['a', 'b'] })
      const uniq = await h.data.open({ connectionId: h.id, table: { name: 'dv_uniq' } })
      expect(uniq).toMatchObject({ key: { kind: 'unique', columns: ['code'] }, editable: true })
      const nokey = await h.data.open({ connectionId: h.id, table: { name: 'dv_nokey' } })
      expect(nokey).toMatchObject({ key: null, editable: false })
      expect(nokey.notEditableReason).toMatch(/no primary key or unique key/)
      const view = await h.data.open({ connectionId: h.id, table: { name: 'dv_view' } })
      expect(view).toMatchObject({ key: null, editable: false, table: { kind: 'view' } })
      expect(view.notEditableReason).toMatch(/view/)
      expect((await h.data.rows({ connectionId: h.id, table: { name: 'dv_view' }, offset: 0, limit: 100 })).rows).toHaveLength(25)
      const e = await refused(h.data.apply({ connectionId: h.id, table: { name: 'dv_nokey' }, changes: [{ kind: 'delete', key: { x: 1 } }] }))
      expect(e.code).toBe('INVALID_INPUT')
      expect(await ids('SELECT x FROM dv_nokey')).toEqual([1])
    })

    it('pages in key order with done', async () => {
      const first = await h.data.rows({ connectionId: h.id, table: items, offset: 0, limit: 10 })
      expect(first.rows.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(first.done).toBe(false)
      expect(first.columns.map((c) => c.name)).toEqual(['id', 'name', 'price', 'qty', 'flag', 'd'])
      expect(first.rows[2]![1]).toBe(`it's "n3"`)
      expect(first.rows[4]![1]).toBeNull()
      const last = await h.data.rows({ connectionId: h.id, table: items, offset: 20, limit: 10 })
      expect(last.rows.map((r) => Number(r[0]))).toEqual([21, 22, 23, 24, 25])
      expect(last.done).toBe(true)
      const exact = await h.data.rows({ connectionId: h.id, table: items, offset: 15, limit: 10 })
      expect(exact).toMatchObject({ done: true })
      expect(exact.rows).toHaveLength(10)
    })

    it('sorts on the server over the whole table', async () => {
      const r = await h.data.rows({ connectionId: h.id, table: items, orderBy: [{ column: 'qty', direction: 'asc' }], offset: 0, limit: 3 })
      expect(r.rows.map((x) => Number(x[0]))).toEqual([25, 24, 23])
      const byFlag = await h.data.rows({ connectionId: h.id, table: items, orderBy: [{ column: 'flag', direction: 'desc' }, { column: 'id', direction: 'desc' }], offset: 0, limit: 2 })
      expect(byFlag.rows.map((x) => Number(x[0]))).toEqual([24, 22])
      const byName = await h.data.rows({ connectionId: h.id, table: items, orderBy: [{ column: 'name', direction: 'asc' }], offset: 0, limit: 25 })
      const names = byName.rows.map((x) => x[1]).filter((x): x is string => x !== null)
      expect(names).toHaveLength(20)
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    })

    it('filters per column (NULLs, quotes, like, in, comparisons) and counts the same selection', async () => {
      const where = async (filters: Parameters<DataHarness['data']['rows']>[0]['filters'], text?: string) => {
        const r = await h.data.rows({ connectionId: h.id, table: items, filters, where: text, offset: 0, limit: 100 })
        const c = await h.data.count({ connectionId: h.id, table: items, filters, where: text })
        expect(c.count).toBe(r.rows.length)
        return r.rows.map((x) => Number(x[0]))
      }
      expect(await where([{ column: 'name', op: 'is null' }])).toEqual([5, 10, 15, 20, 25])
      expect((await where([{ column: 'name', op: 'is not null' }])).length).toBe(20)
      expect(await where([{ column: 'name', op: '=', value: `it's "n3"` }])).toEqual([3])
      expect(await where([{ column: 'name', op: 'like', value: '%"n1%' }])).toEqual([1, 11, 12, 13, 14, 16, 17, 18, 19])
      expect(await where([{ column: 'qty', op: 'in', value: [0, 1, 24] }])).toEqual([1, 24, 25])
      expect(await where([{ column: 'id', op: 'like', value: '2%' }])).toEqual([2, 20, 21, 22, 23, 24, 25])
      expect(await where([{ column: 'price', op: '>=', value: '30.00' }, { column: 'flag', op: '=', value: true }])).toEqual([24])
      expect(await where([{ column: 'd', op: '<', value: '2024-01-03' }])).toEqual([1, 2])
      expect(await where([{ column: 'id', op: '<>', value: 1 }], 'price > 20 and qty < 10')).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25])
      expect(await where([], 'id < 3 -- a trailing comment')).toEqual([1, 2])
      const shown = await h.data.rows({ connectionId: h.id, table: items, where: 'id = 1', filters: [{ column: 'name', op: '=', value: "it's" }], offset: 0, limit: 5 })
      expect(shown.sql).toContain('WHERE')
      expect(shown.sql).toContain("'it''s'")
      expect(shown.sql).toContain('id = 1')
      expect((await h.data.count({ connectionId: h.id, table: items })).count).toBe(25)
    })

    it('refuses hostile WHERE text; the table is unchanged as a second session sees it', async () => {
      const hostile = [
        '1=1); DELETE FROM dv_items; --',
        '1=1; DELETE FROM dv_items',
        '1=1 /* unclosed',
        "name = 'x'); DELETE FROM dv_items WHERE ('1'='1",
        ...(h.facts.lexical.executableComments ? ['1=1 /*!; DELETE FROM dv_items */'] : []),
        ...(engine.writingFunction ?? [])
      ]
      const evilFiles = ['/tmp/qg-data-evil', '/tmp/qg-data-evil.csv']
      for (const f of evilFiles) rmSync(f, { force: true })
      for (const where of hostile) {
        const e = await refused(h.data.rows({ connectionId: h.id, table: items, where, offset: 0, limit: 5 }))
        expect(e.code, where).toBe('INVALID_INPUT')
        const c = await refused(h.data.count({ connectionId: h.id, table: items, where }))
        expect(c.code, where).toBe('INVALID_INPUT')
      }
      expect((await itemIds()).length).toBe(25)
      for (const f of evilFiles) expect(existsSync(f), f).toBe(false)
    })

    it('previews DML as the engine writes it', async () => {
      const q = h.facts.quoteIdentifier
      const { statements } = await h.data.preview({
        connectionId: h.id,
        table: items,
        changes: [
          { kind: 'update', key: { id: 3 }, set: { name: "o'k", flag: null } },
          { kind: 'insert', values: { id: 100, qty: 1 } },
          { kind: 'delete', key: { id: 4 } }
        ]
      })
      expect(statements).toHaveLength(3)
      expect(statements[0]).toContain(`UPDATE`)
      expect(statements[0]).toContain(`${q('name')} = ${h.facts.stringLiteral("o'k")}, ${q('flag')} = NULL WHERE ${q('id')} = 3`)
      expect(statements[1]).toContain(`INSERT INTO`)
      expect(statements[2]).toMatch(/^DELETE FROM .* WHERE .* = 4$/)
      expect(await itemIds()).toHaveLength(25)
    })

    it('applies updates, inserts and deletes in one transaction, seen by a second session', async () => {
      const changes: DataChange[] = [
        { kind: 'update', key: { id: 1 }, set: { name: 'first', qty: 99 } },
        { kind: 'insert', values: { id: 101, name: 'new', qty: 5 } },
        { kind: 'delete', key: { id: 2 } },
        { kind: 'update', key: { id: 3 }, set: { name: `it's "n3" in C:\\temp\\` } }
      ]
      const r = await h.data.apply({ connectionId: h.id, table: items, changes })
      expect(r).toMatchObject({ applied: 4, errors: [] })
      expect(r.statements).toHaveLength(4)
      expect(h.recorded.at(-1)).toMatchObject({ connectionId: h.id, status: 'ok', rows: 4, error: null, sql: r.statements.map((s) => `${s};`).join('\n') })
      expect(await h.rows('SELECT id, name, qty FROM dv_items WHERE id IN (1, 2, 3, 101) ORDER BY id')).toEqual([
        [1, 'first', 99],
        [3, `it's "n3" in C:\\temp\\`, 22],
        [101, 'new', 5]
      ])
      // composite and unique keys
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_pairs' }, changes: [{ kind: 'update', key: { a: 1, b: 2 }, set: { v: 'Y' } }, { kind: 'delete', key: { a: 2, b: 1 } }] })).toMatchObject({ applied: 2 })
      expect(await h.rows('SELECT a, b, v FROM dv_pairs ORDER BY a, b')).toEqual([
        [1, 1, 'x'],
        [1, 2, 'Y']
      ])
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_uniq' }, changes: [{ kind: 'update', key: { code: 'B' }, set: { v: 'TWO' } }] })).toMatchObject({ applied: 1 })
      expect(await h.rows("SELECT v FROM dv_uniq WHERE code = 'B'")).toEqual([['TWO']])
    })

    it('identifies rows by 64-bit keys exactly (past 2^53)', async () => {
      await h.run(`INSERT INTO dv_big (id, v) VALUES (9007199254740992, 'even')`, `INSERT INTO dv_big (id, v) VALUES (9007199254740993, 'odd')`)
      const page = await h.data.rows({ connectionId: h.id, table: { name: 'dv_big' }, orderBy: [{ column: 'id', direction: 'desc' }], offset: 0, limit: 1 })
      const key = page.rows[0]![0]!
      expect(String(key)).toBe('9007199254740993')
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_big' }, changes: [{ kind: 'update', key: { id: key }, set: { v: 'changed' } }] })).toMatchObject({ applied: 1, errors: [] })
      expect((await h.rows('SELECT v FROM dv_big ORDER BY id')).map((r) => r[0])).toEqual(['even', 'changed'])
      const filtered = await h.data.rows({ connectionId: h.id, table: { name: 'dv_big' }, filters: [{ column: 'id', op: '=', value: '9007199254740992' }], offset: 0, limit: 5 })
      expect(filtered.rows.map((r) => r[1])).toEqual(['even'])
    })

    it('rolls back everything when a change fails, naming the change and the server message', async () => {
      const before = await h.rows('SELECT id, name, qty FROM dv_items ORDER BY id')
      const r = await h.data.apply({
        connectionId: h.id,
        table: items,
        changes: [
          { kind: 'update', key: { id: 6 }, set: { name: 'changed' } },
          { kind: 'delete', key: { id: 7 } },
          { kind: 'insert', values: { id: 8, qty: 1 } },
          { kind: 'update', key: { id: 9 }, set: { name: 'never' } }
        ]
      })
      expect(r.applied).toBe(0)
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]!.index).toBe(2)
      expect(r.errors[0]!.message.length).toBeGreaterThan(5)
      expect(h.recorded.at(-1)).toMatchObject({ status: 'error', rows: 0 })
      expect(h.recorded.at(-1)!.error).toMatch(/^Change 3: /)
      const notNull = await h.data.apply({ connectionId: h.id, table: items, changes: [{ kind: 'update', key: { id: 6 }, set: { name: 'changed' } }, { kind: 'update', key: { id: 7 }, set: { qty: null } }] })
      expect(notNull).toMatchObject({ applied: 0, errors: [{ index: 1 }] })
      expect(await h.rows('SELECT id, name, qty FROM dv_items ORDER BY id')).toEqual(before)
    })

    it('reports an update or delete whose key matches no row, and rolls back', async () => {
      const r = await h.data.apply({ connectionId: h.id, table: items, changes: [{ kind: 'update', key: { id: 6 }, set: { name: 'gone?' } }, { kind: 'delete', key: { id: 9999 } }] })
      expect(r).toMatchObject({ applied: 0, errors: [{ index: 1 }] })
      expect(r.errors[0]!.message).toMatch(/not found/)
      expect(await h.rows('SELECT name FROM dv_items WHERE id = 6')).toEqual([[nameOf(6)]])
    })

    it('refuses apply on a read-only connection and asks for confirmation on production', async () => {
      const ro = h.connection({ readOnly: true, name: 'ro' })
      const open = await h.data.open({ connectionId: ro, table: items })
      expect(open).toMatchObject({ readOnly: true, editable: false })
      expect(open.notEditableReason).toMatch(/read-only/)
      const e = await refused(h.data.apply({ connectionId: ro, table: items, changes: [{ kind: 'delete', key: { id: 6 } }] }))
      expect(e.code).toBe('READ_ONLY')
      const prod = h.connection({ readOnly: false, tag: 'production', name: 'prod' })
      expect(await h.data.open({ connectionId: prod, table: items })).toMatchObject({ production: true, editable: true })
      const c = await refused(h.data.apply({ connectionId: prod, table: items, changes: [{ kind: 'update', key: { id: 6 }, set: { qty: 60 } }] }))
      expect(c.code).toBe('CONFIRMATION_REQUIRED')
      expect(await h.rows('SELECT qty FROM dv_items WHERE id = 6')).toEqual([[19]])
      expect(await h.data.apply({ connectionId: prod, table: items, confirmed: true, changes: [{ kind: 'update', key: { id: 6 }, set: { qty: 60 } }] })).toMatchObject({ applied: 1 })
      expect(await h.rows('SELECT qty FROM dv_items WHERE id = 6')).toEqual([[60]])
    })

    it('round-trips typed values (numbers, exact decimals, booleans, dates, timestamps, JSON, enum, NULL, binary)', async () => {
      const open = await h.data.open({ connectionId: h.id, table: { name: 'dv_types' } })
      if (engine.enums) {
        expect(open.columns.find((c) => c.name === 'mood')?.enumValues).toEqual(['happy', 'sad'])
      }
      const values = { id: 1, n: 42, amount: '12345.67', b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a":[1,2]}', mood: 'sad', bin: { base64: Buffer.from([0, 255, 16]).toString('base64') }, note: null }
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_types' }, changes: [{ kind: 'insert', values }] })).toMatchObject({ applied: 1, errors: [] })
      const page = await h.data.rows({ connectionId: h.id, table: { name: 'dv_types' }, offset: 0, limit: 10 })
      const row = Object.fromEntries(page.columns.map((c, i) => [c.name, page.rows[0]![i]]))
      expect(row).toEqual({ id: 1, ...engine.typed })
      // what was read writes back unchanged (the key and every cell as the grid has them)
      const { id: _id, ...rest } = row
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_types' }, changes: [{ kind: 'update', key: { id: 1 }, set: rest as Record<string, Cell> }] })).toMatchObject({ applied: 1 })
      const again = await h.data.rows({ connectionId: h.id, table: { name: 'dv_types' }, offset: 0, limit: 10 })
      expect(again.rows).toEqual(page.rows)
      // decimals stay exact past a double's precision
      expect(await h.data.apply({ connectionId: h.id, table: { name: 'dv_types' }, changes: [{ kind: 'update', key: { id: 1 }, set: { amount: '9999999999.99' } }] })).toMatchObject({ applied: 1 })
      const amount = (await h.data.rows({ connectionId: h.id, table: { name: 'dv_types' }, offset: 0, limit: 1 })).rows[0]![2]
      expect(String(amount)).toBe('9999999999.99')
    })
  })
}
