import { describe, expect, it } from 'vitest'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { columnRole, suggestChart, toNumber, withKind, yCandidates } from './suggest-chart'

const col = (name: string, kind: CellKind): ColumnMeta => ({ name, dbType: kind, kind })

describe('column roles', () => {
  it('tells measures, labels, points in time and the rest apart', () => {
    expect(columnRole(col('total', 'decimal'), [['12.50']], 0)).toBe('measure')
    expect(columnRole(col('n', 'bigint'), [['9007199254740993']], 0)).toBe('measure')
    expect(columnRole(col('name', 'text'), [['Tents']], 0)).toBe('category')
    expect(columnRole(col('at', 'datetime'), [['2024-01-01 10:00:00']], 0)).toBe('temporal')
    expect(columnRole(col('doc', 'json'), [['{}']], 0)).toBe('none')
  })

  it('takes numeric keys for labels, not amounts', () => {
    expect(columnRole(col('customer_id', 'number'), [[1]], 0)).toBe('category')
    expect(columnRole(col('id', 'number'), [[1]], 0)).toBe('category')
    expect(columnRole(col('paid', 'number'), [[1]], 0)).toBe('measure')
  })

  it('reads dates kept as text (SQLite) from their values', () => {
    expect(columnRole(col('month', 'text'), [['2021-02'], ['2021-03'], [null]], 0)).toBe('temporal')
    expect(columnRole(col('day', 'text'), [['2021-02-01T10:00:00Z']], 0)).toBe('temporal')
    expect(columnRole(col('code', 'text'), [['2021-02'], ['B-7']], 0)).toBe('category')
  })

  it('reads untyped expressions as numbers only when every value is one', () => {
    expect(columnRole(col('x', 'other'), [[1], ['2.5']], 0)).toBe('measure')
    expect(columnRole(col('x', 'other'), [[1], ['a']], 0)).toBe('category')
  })

  it('turns cells into numbers where they are ones', () => {
    expect(toNumber('12.50')).toBe(12.5)
    expect(toNumber(3)).toBe(3)
    expect(toNumber(true)).toBe(1)
    expect(toNumber(null)).toBeNull()
    expect(toNumber('')).toBeNull()
    expect(toNumber('abc')).toBeNull()
  })
})

describe('the suggested chart', () => {
  const categories = (n: number): Cell[][] => Array.from({ length: n }, (_, i) => [`category ${i}`, i + 1])

  it('draws a count per category as bars', () => {
    expect(suggestChart([col('name', 'text'), col('count', 'number')], categories(20))).toEqual({ kind: 'bar', x: 0, y: [1] })
  })

  it('draws a share of a few categories as a pie', () => {
    expect(suggestChart([col('status', 'text'), col('orders', 'number')], categories(5))).toEqual({ kind: 'pie', x: 0, y: [1] })
  })

  it('keeps bars for a few categories when values go negative or there are several measures', () => {
    const columns = [col('status', 'text'), col('delta', 'number')]
    expect(suggestChart(columns, [['a', 3], ['b', -1]])?.kind).toBe('bar')
    expect(suggestChart([col('status', 'text'), col('orders', 'number'), col('total', 'decimal')], [['a', 1, '2'], ['b', 3, '4']])).toEqual({ kind: 'bar', x: 0, y: [1, 2] })
  })

  it('draws measures over ordered time as lines, over unordered time as bars', () => {
    const columns = [col('month', 'text'), col('orders', 'number'), col('revenue', 'decimal')]
    const months: Cell[][] = [['2021-01', 5, '100.5'], ['2021-02', 7, '130'], ['2021-03', 4, '90']]
    expect(suggestChart(columns, months)).toEqual({ kind: 'line', x: 0, y: [1, 2] })
    expect(suggestChart(columns, [...months].reverse())?.kind).toBe('line')
    expect(suggestChart(columns, [months[1]!, months[0]!, months[2]!])?.kind).toBe('bar')
  })

  it('prefers the time column as X over a label column', () => {
    const columns = [col('store', 'text'), col('day', 'date'), col('sales', 'number')]
    expect(suggestChart(columns, [['A', '2024-01-01', 1], ['A', '2024-01-02', 2]])).toEqual({ kind: 'line', x: 1, y: [2] })
  })

  it('draws two measures against each other as a scatter', () => {
    const columns = [col('price', 'decimal'), col('weight', 'number')]
    expect(suggestChart(columns, [['10.00', 1.2], ['12.00', 0.8]])).toEqual({ kind: 'scatter', x: 0, y: [1] })
  })

  it('puts a numeric key on X', () => {
    expect(suggestChart([col('customer_id', 'number'), col('orders', 'number')], [[1, 4], [2, 9]])).toEqual({ kind: 'bar', x: 0, y: [1] })
  })

  it('draws one lone measure by row number', () => {
    expect(suggestChart([col('count', 'number')], [[42]])).toEqual({ kind: 'bar', x: null, y: [0] })
  })

  it('starts with at most four series', () => {
    const columns = [col('name', 'text'), ...['a', 'b', 'c', 'd', 'e', 'f'].map((n) => col(n, 'number'))]
    expect(suggestChart(columns, [['x', 1, 2, 3, 4, 5, 6]])?.y).toEqual([1, 2, 3, 4])
  })

  it('suggests nothing when nothing is numeric', () => {
    expect(suggestChart([col('name', 'text'), col('email', 'text')], [['a', 'b']])).toBeNull()
    expect(suggestChart([col('id', 'number'), col('name', 'text')], [[1, 'a']])).toBeNull()
  })
})

describe('switching kinds and Y candidates', () => {
  it('keeps one Y for pie and scatter, all of them for the others', () => {
    const spec = { kind: 'bar' as const, x: 0, y: [1, 2] }
    expect(withKind(spec, 'pie')).toEqual({ kind: 'pie', x: 0, y: [1] })
    expect(withKind(spec, 'line')).toEqual({ kind: 'line', x: 0, y: [1, 2] })
  })

  it('offers numeric columns as Y, keys included', () => {
    expect(yCandidates([col('id', 'number'), col('name', 'text'), col('total', 'decimal')], [[1, 'a', '2']])).toEqual([0, 2])
  })
})
