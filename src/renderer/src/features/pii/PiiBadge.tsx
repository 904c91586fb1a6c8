import { useEffect } from 'react'
import { KIND_LABELS } from './kind-labels'
import { columnKey, usePiiStore } from './pii-store'

/** The schema tree's mark on a column the last PII scan classified. */
export function PiiBadge({ connectionId, schema, table, column }: { connectionId: string; schema: string; table: string; column: string }): React.JSX.Element | null {
  const ensure = usePiiStore((s) => s.ensure)
  const finding = usePiiStore((s) => s.byConnection[connectionId]?.byColumn.get(columnKey(schema, table, column)))
  useEffect(() => ensure(connectionId), [ensure, connectionId])
  if (!finding) return null
  return (
    <span className="tree-badge pii-badge" title={`PII: ${finding.kind.replace('_', ' ')} (confidence ${finding.confidence.toFixed(2)})\n${finding.evidence}`} data-testid={`pii-badge-${table}-${column}`}>
      {KIND_LABELS[finding.kind]}
    </span>
  )
}
