import { useEffect, useMemo, useRef } from 'react'
import './chart.css'
import type { ResultView } from '../workspace/run-state'
import { ChartControls } from './ChartControls'
import { chartOption } from './chart-option'
import { useChartColors } from './chart-colors'
import { downloadPng, downloadSvg } from './chart-export'
import { useChartViews } from './chart-view-store'
import { echarts } from './echarts-setup'
import { suggestChart, yCandidates } from './suggest-chart'
import { CHART_ROW_CAP, useChartRows } from './use-chart-rows'

const fileName = (): string => `result-chart-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`

/** A chart of a result's first rows (as the grid sorts and filters them): the suggested one first, exportable. */
export function ResultChart({ result }: { result: ResultView }): React.JSX.Element {
  const { rows, total, loading, error } = useChartRows(result)
  const chosen = useChartViews((s) => s.specs[result.resultId])
  const setSpec = useChartViews((s) => s.setSpec)
  const colors = useChartColors()
  const suggested = useMemo(() => suggestChart(result.columns, rows), [result.columns, rows])
  const yColumns = useMemo(() => yCandidates(result.columns, rows), [result.columns, rows])
  // nothing to suggest (say, only numeric keys): the controls still let the user pick what to draw
  const spec = chosen ?? suggested ?? (yColumns.length > 0 ? { kind: 'bar' as const, x: null, y: [] } : null)
  const option = useMemo(() => (spec && spec.y.length > 0 && rows.length > 0 ? chartOption(spec, result.columns, rows, colors) : undefined), [spec, result.columns, rows, colors])

  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null)
  useEffect(() => {
    const element = host.current!
    const instance = echarts.init(element, null, { renderer: 'canvas' })
    chart.current = instance
    // a settled picture (animation over) is marked, for whoever looks at it next: a screenshot, a test
    instance.on('finished', () => {
      element.dataset.drawn = 'true'
    })
    const resized = new ResizeObserver(() => instance.resize())
    resized.observe(element)
    return () => {
      resized.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])
  const drawnKind = option ? spec?.kind : undefined
  useEffect(() => {
    const element = host.current!
    element.dataset.drawn = 'false'
    element.dataset.kind = drawnKind ?? ''
    if (option) chart.current?.setOption(option, { notMerge: true })
    else chart.current?.clear()
  }, [option, drawnKind])

  const empty = error
    ? `The rows could not be read: ${error}`
    : rows.length === 0
      ? loading
        ? 'Loading rows…'
        : 'No rows to chart.'
      : !spec
        ? 'Nothing to chart: this result has no numeric column.'
        : spec.y.length === 0
          ? 'Pick a Y column to chart.'
          : undefined
  const size = (): { width: number; height: number } => ({ width: host.current?.clientWidth || 900, height: host.current?.clientHeight || 500 })

  return (
    <div className="result-chart" data-testid="result-chart">
      <div className="chart-toolbar">
        {spec && <ChartControls columns={result.columns} yColumns={yColumns} spec={spec} suggested={suggested} onChange={(s) => setSpec(result.resultId, s)} />}
        <span className="spacer" />
        {total > rows.length && rows.length > 0 && (
          <span className="muted chart-cap" data-testid="chart-cap">
            First {rows.length.toLocaleString()} of {total.toLocaleString()} rows (charts show at most {CHART_ROW_CAP.toLocaleString()})
          </span>
        )}
        <button type="button" disabled={!option} onClick={() => chart.current && downloadPng(chart.current, fileName(), colors.bg)} data-testid="chart-export-png">
          PNG
        </button>
        <button type="button" disabled={!option} onClick={() => option && downloadSvg(option, size(), fileName())} data-testid="chart-export-svg">
          SVG
        </button>
      </div>
      <div className="chart-canvas" ref={host} data-testid="chart-canvas" />
      {empty && (
        <div className="results-empty chart-empty" data-testid="chart-empty">
          {empty}
        </div>
      )}
    </div>
  )
}
