import './history.css'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import type { HistoryEntry, SavedQuery } from '../../../../shared/contract'
import { useAppStore } from '../../app/app-store'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore, useWorkspace } from '../workspace/workspace-store'
import { useHistoryStore } from './history-store'

/** Opens SQL in a new editor tab (keeping the current tab's text as it is). */
function openInEditor(sql: string, connectionId: string | null, title?: string): void {
  const known = connectionId && useAppStore.getState().connections.some((c) => c.id === connectionId)
  useWorkspace.getState().add(known ? connectionId : (activeTabStore()?.getState().connectionId ?? null), { title, sql })
  useAppStore.getState().setView('editor')
}

/** Shows the plan kept with a history entry in the active tab's plan view (where it can be compared with a pinned baseline). */
async function openPlan(entry: HistoryEntry): Promise<void> {
  const plan = await api.call('history.plan', { id: entry.id })
  const tab = activeTabStore()?.getState()
  if (!tab) throw new Error('Open an editor tab first.')
  tab.openPlan({ plan, sql: entry.sql, connectionId: entry.connectionId, source: 'history' })
  useAppStore.getState().setView('editor')
}

function OpenPlanButton({ entry }: { entry: HistoryEntry }): React.JSX.Element {
  const [error, setError] = useState<string>()
  return (
    <>
      <button
        className="link history-open-plan"
        onClick={() => {
          setError(undefined)
          openPlan(entry).catch((e) => setError(errorMessage(e)))
        }}
        title="Show this plan in the current tab's plan view"
        data-testid="history-open-plan"
      >
        Open plan
      </button>
      {error && <span className="history-error">{error}</span>}
    </>
  )
}

function SaveCurrent(): React.JSX.Element {
  const save = useHistoryStore((s) => s.save)
  const connectionId = useActiveTab((t) => t.connectionId)
  const [name, setName] = useState('')
  const [folder, setFolder] = useState('')
  return (
    <form
      className="save-query"
      onSubmit={(e) => {
        e.preventDefault()
        if (!name.trim()) return
        void save({ name, folder, sql: activeTabStore()?.getState().sql ?? '', connectionId }).then((s) => s && setName(''))
      }}
    >
      <input placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} data-testid="saved-name" />
      <input placeholder="Folder (a/b)" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="saved-folder" />
      <button type="submit" disabled={!name.trim()} data-testid="saved-save">
        Save current
      </button>
    </form>
  )
}

function SavedList({ saved }: { saved: SavedQuery[] }): React.JSX.Element {
  const remove = useHistoryStore((s) => s.removeSaved)
  const byFolder = useMemo(() => {
    const map = new Map<string, SavedQuery[]>()
    for (const q of saved) map.set(q.folder, [...(map.get(q.folder) ?? []), q])
    return [...map.entries()]
  }, [saved])
  if (!saved.length) return <div className="muted">No saved queries yet.</div>
  return (
    <div data-testid="saved-list">
      {byFolder.map(([folder, queries]) => (
        <details key={folder} open>
          <summary>{folder || 'Top level'}</summary>
          {queries.map((q) => (
            <div key={q.id} className="history-item">
              <button className="link" onClick={() => openInEditor(q.sql, q.connectionId, q.name)} title={q.sql}>
                {q.name}
              </button>
              <button className="icon" onClick={() => void remove(q.id)} aria-label={`Delete ${q.name}`}>
                ×
              </button>
            </div>
          ))}
        </details>
      ))}
    </div>
  )
}

const STATUS_HINTS: Partial<Record<HistoryEntry['status'], string>> = {
  running: 'Still running',
  interrupted: 'The app stopped before this run finished; its outcome is unknown',
  cancelled: 'Cancelled',
  error: 'Failed'
}

/** Every run (full-text search), reopened in a new editor tab with a click; saved queries in folders. */
export function HistoryPanel(): React.JSX.Element {
  const { search, entries, saved, error, setSearch, refresh, removeEntry } = useHistoryStore()
  useEffect(() => {
    void refresh()
  }, [refresh])
  return (
    <div className="history-panel" data-testid="history-panel">
      <h3>Saved queries</h3>
      <SaveCurrent />
      <SavedList saved={saved} />
      <h3>History</h3>
      <input type="search" placeholder="Search SQL, connection, error…" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="history-search" />
      {error && <div className="inline-error">{error}</div>}
      <div className="history-list" data-testid="history-list">
        {entries.length === 0 && <div className="muted">{search ? 'Nothing matches.' : 'Runs appear here.'}</div>}
        {entries.map((e) => (
          <div key={e.id} className={`history-entry status-${e.status}`} data-testid="history-entry">
            <button className="link history-sql" onClick={() => openInEditor(e.sql, e.connectionId)} title="Open in a new tab">
              {e.sql.length > 300 ? `${e.sql.slice(0, 300)}…` : e.sql}
            </button>
            <div className="muted history-meta">
              {new Date(e.startedAt).toLocaleString()} · {e.connectionName}
              {e.status !== 'running' && e.status !== 'interrupted' && ` · ${Math.round(e.durationMs)} ms · ${e.rows.toLocaleString()} ${e.rows === 1 ? 'row' : 'rows'}`}
              {e.status !== 'ok' && (
                <span className={`history-status status-${e.status}`} data-testid="history-status" title={STATUS_HINTS[e.status]}>
                  {e.status}
                </span>
              )}
              <button className="icon" onClick={() => void removeEntry(e.id)} aria-label="Delete entry">
                ×
              </button>
            </div>
            {e.plan && (
              <div className="history-plan-row">
                <span className="history-plan-badge" data-testid="history-plan-badge" title="A plan of this statement was kept">
                  {e.plan === 'analyze' ? 'plan · analyzed' : 'plan'}
                </span>
                <OpenPlanButton entry={e} />
              </div>
            )}
            {e.error && <div className="history-error">{e.error}</div>}
          </div>
        ))}
      </div>
    </div>
  )
}
