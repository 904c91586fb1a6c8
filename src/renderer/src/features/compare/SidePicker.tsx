import type { ConnectionProfile } from '../../../../shared/contract'
import type { SidePick } from './compare-store'

interface Props {
  label: string
  testId: string
  pick: SidePick
  connections: ConnectionProfile[]
  /** The right side may be a docs snapshot (schema.json) instead of a connection. */
  allowSnapshot: boolean
  onPick(pick: SidePick): void
}

/** One side of the comparison: a connection, or a schema.json file read in the page. */
export function SidePicker({ label, testId, pick, connections, allowSnapshot, onPick }: Props): React.JSX.Element {
  const value = pick?.kind === 'connection' ? pick.connectionId : pick?.kind === 'snapshot' ? '__snapshot' : ''
  return (
    <label className="compare-side">
      {label}
      <select value={value} data-testid={testId} onChange={(e) => onPick(e.target.value ? { kind: 'connection', connectionId: e.target.value } : null)}>
        <option value="">Choose a connection…</option>
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.readOnly ? ' (read-only)' : ''}
          </option>
        ))}
        {pick?.kind === 'snapshot' && <option value="__snapshot">{pick.fileName}</option>}
      </select>
      {allowSnapshot && (
        <input
          type="file"
          accept=".json,application/json"
          title="A schema.json written by querygenie docs --format json"
          data-testid={`${testId}-snapshot`}
          onChange={async (e) => {
            const file = e.target.files?.[0]
            if (file) onPick({ kind: 'snapshot', fileName: file.name, json: await file.text() })
          }}
        />
      )}
    </label>
  )
}
