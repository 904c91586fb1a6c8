import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { toNumber, type ChartSpec } from './suggest-chart'

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

/** The app's theme colours a chart draws its text, axes and background with. */
export interface ChartColors {
  fg: string
  muted: string
  border: string
  bg: string
}

/** ECharts' own palette less its slate grey, which all but vanishes on the dark theme's background. */
const PALETTE = ['#5070dd', '#b6d634', '#ff994d', '#0ca8df', '#ffd10a', '#fb628b', '#785db0', '#3fbe95', '#e0805c']

/** Slices a pie keeps before the rest are summed into "Other". */
const PIE_SLICES = 12
/** Points along X past which a zoom slider appears (labels would overlap otherwise). */
const ZOOM_FROM = 60
/** Category labels that fit side by side on a usual width, and slanted. */
const FLAT_LABELS = 10
const ALL_LABELS = 40
/** A series this many times smaller than the largest lies flat along zero on a shared axis: it gets its own. */
const SCALE_GAP = 20
/** Past this many points animation only delays the picture. */
const ANIMATE_UP_TO = 1000

/** An X value as a label: NULL spelled out, ISO timestamps with a space as a database prints them. */
export const xLabel = (value: Cell | undefined): string =>
  value === null || value === undefined ? 'NULL' : typeof value === 'string' ? value.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/, '$1 $2') : String(value)

const columnName = (columns: readonly ColumnMeta[], index: number | null): string => (index === null ? 'Row' : (columns[index]?.name ?? `column ${index + 1}`))

/** The chart's title: what is drawn against what, so an exported file says what it shows. */
export const chartTitle = (spec: ChartSpec, columns: readonly ColumnMeta[]): string =>
  `${spec.y.map((y) => columnName(columns, y)).join(', ')} by ${columnName(columns, spec.x)}`

/** Slices largest first; past PIE_SLICES the rest summed as "Other", in a neutral colour (it is no category of its own). */
function pieData(spec: ChartSpec, rows: readonly Cell[][], otherColor: string): { name: string; value: number; itemStyle?: { color: string } }[] {
  const y = spec.y[0]!
  const slices = rows
    .map((r, i) => ({ name: spec.x === null ? String(i + 1) : xLabel(r[spec.x]), value: toNumber(r[y]) ?? 0 }))
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value)
  if (slices.length <= PIE_SLICES) return slices
  const rest = slices.slice(PIE_SLICES - 1).reduce((sum, s) => sum + s.value, 0)
  return [...slices.slice(0, PIE_SLICES - 1), { name: 'Other', value: rest, itemStyle: { color: otherColor } }]
}

/**
 * The Y axis of each series: 0 (left) for the large ones, 1 (right) for those far smaller than the largest (orders
 * next to revenue), so both can be read; all on 0 when they are of a size.
 */
export function seriesAxes(values: readonly (readonly (number | null)[])[]): number[] {
  const peaks = values.map((v) => Math.max(0, ...v.map((n) => Math.abs(n ?? 0))))
  const largest = Math.max(0, ...peaks)
  const axes = peaks.map((p) => (p * SCALE_GAP < largest ? 1 : 0))
  return axes.includes(1) ? axes : axes.map(() => 0)
}

/** The ECharts option for a spec over rows, in the app's colours. */
export function chartOption(spec: ChartSpec, columns: readonly ColumnMeta[], rows: readonly Cell[][], colors: ChartColors): ChartOption {
  const text = { color: colors.fg }
  const base: ChartOption = {
    backgroundColor: colors.bg,
    color: PALETTE,
    animation: rows.length <= ANIMATE_UP_TO,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    title: { text: chartTitle(spec, columns), left: 8, top: 4, textStyle: { color: colors.fg, fontSize: 13, fontWeight: 600 } },
    // a pie names its slices itself
    legend: { type: 'scroll', top: 4, right: 8, left: '40%', textStyle: text, pageTextStyle: text, show: spec.kind !== 'pie' && spec.y.length > 1 }
  }
  if (spec.kind === 'pie') {
    return {
      ...base,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          name: columnName(columns, spec.y[0] ?? null),
          radius: ['30%', '68%'],
          center: ['50%', '56%'],
          itemStyle: { borderColor: colors.bg, borderWidth: 1 },
          label: { color: colors.fg },
          data: pieData(spec, rows, colors.muted)
        }
      ]
    }
  }

  const axis = { axisLabel: { color: colors.muted }, axisLine: { lineStyle: { color: colors.border } }, splitLine: { lineStyle: { color: colors.border } } }
  // many labels side by side overlap: slanted, cut to a width, every one of them up to a screenful
  const slanted = rows.length > FLAT_LABELS ? { rotate: 40, width: 110, overflow: 'truncate' as const, interval: rows.length > ALL_LABELS ? ('auto' as const) : 0 } : {}
  const xNumeric = spec.kind === 'scatter' && spec.x !== null && rows.some((r) => toNumber(r[spec.x!]) !== null) && columns[spec.x]?.kind !== 'text'
  const xOf = (r: Cell[], i: number): string | number => (spec.x === null ? i + 1 : xNumeric ? (toNumber(r[spec.x]) ?? NaN) : xLabel(r[spec.x]))
  const many = rows.length > ZOOM_FROM && spec.kind !== 'scatter'
  const values = spec.y.map((y) => rows.map((r) => toNumber(r[y])))
  const axes = spec.kind === 'scatter' ? values.map(() => 0) : seriesAxes(values)
  const series = spec.y.map((y, i): BarSeriesOption | LineSeriesOption | ScatterSeriesOption => {
    const name = columnName(columns, y)
    const data = values[i]!
    if (spec.kind === 'scatter') return { type: 'scatter', name, symbolSize: rows.length > 500 ? 4 : 7, data: rows.map((r, j) => [xOf(r, j), data[j] ?? null]) }
    if (spec.kind === 'bar') return { type: 'bar', name, data, yAxisIndex: axes[i], large: rows.length > ANIMATE_UP_TO }
    return { type: 'line', name, data, yAxisIndex: axes[i], showSymbol: rows.length <= 100, connectNulls: false, ...(spec.kind === 'area' ? { areaStyle: { opacity: 0.25 } } : {}) }
  })
  const valueAxis = { type: 'value' as const, scale: spec.kind === 'scatter', ...axis }
  return {
    ...base,
    tooltip: { trigger: spec.kind === 'scatter' ? 'item' : 'axis' },
    // the margins hold the axis labels too ('same'), so none is cut at the edge
    grid: { left: 16, right: 32, top: 48, bottom: many ? 44 : 12, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: xNumeric
      ? { type: 'value', scale: true, ...axis, splitLine: { show: false } }
      : { type: 'category', data: spec.kind === 'scatter' ? undefined : rows.map(xOf), ...axis, axisLabel: { ...axis.axisLabel, ...slanted }, splitLine: { show: false } },
    yAxis: axes.includes(1) ? [valueAxis, { ...valueAxis, position: 'right', splitLine: { show: false } }] : valueAxis,
    dataZoom: many ? [{ type: 'inside' }, { type: 'slider', bottom: 8, height: 20, textStyle: { color: colors.muted } }] : [],
    series
  }
}
