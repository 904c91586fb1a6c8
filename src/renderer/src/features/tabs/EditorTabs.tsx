import './tabs.css'
import { useEffect, useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useTabsStore } from './tabs-store'

/** The editor's tab bar: one tab per script; text and tabs survive restarts and crashes. */
export function EditorTabs(): React.JSX.Element {
  const { loaded, tabs, activeId, saveError, closed, load, add, close, activate, rename, reopenClosed, forgetClosed } = useTabsStore()
  const [editing, setEditing] = useState<string | null>(null)
  const activeConnectionId = useAppStore((s) => s.activeConnectionId ?? null)
  useEffect(() => {
    if (!loaded) void load(activeConnectionId).catch(() => undefined)
  }, [loaded, load, activeConnectionId])
  useEffect(() => {
    if (!closed) return
    const timer = setTimeout(forgetClosed, 10_000)
    return () => clearTimeout(timer)
  }, [closed, forgetClosed])
  return (
    <div className="editor-tabs" role="tablist" data-testid="editor-tabs">
      {tabs.map((t) => (
        <div key={t.id} role="tab" aria-selected={t.id === activeId} className={`editor-tab${t.id === activeId ? ' active' : ''}`} data-testid="editor-tab">
          {editing === t.id ? (
            <input
              className="editor-tab-rename"
              defaultValue={t.title}
              autoFocus
              onBlur={(e) => {
                rename(t.id, e.target.value)
                setEditing(null)
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur()
                if (e.key === 'Escape') setEditing(null)
              }}
            />
          ) : (
            <button
              className="editor-tab-title"
              onClick={() => activate(t.id)}
              onDoubleClick={() => setEditing(t.id)}
              onAuxClick={(e) => e.button === 1 && close(t.id)}
              title="Double-click to rename"
            >
              {t.title}
            </button>
          )}
          <button className="editor-tab-close" onClick={() => close(t.id)} aria-label={`Close ${t.title}`}>
            ×
          </button>
        </div>
      ))}
      <button className="editor-tab-add" onClick={() => add(activeConnectionId)} aria-label="New tab" data-testid="new-tab">
        +
      </button>
      {saveError && <span className="inline-error">Not saved: {saveError}</span>}
      {closed && (
        <span className="editor-tab-closed" data-testid="tab-closed-notice">
          Closed “{closed.title}”
          <button onClick={reopenClosed} data-testid="tab-reopen">
            Undo
          </button>
        </span>
      )}
    </div>
  )
}
