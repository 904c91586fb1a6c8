import './view-toggle.css'
import { useChartViews } from './chart-view-store'

/** Grid | Chart: how the result on screen is shown. */
export function ResultViewToggle({ resultId }: { resultId: string }): React.JSX.Element {
  const mode = useChartViews((s) => s.modes[resultId] ?? 'grid')
  const setMode = useChartViews((s) => s.setMode)
  return (
    <span className="result-view-toggle" role="group" aria-label="Show the result as">
      <button type="button" aria-pressed={mode === 'grid'} className={mode === 'grid' ? 'active' : ''} onClick={() => setMode(resultId, 'grid')} data-testid="result-view-grid">
        Grid
      </button>
      <button type="button" aria-pressed={mode === 'chart'} className={mode === 'chart' ? 'active' : ''} onClick={() => setMode(resultId, 'chart')} data-testid="result-view-chart">
        Chart
      </button>
    </span>
  )
}
