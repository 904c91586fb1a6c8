import { useMemo, useState } from 'react'
import { flameLayout } from './flame-layout'
import { formatMeasure, formatShare, inclusive, nodeTitle } from './plan-format'
import type { PlanViewModel } from './plan-view-model'

const ROW = 24

/** The plan as an icicle: widths by inclusive time (or cost), colour by the node's own share; hover names it, click selects it. */
export function FlameView({ model, selectedId, highlighted, onSelect }: { model: PlanViewModel; selectedId?: string; highlighted?: ReadonlySet<string>; onSelect(id: string): void }): React.JSX.Element {
  const { plan, metrics } = model
  const layout = useMemo(() => flameLayout(plan.root, metrics.measure), [plan, metrics.measure])
  const [hoverId, setHoverId] = useState<string | undefined>()
  const maxShare = Math.max(0.0001, ...[...metrics.byId.values()].map((m) => m.share ?? 0))
  const describe = (id: string | undefined): string => {
    const row = id ? model.byId.get(id) : undefined
    if (!row) return metrics.measure ? `Widths by total ${metrics.measure} (with children); colour by the node's own share. Hover a node to name it, click to select it.` : 'This plan has no time or cost: widths are equal.'
    const total = formatMeasure(metrics.measure, inclusive(row.node, metrics.measure))
    return `${nodeTitle(row.node)} · total ${total} · self ${formatShare(row.metrics.share) || '–'}`
  }
  return (
    <div className="plan-flame-wrap">
      <div className="plan-flame-info" data-testid="plan-flame-info">
        {describe(hoverId ?? selectedId)}
      </div>
      <div className="plan-flame" data-testid="plan-flame" style={{ height: layout.depth * ROW }} onMouseLeave={() => setHoverId(undefined)}>
        {layout.boxes.map(({ node, depth, left, width }) => {
          const share = metrics.byId.get(node.id)?.share ?? 0
          const heat = Math.round(12 + 70 * (share / maxShare))
          return (
            <div
              key={node.id}
              className={`plan-flame-box${node.id === selectedId ? ' selected' : ''}${highlighted?.has(node.id) ? ' highlighted' : ''}`}
              style={{ left: `${left * 100}%`, width: `${width * 100}%`, top: depth * ROW, ['--heat' as string]: `${heat}%` }}
              title={describe(node.id)}
              onMouseEnter={() => setHoverId(node.id)}
              onClick={() => onSelect(node.id)}
              data-testid="plan-flame-box"
              data-node-id={node.id}
              data-highlighted={highlighted?.has(node.id) || undefined}
            >
              <span>{nodeTitle(node)}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
