import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSampleDb, SAMPLE_DB_PATH, sampleDbChecksum } from '../scripts/generate-sample-db'

describe('bundled sample database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-sample-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('regenerates to the same content as the committed resources/sample.db', () => {
    const first = generateSampleDb(join(dir, 'a.db'))
    const second = generateSampleDb(join(dir, 'b.db'))
    const a = sampleDbChecksum(first.path)
    const b = sampleDbChecksum(second.path)
    const committed = sampleDbChecksum(SAMPLE_DB_PATH)
    expect(b).toEqual(a)
    expect(committed.rowCounts).toEqual(a.rowCounts)
    expect(committed.checksum).toBe(a.checksum)
  })

  it('is a realistic relational schema of reasonable size', () => {
    expect(statSync(SAMPLE_DB_PATH).size).toBeLessThan(5 * 1024 * 1024)
    const db = new Database(SAMPLE_DB_PATH, { readonly: true })
    try {
      const { rowCounts } = sampleDbChecksum(SAMPLE_DB_PATH)
      expect(Object.values(rowCounts).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(20_000)
      const objects = db.prepare("select type, count(*) n from sqlite_master where name not like 'sqlite_%' group by type").all() as { type: string; n: number }[]
      const count = (type: string): number => objects.find((o) => o.type === type)?.n ?? 0
      expect(count('table')).toBeGreaterThanOrEqual(8)
      expect(count('view')).toBeGreaterThanOrEqual(1)
      expect(count('trigger')).toBeGreaterThanOrEqual(1)
      expect(count('index')).toBeGreaterThanOrEqual(5)
      const fks = db.prepare("select m.name, f.id, count(*) as cols from sqlite_master m, pragma_foreign_key_list(m.name) f where m.type = 'table' group by m.name, f.id").all() as { name: string; cols: number }[]
      expect(new Set(fks.map((f) => f.name)).size).toBeGreaterThanOrEqual(8)
      expect(fks.some((f) => f.cols > 1)).toBe(true)
      const selfRefs = db.prepare("select m.name from sqlite_master m, pragma_foreign_key_list(m.name) f where m.type = 'table' and f.\"table\" = m.name").pluck().all()
      expect(selfRefs).toEqual(expect.arrayContaining(['categories', 'employees']))
      expect(db.pragma('foreign_key_check')).toEqual([])
      // The trigger kept every order total equal to the sum of its lines.
      const mismatched = db.prepare(`select count(*) from orders o where abs(o.total_amount - coalesce((select sum(quantity * unit_price * (1 - discount)) from order_items i where i.order_id = o.order_id), 0)) > 0.05`).pluck().get()
      expect(mismatched).toBe(0)
      expect(() => db.prepare("select count(*) from v_order_summary").get()).not.toThrow()
    } finally {
      db.close()
    }
  })

  it('enforces its CHECK and UNIQUE constraints', () => {
    const path = join(dir, 'c.db')
    generateSampleDb(path)
    const db = new Database(path)
    try {
      expect(() => db.prepare('update products set unit_price = -1 where product_id = 1').run()).toThrow(/CHECK/)
      expect(() => db.prepare("update customers set email = (select email from customers where customer_id = 2) where customer_id = 1").run()).toThrow(/UNIQUE/)
    } finally {
      db.close()
    }
  })
})
