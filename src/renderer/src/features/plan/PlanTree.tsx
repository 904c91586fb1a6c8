import { useEffect, useRef } from 'react'
import { formatMeasure, formatRows, inclusive, mentions } from './plan-format'
import type { PlanViewModel } from './plan-view-model'
import { MisestimateBadge } from './MisestimateBadge'
import { ShareBar } from './ShareBar'

interface Props {
  model: PlanViewModel
  selectedId?: string
  /** Nodes marked by an optimize finding. */
  highlighted?: ReadonlySet<string>
  collapsed: ReadonlySet<string>
  onSelect(id: string): void
  onToggle(id: string): void
}

/** The plan as a tree table: what each node does, its rows, its own share of the time or cost, and misestimates. */
export function PlanTree({ model, selectedId, highlighted, collapsed, onSelect, onToggle }: Props): React.JSX.Element {
  const { plan, metrics, rows, misestimated } = model
  const measure = metrics.measure
  const what = measure === 'time' ? 'time' : 'cost'
  const selectedRow = useRef<HTMLTableRowElement | null>(null)
  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])
  const visible = rows.filter((r) => !r.path.slice(0, -1).some((id) => collapsed.has(id)))
  // SQLite's plans have no row figures: no column of dashes
  const estimates = rows.some((r) => r.node.estimatedRows !== undefined)
  const actuals = plan.analyzed && rows.some((r) => r.node.actualRows !== undefined)
  return (
    <div className="plan-tree-scroll">
      <table className="plan-tree" data-testid="plan-tree">
        <thead>
          <tr>
            <th className="plan-col-op">Operation</th>
            {estimates && (
              <th className="plan-col-num" title="Rows the planner expected, per loop">
                Est. rows
              </th>
            )}
            {actuals && (
              <th className="plan-col-num" title="Rows the node returned, per loop (× loops when it ran more than once)">
                Actual rows
              </th>
            )}
            {measure && <th className="plan-col-self">Self {what}</th>}
            {measure && <th className="plan-col-num">Total {what}</th>}
            {actuals && <th className="plan-col-flag" title="Estimate off by 10× or more" />}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => {
            const { node } = row
            const isSelected = node.id === selectedId
            const isMarked = !!highlighted?.has(node.id)
            const m = misestimated.get(node.id)
            const self = measure === 'time' ? row.metrics.selfTimeMs : row.metrics.selfCost
            return (
              <tr
                key={node.id}
                ref={isSelected ? selectedRow : undefined}
                className={`${isSelected ? 'selected' : ''}${isMarked ? ' highlighted' : ''}`}
                onClick={() => onSelect(node.id)}
                data-testid="plan-node"
                data-node-id={node.id}
                aria-selected={isSelected}
                data-highlighted={isMarked || undefined}
              >
                <td className="plan-col-op">
                  <span className="plan-op" style={{ paddingLeft: row.depth * 16 }}>
                    {node.children.length > 0 ? (
                      <button
                        className="plan-toggle"
                        aria-label={collapsed.has(node.id) ? 'Expand' : 'Collapse'}
                        aria-expanded={!collapsed.has(node.id)}
                        data-testid="plan-toggle"
                        onClick={(e) => {
                          e.stopPropagation()
                          onToggle(node.id)
                        }}
                      >
                        {collapsed.has(node.id) ? '▸' : '▾'}
                      </button>
                    ) : (
                      <span className="plan-toggle-space" />
                    )}
                    <span className={`plan-kind plan-kind-${node.kind}`} />
                    <span className="plan-op-name">{node.operation}</span>
                    {node.relation && !mentions(node.operation, node.relation) && (
                      <span className="plan-relation" data-testid="plan-relation">
                        {node.relation}
                        {node.alias && node.alias !== node.relation ? ` ${node.alias}` : ''}
                      </span>
                    )}
                    {node.index && !mentions(node.operation, node.index) && <span className="plan-index">using {node.index}</span>}
                  </span>
                </td>
                {estimates && <td className="plan-col-num">{formatRows(node.estimatedRows)}</td>}
                {actuals && (
                  <td className="plan-col-num">
                    {node.loops === 0 ? <span className="muted">never ran</span> : formatRows(node.actualRows)}
                    {node.loops !== undefined && node.loops > 1 && <span className="plan-loops"> ×{node.loops.toLocaleString()}</span>}
                  </td>
                )}
                {measure && (
                  <td className="plan-col-self">
                    <span className="plan-self-value">{formatMeasure(measure, self)}</span>
                    <ShareBar share={row.metrics.share} />
                  </td>
                )}
                {measure && <td className="plan-col-num">{formatMeasure(measure, inclusive(node, measure))}</td>}
                {actuals && <td className="plan-col-flag">{m && <MisestimateBadge misestimate={m} />}</td>}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
