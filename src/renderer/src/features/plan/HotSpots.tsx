import { formatMeasure, formatShare, mentions } from './plan-format'
import type { PlanViewModel } from './plan-view-model'

/** The nodes with the largest own share of the time (or cost), largest first; a click shows the node. */
export function HotSpots({ model, selectedId, onSelect }: { model: PlanViewModel; selectedId?: string; onSelect(id: string): void }): React.JSX.Element | null {
  const { hot, metrics } = model
  if (!metrics.measure) return null
  return (
    <section className="plan-hot" data-testid="plan-hot-spots">
      <h4>Hot spots · by self {metrics.measure}</h4>
      {hot.length === 0 && <p className="muted">No node stands out.</p>}
      <ol>
        {hot.map((h) => (
          <li key={h.nodeId}>
            <button className={h.nodeId === selectedId ? 'selected' : ''} onClick={() => onSelect(h.nodeId)} data-testid="plan-hot-spot" title="Show this node">
              <span className="plan-hot-share" style={{ ['--share' as string]: `${Math.round(h.share * 100)}%` }}>
                {formatShare(h.share)}
              </span>
              <span className="plan-hot-name">
                {h.operation}
                {h.relation && !mentions(h.operation, h.relation) && <span className="plan-relation"> {h.relation}</span>}
              </span>
              <span className="plan-hot-value muted">{formatMeasure(metrics.measure, h.self)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
