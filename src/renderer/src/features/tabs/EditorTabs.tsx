import './tabs.css'
import { useEffect } from 'react'
import { useAppStore } from '../../app/app-store'
import { useTabsStore } from './tabs-store'

/** The editor's tab bar: one tab per script; text and tabs survive restarts and crashes. */
export function EditorTabs(): React.JSX.Element {
  const { loaded, tabs, activeId, saveError, load, add, close, activate } = useTabsStore()
  const activeConnectionId = useAppStore((s) => s.activeConnectionId ?? null)
  useEffect(() => {
    if (!loaded) void load(activeConnectionId).catch(() => undefined)
  }, [loaded, load, activeConnectionId])
  return (
    <div className="editor-tabs" role="tablist" data-testid="editor-tabs">
      {tabs.map((t) => (
        <div key={t.id} role="tab" aria-selected={t.id === activeId} className={`editor-tab${t.id === activeId ? ' active' : ''}`} data-testid="editor-tab">
          <button className="editor-tab-title" onClick={() => activate(t.id)} onAuxClick={(e) => e.button === 1 && close(t.id)}>
            {t.title}
          </button>
          <button className="editor-tab-close" onClick={() => close(t.id)} aria-label={`Close ${t.title}`}>
            ×
          </button>
        </div>
      ))}
      <button className="editor-tab-add" onClick={() => add(activeConnectionId)} aria-label="New tab" data-testid="new-tab">
        +
      </button>
      {saveError && <span className="inline-error">Not saved: {saveError}</span>}
    </div>
  )
}
