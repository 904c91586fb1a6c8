import type { PlanBuffers, PlanNode, PlanMeasure, NodeMetrics, Misestimate } from '../../../../shared/plan'
import { formatCost, formatMs, formatRows, formatShare, nodeTitle } from './plan-format'
import { misestimateText } from './MisestimateBadge'

const bufferLabels: [keyof PlanBuffers, string][] = [
  ['sharedHit', 'Shared hit'],
  ['sharedRead', 'Shared read'],
  ['sharedDirtied', 'Shared dirtied'],
  ['sharedWritten', 'Shared written'],
  ['localHit', 'Local hit'],
  ['localRead', 'Local read'],
  ['localDirtied', 'Local dirtied'],
  ['localWritten', 'Local written'],
  ['tempRead', 'Temp read'],
  ['tempWritten', 'Temp written']
]

interface Props {
  node: PlanNode
  metrics: NodeMetrics
  measure: PlanMeasure | null
  misestimate?: Misestimate
  onClose(): void
}

/** One node in full: its figures, conditions, buffers and everything else the engine said about it. */
export function NodeDetails({ node, metrics, measure, misestimate, onClose }: Props): React.JSX.Element {
  const figures: [string, string][] = [
    ['Kind', node.kind],
    ['Estimated rows', formatRows(node.estimatedRows)],
    ...(node.actualRows !== undefined ? ([['Actual rows', `${formatRows(node.actualRows)}${node.loops !== undefined && node.loops !== 1 ? ` × ${node.loops.toLocaleString()} loops` : ''}`]] as [string, string][]) : []),
    ...(node.startupCost !== undefined || node.totalCost !== undefined ? ([['Cost', `${formatCost(node.startupCost)} .. ${formatCost(node.totalCost)}`]] as [string, string][]) : []),
    ...(node.timeMs !== undefined ? ([['Time (with children)', formatMs(node.timeMs)]] as [string, string][]) : []),
    ...(measure && metrics.share !== undefined
      ? ([[measure === 'time' ? 'Self time' : 'Self cost', `${measure === 'time' ? formatMs(metrics.selfTimeMs) : formatCost(metrics.selfCost)} (${formatShare(metrics.share)})`]] as [string, string][])
      : [])
  ]
  const buffers = bufferLabels.flatMap(([key, label]) => (node.buffers?.[key] ? [[label, node.buffers[key]!.toLocaleString()] as const] : []))
  return (
    <div className="plan-details" data-testid="plan-node-details">
      <header>
        <strong title={nodeTitle(node)}>{nodeTitle(node)}</strong>
        <button className="plan-close" onClick={onClose} aria-label="Close the node details">
          ×
        </button>
      </header>
      {misestimate && <p className="plan-details-warning">{misestimateText(misestimate)}</p>}
      <Figures rows={figures} />
      {node.conditions.length > 0 && (
        <section>
          <h4>Conditions</h4>
          {node.conditions.map((c, i) => (
            <div key={i} className="plan-labelled" data-testid="plan-condition">
              <span className="muted">{c.label}</span>
              <code>{c.text}</code>
            </div>
          ))}
        </section>
      )}
      {buffers.length > 0 && (
        <section>
          <h4>Buffers (blocks)</h4>
          <Figures rows={buffers} />
        </section>
      )}
      {node.details.length > 0 && (
        <section>
          <h4>Details</h4>
          {node.details.map((d, i) => (
            <div key={i} className="plan-labelled">
              <span className="muted">{d.label}</span>
              <code>{d.text}</code>
            </div>
          ))}
        </section>
      )}
    </div>
  )
}

/** Label and value pairs, one per line. */
function Figures({ rows }: { rows: readonly (readonly [string, React.ReactNode])[] }): React.JSX.Element {
  return (
    <dl className="plan-figures">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
