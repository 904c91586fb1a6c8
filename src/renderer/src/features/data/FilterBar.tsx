import { useState } from 'react'
import type { DataColumn, DataFilter, DataFilterOp } from '../../../../shared/contract/data'

const OPS: DataFilterOp[] = ['=', '<>', '<', '>', '<=', '>=', 'like', 'not like', 'in', 'is null', 'is not null']
const noValue = (op: DataFilterOp): boolean => op === 'is null' || op === 'is not null'

interface Draft {
  column: string
  op: DataFilterOp
  value: string
}

/** Per-column conditions (joined with AND): column, operator, value; applied with Enter or the Apply button. */
export function FilterBar({ columns, filters, onApply }: { columns: DataColumn[]; filters: DataFilter[]; onApply(filters: DataFilter[]): void }): React.JSX.Element | null {
  const [drafts, setDrafts] = useState<Draft[]>(() => filters.map((f) => ({ column: f.column, op: f.op, value: Array.isArray(f.value) ? f.value.join(', ') : f.value == null ? '' : String(f.value) })))
  const apply = (list = drafts): void =>
    onApply(
      list.map((d) => ({
        column: d.column,
        op: d.op,
        ...(noValue(d.op) ? {} : { value: d.op === 'in' ? d.value.split(',').map((v) => v.trim()) : d.value })
      }))
    )
  const update = (i: number, patch: Partial<Draft>): void => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  return (
    <div className="data-filters" data-testid="data-filters">
      {drafts.map((d, i) => (
        <span className="data-filter" key={i} data-testid={`data-filter-${i}`}>
          <select value={d.column} onChange={(e) => update(i, { column: e.target.value })} data-testid="filter-column" aria-label="Column">
            {columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
          <select value={d.op} onChange={(e) => update(i, { op: e.target.value as DataFilterOp })} data-testid="filter-op" aria-label="Operator">
            {OPS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          {!noValue(d.op) && (
            <input
              value={d.value}
              placeholder={d.op === 'in' ? 'a, b, c' : d.op.includes('like') ? '%text%' : 'value'}
              onChange={(e) => update(i, { value: e.target.value })}
              onKeyDown={(e) => e.key === 'Enter' && apply()}
              data-testid="filter-value"
              aria-label="Value"
            />
          )}
          <button
            className="icon"
            title="Remove this condition"
            onClick={() => {
              const list = drafts.filter((_, j) => j !== i)
              setDrafts(list)
              apply(list)
            }}
          >
            ×
          </button>
        </span>
      ))}
      <button onClick={() => setDrafts([...drafts, { column: columns[0]?.name ?? '', op: '=', value: '' }])} data-testid="filter-add">
        + Filter
      </button>
      {drafts.length > 0 && (
        <button onClick={() => apply()} data-testid="filter-apply">
          Apply filters
        </button>
      )}
    </div>
  )
}
