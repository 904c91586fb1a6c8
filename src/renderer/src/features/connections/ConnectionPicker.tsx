import { useEffect } from 'react'
import { useAppStore } from '../../app/app-store'
import { useTabsStore } from '../tabs/tabs-store'

/** Which connection the current editor tab runs on; switching tabs switches the connection with them. */
export function ConnectionPicker(): React.JSX.Element {
  const connections = useAppStore((s) => s.connections)
  const activeId = useAppStore((s) => s.activeConnectionId)
  const setActive = useAppStore((s) => s.setActiveConnection)
  const tabId = useTabsStore((s) => s.activeId)
  const tabConnection = useTabsStore((s) => s.tabs.find((t) => t.id === s.activeId)?.connectionId ?? null)

  useEffect(() => {
    if (tabConnection && tabConnection !== activeId && connections.some((c) => c.id === tabConnection)) setActive(tabConnection)
    // only when the tab (or its connection) changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabId, tabConnection])

  const active = connections.find((c) => c.id === activeId)
  return (
    <label className="connection-picker" title="Connection for this tab">
      <span className="dot" style={{ background: active?.color ?? 'var(--accent)' }} />
      <select
        value={activeId ?? ''}
        onChange={(e) => {
          setActive(e.target.value)
          if (tabId) useTabsStore.getState().setConnection(tabId, e.target.value)
        }}
        data-testid="tab-connection-picker"
      >
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
