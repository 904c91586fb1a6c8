import { useAppStore } from '../../app/app-store'
import { useActiveTab } from '../workspace/use-tab'
import { changeTabConnection } from '../workspace/tab-actions'

/** The connection this tab runs on. Only this picker changes it: the sidebar and saved connections never do. */
export function ConnectionPicker(): React.JSX.Element {
  const connections = useAppStore((s) => s.connections)
  const tabId = useActiveTab((t) => t.id)
  const connectionId = useActiveTab((t) => t.connectionId)
  const current = connections.find((c) => c.id === connectionId)
  return (
    <label className="connection-picker" title="Connection for this tab">
      <span className="dot" style={{ background: current?.color ?? 'var(--accent)' }} />
      <select value={current ? current.id : ''} onChange={(e) => changeTabConnection(tabId, e.target.value)} data-testid="tab-connection-picker">
        {!current && <option value="">{connectionId ? 'Deleted connection: choose one' : 'Choose a connection'}</option>}
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.readOnly ? ' (read-only)' : ''}
          </option>
        ))}
      </select>
    </label>
  )
}
