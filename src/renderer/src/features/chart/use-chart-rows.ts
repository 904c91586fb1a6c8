import { useEffect, useState } from 'react'
import type { Cell } from '../../../../shared/cells'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useGridViews } from '../results/grid-view-store'
import type { ResultView } from '../workspace/run-state'

/** Rows a chart draws at most: more points than pixels only slow the page down. */
export const CHART_ROW_CAP = 5_000
/** While rows stream in, the chart asks again at most this often. */
const REFRESH_MS = 400

export interface ChartRows {
  rows: Cell[][]
  /** Rows the result has in the grid's view (filtered), of which `rows` are the first ones. */
  total: number
  loading: boolean
  error?: string
}

/**
 * The first rows of a result as the grid shows them (its sort and filter), from the main process's result store,
 * asked again as more stream in until the cap is reached.
 */
export function useChartRows(result: ResultView): ChartRows {
  const view = useGridViews((s) => s.views[result.resultId])
  const sort = view?.sort
  const filter = view?.filter
  const wanted = Math.min(result.rowCount, CHART_ROW_CAP)
  const [state, setState] = useState<ChartRows>({ rows: [], total: 0, loading: true })

  useEffect(() => {
    let stale = false
    const timer = setTimeout(
      () => {
        setState((s) => ({ ...s, loading: true }))
        api
          .call('query.rows', { resultId: result.resultId, offset: 0, limit: CHART_ROW_CAP, sort, filter })
          .then((page) => !stale && setState({ rows: page.rows, total: page.total, loading: false }))
          .catch((error: unknown) => !stale && setState({ rows: [], total: 0, loading: false, error: errorMessage(error) }))
      },
      result.done ? 0 : REFRESH_MS
    )
    return () => {
      stale = true
      clearTimeout(timer)
    }
  }, [result.resultId, result.done, wanted, sort, filter])

  return state
}
