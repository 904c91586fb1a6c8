import './connections.css'
import { useEffect, useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useDismiss } from '../../app/use-dismiss'
import { useWorkspace } from '../workspace/workspace-store'
import { useConnectionsStore } from './connections-store'

/** Opens a new query tab on the connection (the sidebar's double-click, as DataGrip's "new console"). */
function openConsole(connectionId: string): void {
  useWorkspace.getState().add(connectionId)
  useAppStore.getState().setView('editor')
}

const stateLabels = { disconnected: 'not connected', connecting: 'connecting…', connected: 'connected', error: 'error' } as const

/** Sidebar: saved connections with their live status, and the actions on each. */
export function ConnectionList(): React.JSX.Element {
  const connections = useAppStore((s) => s.connections)
  const activeId = useAppStore((s) => s.browsingConnectionId)
  const browse = useAppStore((s) => s.browseConnection)
  const { statuses, openNew, openEdit, duplicate, remove, connect, disconnect } = useConnectionsStore()
  const [menu, setMenu] = useState<string>()
  const menuRef = useDismiss<HTMLDivElement>(() => setMenu(undefined), menu !== undefined)
  const [error, setError] = useState<string>()
  useEffect(() => {
    void useConnectionsStore.getState().loadStatuses()
  }, [])

  const guard = (action: () => Promise<void>): void => {
    setMenu(undefined)
    setError(undefined)
    action().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }

  return (
    <div className="sidebar-section" data-testid="connection-list">
      <div className="section-head">
        <h2>Connections</h2>
        <button className="icon" title="New connection" onClick={openNew} data-testid="new-connection">
          +
        </button>
      </div>
      <ul className="connection-list">
        {connections.map((c) => {
          const status = statuses[c.id]
          const state = status?.state ?? 'disconnected'
          return (
            <li key={c.id} className={`connection-item state-${state}`} data-testid={`connection-${c.id}`}>
              <button
                className={c.id === activeId ? 'active' : ''}
                onClick={() => browse(c.id)}
                onDoubleClick={() => openConsole(c.id)}
                title={[c.dialect, stateLabels[state], status?.serverVersion, status?.message, c.readOnly ? 'read-only' : '', 'double-click: new query tab'].filter(Boolean).join(' · ')}
              >
                <span className="dot" style={{ background: c.color ?? 'var(--accent)' }} />
                <span className="connection-name">{c.name}</span>
                <span className={`status-dot ${state}`} aria-label={stateLabels[state]} data-testid={`status-${c.id}`} data-state={state} />
                {c.tag === 'production' && <span className="badge tag-production">PROD</span>}
                {c.readOnly && <span className="badge">RO</span>}
              </button>
              <button className="icon more" title="Actions" onMouseDown={(e) => e.stopPropagation()} onClick={() => setMenu(menu === c.id ? undefined : c.id)} data-testid={`connection-menu-${c.id}`}>
                ⋯
              </button>
              {menu === c.id && (
                <div className="connection-menu" role="menu" ref={menuRef} data-testid="connection-menu">
                  <button onClick={() => (setMenu(undefined), openConsole(c.id))} data-testid="connection-open-console">New query tab</button>
                  {state === 'connected' ? (
                    <button onClick={() => guard(() => disconnect(c.id))}>Disconnect</button>
                  ) : (
                    <button onClick={() => guard(() => connect(c.id))}>Connect</button>
                  )}
                  {!c.builtin && <button onClick={() => (setMenu(undefined), openEdit(c.id))} data-testid="connection-edit">Edit…</button>}
                  <button onClick={() => guard(() => duplicate(c.id))}>Duplicate</button>
                  {!c.builtin && (
                    <button
                      className="danger"
                      onClick={() => window.confirm(`Delete the connection "${c.name}"? Saved queries and history stay.`) && guard(() => remove(c.id))}
                    >
                      Delete
                    </button>
                  )}
                </div>
              )}
              {state === 'error' && status?.message && <div className="connection-error">{status.message}</div>}
              {state === 'connected' && status?.message && <div className="connection-note">{status.message}</div>}
            </li>
          )
        })}
      </ul>
      {error && <p className="inline-error">{error}</p>}
    </div>
  )
}
