import type { ColumnMeta } from '../../../../shared/cells'
import { chartKinds, withKind, type ChartKind, type ChartSpec } from './suggest-chart'

const kindLabels: Record<ChartKind, string> = { bar: 'Bar', line: 'Line', area: 'Area', scatter: 'Scatter', pie: 'Pie' }
const oneY = (kind: ChartKind): boolean => kind === 'pie' || kind === 'scatter'
const sameSpec = (a: ChartSpec | null, b: ChartSpec | null): boolean => JSON.stringify(a) === JSON.stringify(b)

interface Props {
  columns: readonly ColumnMeta[]
  /** Columns offered as Y (the numeric ones). */
  yColumns: readonly number[]
  spec: ChartSpec
  suggested: ChartSpec | null
  onChange(spec: ChartSpec | undefined): void
}

/** Kind, X column and Y columns of a result chart, the suggestion marked and one click away. */
export function ChartControls({ columns, yColumns, spec, suggested, onChange }: Props): React.JSX.Element {
  const toggleY = (index: number): void => {
    if (oneY(spec.kind)) return onChange({ ...spec, y: [index] })
    const y = spec.y.includes(index) ? spec.y.filter((i) => i !== index) : [...spec.y, index].sort((a, b) => a - b)
    onChange({ ...spec, y })
  }
  return (
    <div className="chart-controls" data-testid="chart-controls">
      <label>
        Chart
        <select value={spec.kind} onChange={(e) => onChange(withKind(spec, e.target.value as ChartKind))} data-testid="chart-kind">
          {chartKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
              {suggested?.kind === k ? ' (suggested)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        X
        <select value={spec.x ?? ''} onChange={(e) => onChange({ ...spec, x: e.target.value === '' ? null : Number(e.target.value) })} data-testid="chart-x">
          <option value="">Row number</option>
          {columns.map((c, i) => (
            <option key={i} value={i}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <span className="chart-y" role="group" aria-label={oneY(spec.kind) ? 'Y column (one)' : 'Y columns'}>
        {oneY(spec.kind) ? 'Y' : 'Y (one or more)'}
        {yColumns.map((i) => (
          <button key={i} type="button" aria-pressed={spec.y.includes(i)} className={spec.y.includes(i) ? 'active' : ''} onClick={() => toggleY(i)} data-testid={`chart-y-${i}`}>
            {columns[i]?.name}
          </button>
        ))}
      </span>
      {suggested && !sameSpec(spec, suggested) && (
        <button type="button" onClick={() => onChange(undefined)} data-testid="chart-suggested" title="Back to the chart suggested from the columns' types and values">
          Suggested chart
        </button>
      )}
    </div>
  )
}
