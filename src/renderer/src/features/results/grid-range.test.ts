import { describe, expect, it } from 'vitest'
import { blockSize, cellRange, contains, containsRow, copyRequest, extend, extendBy, insertTarget, isSingleCell, normalise, rowSpan, rowsRange, selectAll } from './grid-range'

const columns = [0, 1, 2, 3, 4]

describe('grid block selection', () => {
  it('normalises a range dragged in any direction to the same rectangle', () => {
    const down = extend(cellRange({ row: 2, col: 1 }, columns), { row: 5, col: 3 })
    const up = extend(cellRange({ row: 5, col: 3 }, columns), { row: 2, col: 1 })
    const diagonal = extend(cellRange({ row: 5, col: 1 }, columns), { row: 2, col: 3 })
    for (const r of [down, up, diagonal]) expect(normalise(r)).toEqual({ top: 2, bottom: 5, left: 1, right: 3 })
    expect(blockSize(down)).toEqual({ rows: 4, cols: 3 })
  })

  it('extends from the anchor, which stays put', () => {
    const start = cellRange({ row: 3, col: 2 }, columns)
    expect(isSingleCell(start)).toBe(true)
    const r = extend(extend(start, { row: 7, col: 4 }), { row: 1, col: 0 })
    expect(r.anchor).toEqual({ row: 3, col: 2 })
    expect(normalise(r)).toEqual({ top: 1, bottom: 3, left: 0, right: 2 })
    expect(isSingleCell(r)).toBe(false)
  })

  it('knows which cells and rows it contains, edges included', () => {
    const r = extend(cellRange({ row: 2, col: 1 }, columns), { row: 4, col: 2 })
    expect(contains(r, 2, 1)).toBe(true)
    expect(contains(r, 4, 2)).toBe(true)
    expect(contains(r, 3, 2)).toBe(true)
    expect(contains(r, 1, 1)).toBe(false)
    expect(contains(r, 5, 1)).toBe(false)
    expect(contains(r, 3, 0)).toBe(false)
    expect(contains(r, 3, 3)).toBe(false)
    expect(contains(undefined, 0, 0)).toBe(false)
    expect(containsRow(r, 4)).toBe(true)
    expect(containsRow(r, 5)).toBe(false)
  })

  it('extends with shift+arrows, clamped to the grid', () => {
    let r = cellRange({ row: 1, col: 1 }, columns)
    r = extendBy(r, 1, 0, 10)
    r = extendBy(r, 0, 1, 10)
    expect(normalise(r)).toEqual({ top: 1, bottom: 2, left: 1, right: 2 })
    r = extendBy(r, -5, -5, 10)
    expect(r.focus).toEqual({ row: 0, col: 0 })
    expect(normalise(r)).toEqual({ top: 0, bottom: 1, left: 0, right: 1 })
    r = extendBy(r, 50, 50, 10)
    expect(r.focus).toEqual({ row: 9, col: 4 })
  })

  it('selects all rows and columns, or whole rows from the row numbers', () => {
    expect(normalise(selectAll(1000, columns)!)).toEqual({ top: 0, bottom: 999, left: 0, right: 4 })
    expect(selectAll(0, columns)).toBeUndefined()
    expect(selectAll(5, [])).toBeUndefined()
    expect(normalise(rowsRange(7, 4, columns))).toEqual({ top: 4, bottom: 7, left: 0, right: 4 })
  })

  it('asks main for exactly the block: rows [from, to) and its columns in screen order', () => {
    // the user moved result column 4 to the front: the screen shows 4, 0, 1, 2, 3
    const r = extend(cellRange({ row: 10, col: 0 }, [4, 0, 1, 2, 3]), { row: 11, col: 2 })
    expect(copyRequest(r)).toEqual({ from: 10, to: 12, columns: [4, 0, 1] })
    expect(rowSpan(r)).toEqual({ from: 10, to: 12 })
    expect(copyRequest(cellRange({ row: 0, col: 3 }, columns))).toEqual({ from: 0, to: 1, columns: [3] })
  })

  it('names the INSERT target so main can split it back into schema and table', () => {
    expect(insertTarget(undefined)).toBeUndefined()
    expect(insertTarget({ table: 'customers' })).toBe('customers')
    expect(insertTarget({ schema: 'public', table: 'Order Items' })).toBe('public.Order Items')
    expect(insertTarget({ schema: 'my.schema', table: 'odd"name' })).toBe('"my.schema"."odd""name"')
  })
})
