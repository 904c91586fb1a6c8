import { useAppStore } from '../../app/app-store'

export function ConnectionList(): React.JSX.Element {
  const connections = useAppStore((s) => s.connections)
  const activeId = useAppStore((s) => s.activeConnectionId)
  const setActive = useAppStore((s) => s.setActiveConnection)
  return (
    <div className="sidebar-section" data-testid="connection-list">
      <h2>Connections</h2>
      <ul className="connection-list">
        {connections.map((c) => (
          <li key={c.id}>
            <button className={c.id === activeId ? 'active' : ''} onClick={() => setActive(c.id)} title={`${c.dialect}${c.readOnly ? ' · read-only' : ''}`}>
              <span className="dot" style={{ background: c.color ?? 'var(--accent)' }} />
              {c.name}
              {c.readOnly && <span className="badge">RO</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
