import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { ResultStore } from './result-store'

const columns: ColumnMeta[] = [
  { name: 'id', dbType: 'int4', kind: 'number' },
  { name: 'big', dbType: 'int8', kind: 'bigint' },
  { name: 'name', dbType: 'text', kind: 'text' },
  { name: 'flag', dbType: 'bool', kind: 'boolean' }
]

function rows(from: number, count: number): Cell[][] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k
    return [i, String(i * 1000), i % 7 === 0 ? null : `name ${i}`, i % 2 === 0]
  })
}

describe('ResultStore', () => {
  const store = new ResultStore({ memoryCapRows: () => 1000 })
  afterAll(() => store.dispose())

  it('serves windows from memory and past the cap from the spill file', async () => {
    const r = store.create(columns)
    for (let i = 0; i < 10; i++) await r.append(rows(i * 500, 500))
    r.finish()
    expect(r.rowCount).toBe(5000)
    expect(r.spilled).toBe(true)
    const first = await r.window(0, 3)
    expect(first).toEqual({ rows: rows(0, 3), total: 5000, done: true })
    const across = await r.window(998, 4)
    expect(across.rows).toEqual(rows(998, 4))
    const beyond = await r.window(4998, 10)
    expect(beyond.rows).toEqual(rows(4998, 2))
  })

  it('sorts and filters over every row, not only the loaded ones', async () => {
    const r = store.create(columns)
    await r.append(rows(0, 3000))
    r.finish()
    const desc = await r.window(0, 2, [{ column: 1, direction: 'desc' }])
    expect(desc.rows.map((x) => x[0])).toEqual([2999, 2998])
    // bigint strings sort by value: '9000' < '10000'
    const asc = await r.window(9, 2, [{ column: 1, direction: 'asc' }])
    expect(asc.rows.map((x) => x[1])).toEqual(['9000', '10000'])
    const nulls = await r.window(0, 5000, undefined, [{ column: 2, op: 'isNull' }])
    expect(nulls.total).toBe(Math.ceil(3000 / 7))
    const contains = await r.window(0, 5, [{ column: 0, direction: 'desc' }], [{ column: 2, op: 'contains', value: 'NAME 299' }])
    expect(contains.rows.map((x) => x[0])).toEqual([2999, 2998, 2997, 2995, 2994])
    const flags = await r.window(0, 3, undefined, [{ column: 3, op: 'equals', value: 'true' }, { column: 0, op: 'gt', value: '100' }])
    expect(flags.rows).toEqual([rows(102, 1)[0], rows(104, 1)[0], rows(106, 1)[0]])
  })

  it('rebuilds a sorted view when more rows arrive', async () => {
    const r = store.create(columns)
    await r.append(rows(0, 10))
    const before = await r.window(0, 1, [{ column: 0, direction: 'desc' }])
    expect(before).toMatchObject({ rows: [rows(9, 1)[0]], total: 10, done: false })
    await r.append(rows(10, 10))
    r.finish()
    const after = await r.window(0, 1, [{ column: 0, direction: 'desc' }])
    expect(after).toMatchObject({ rows: [rows(19, 1)[0]], total: 20, done: true })
  })

  it('forgets released results and rejects unknown ids', async () => {
    const r = store.create(columns)
    await store.release(r.id)
    expect(() => store.get(r.id)).toThrow(/no longer available/)
    expect(() => store.get('r_doesnotexist')).toThrow(/no longer available/)
  })

  it('removes temp folders left by dead app processes, not live ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qg-orphans-'))
    const dead = join(root, 'querygenie-results-2147483646-abc')
    const live = join(root, `querygenie-results-${process.ppid}-abc`)
    mkdirSync(dead)
    mkdirSync(live)
    const other = new ResultStore({ memoryCapRows: () => 10, tempRoot: root })
    const r = other.create(columns, 'sqlite')
    await r.append(rows(0, 20))
    expect(r.dialect).toBe('sqlite')
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(live)).toBe(true)
    await other.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  it('keeps NaN and infinities exact through memory and spill', async () => {
    const r = store.create([{ name: 'f', dbType: 'float8', kind: 'number' }])
    const special = [[Number.NaN], [Number.POSITIVE_INFINITY], [-0.5], [null]]
    for (let i = 0; i < 600; i++) await r.append(special.map((row) => [...row]))
    r.finish()
    expect((await r.window(0, 4)).rows).toEqual(special)
    expect((await r.window(2396, 4)).rows).toEqual(special)
  })
})
