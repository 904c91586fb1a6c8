import { useAppStore } from '../../app/app-store'
import { useDataTabs } from './data-store'
import { OpenTableForm } from './OpenTableForm'
import { TableDataView } from './TableDataView'
import { dropTableStore, tableStore } from './table-store'
import { pendingCount } from './pending'
import './data.css'

/** The Data view: one tab per open table (like an editor tab), each with its own filter, sort and pending edits. */
export function DataView(): React.JSX.Element {
  const { tabs, activeId, activate, close } = useDataTabs()
  const connections = useAppStore((s) => s.connections)
  const active = tabs.find((t) => t.id === activeId)
  return (
    <div className="data-view" data-testid="data-view">
      <div className="data-tabs" role="tablist">
        {tabs.map((t) => {
          const connection = connections.find((c) => c.id === t.connectionId)
          return (
            <span key={t.id} className={`data-tab${t.id === activeId ? ' active' : ''}`} role="tab" aria-selected={t.id === activeId} title={`${connection?.name ?? ''}: ${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`} data-testid={`data-tab-${t.title}`}>
              <button className="data-tab-label" onClick={() => activate(t.id)}>
                ▦ {t.title}
                {connection && <span className="muted"> · {connection.name}</span>}
              </button>
              <button
                className="data-tab-close"
                aria-label={`Close ${t.title}`}
                onClick={() => {
                  const pending = pendingCount(tableStore(t).getState().pending)
                  if (pending && !window.confirm(`Discard ${pending} pending change${pending === 1 ? '' : 's'} to ${t.title}?`)) return
                  close(t.id)
                  dropTableStore(t.id)
                }}
              >
                ×
              </button>
            </span>
          )
        })}
        <span className="spacer" />
        <OpenTableForm autoFocus={tabs.length === 0} />
      </div>
      {active ? (
        <TableDataView key={active.id} tab={active} />
      ) : (
        <div className="data-view-message muted">Open a table from the schema tree (right-click → Open data, or double-click a table), or type its name above.</div>
      )}
    </div>
  )
}
