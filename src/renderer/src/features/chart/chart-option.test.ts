import { describe, expect, it } from 'vitest'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { chartOption, chartTitle, seriesAxes, xLabel } from './chart-option'

const col = (name: string, kind: CellKind): ColumnMeta => ({ name, dbType: kind, kind })
const colors = { fg: '#111', muted: '#666', border: '#ddd', bg: '#fff' }
const columns = [col('category', 'text'), col('count', 'number'), col('revenue', 'decimal')]
const rows: Cell[][] = [
  ['Tents', 3, '120.50'],
  [null, 1, null],
  ['Bikes', 7, '999']
]
type Series = { type: string; name: string; data: unknown[]; areaStyle?: unknown }
const seriesOf = (option: ReturnType<typeof chartOption>): Series[] => option.series as Series[]

describe('the ECharts option of a result chart', () => {
  it('draws bars of each Y along the X labels, decimals as numbers, NULL labelled', () => {
    const option = chartOption({ kind: 'bar', x: 0, y: [1, 2] }, columns, rows, colors)
    expect((option.xAxis as { data: string[] }).data).toEqual(['Tents', 'NULL', 'Bikes'])
    expect(seriesOf(option).map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', 'count', [3, 1, 7]],
      ['bar', 'revenue', [120.5, null, 999]]
    ])
    expect(option.backgroundColor).toBe('#fff')
  })

  it('draws areas as filled lines', () => {
    const [series] = seriesOf(chartOption({ kind: 'area', x: 0, y: [1] }, columns, rows, colors))
    expect(series!.type).toBe('line')
    expect(series!.areaStyle).toBeDefined()
  })

  it('draws a pie of positive slices, largest first, the long tail summed as Other', () => {
    const [pie] = seriesOf(chartOption({ kind: 'pie', x: 0, y: [1] }, columns, rows, colors))
    expect(pie!.data).toEqual([
      { name: 'Bikes', value: 7 },
      { name: 'Tents', value: 3 },
      { name: 'NULL', value: 1 }
    ])
    const many: Cell[][] = Array.from({ length: 20 }, (_, i) => [`c${i}`, 20 - i])
    const data = seriesOf(chartOption({ kind: 'pie', x: 0, y: [1] }, columns, many, colors))[0]!.data as { name: string; value: number }[]
    expect(data).toHaveLength(12)
    expect(data.at(-1)).toEqual({ name: 'Other', value: [9, 8, 7, 6, 5, 4, 3, 2, 1].reduce((a, b) => a + b), itemStyle: { color: colors.muted } })
  })

  it('draws a scatter on two value axes', () => {
    const option = chartOption({ kind: 'scatter', x: 1, y: [2] }, columns, rows, colors)
    expect((option.xAxis as { type: string }).type).toBe('value')
    expect(seriesOf(option)[0]!.data).toEqual([
      [3, 120.5],
      [1, null],
      [7, 999]
    ])
  })

  it('numbers rows when there is no X column, and zooms when there are many points', () => {
    const many: Cell[][] = Array.from({ length: 100 }, (_, i) => ['x', i, '1'])
    const option = chartOption({ kind: 'line', x: null, y: [1] }, columns, many, colors)
    expect((option.xAxis as { data: number[] }).data.slice(0, 3)).toEqual([1, 2, 3])
    expect(option.dataZoom).toHaveLength(2)
  })

  it('gives a series far smaller than the largest its own axis on the right', () => {
    expect(seriesAxes([[5, 7, 4], [100_000, 130_000, null]])).toEqual([1, 0])
    expect(seriesAxes([[5, 7], [40, 90]])).toEqual([0, 0])
    expect(seriesAxes([[-500, 10], [3, 4]])).toEqual([0, 1])
    const months: Cell[][] = [['2021-01', 5, '100000'], ['2021-02', 7, '130000']]
    const option = chartOption({ kind: 'line', x: 0, y: [1, 2] }, columns, months, colors)
    expect(option.yAxis).toHaveLength(2)
    expect(seriesOf(option).map((s) => (s as { yAxisIndex?: number }).yAxisIndex)).toEqual([1, 0])
  })

  it('titles the chart with what it shows', () => {
    expect(chartTitle({ kind: 'bar', x: 0, y: [1, 2] }, columns)).toBe('count, revenue by category')
    expect(xLabel('2024-01-02T03:04:05Z')).toBe('2024-01-02 03:04:05Z')
  })
})
