import './tabs.css'
import { awaitsEnd } from '../../../../shared/transaction-state'
import { useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { useAppStore } from '../../app/app-store'
import { closeTab } from '../workspace/tab-actions'
import { useActiveTab } from '../workspace/use-tab'
import type { TabStore } from '../workspace/tab-store'
import { tabStore, useWorkspace } from '../workspace/workspace-store'

/** The editor's tab bar: one tab per script; text and tabs survive restarts and crashes. */
export function EditorTabs(): React.JSX.Element {
  const { loaded, ids, activeId, saveError, closed, load, add, reopenClosed, forgetClosed } = useWorkspace()
  const browsingConnectionId = useAppStore((s) => s.browsingConnectionId ?? null)
  useEffect(() => {
    if (!loaded) void load(browsingConnectionId).catch(() => undefined)
  }, [loaded, load, browsingConnectionId])
  useEffect(() => {
    if (!closed) return
    const timer = setTimeout(forgetClosed, 10_000)
    return () => clearTimeout(timer)
  }, [closed, forgetClosed])
  const activeConnection = useActiveTab((t) => t.connectionId)
  return (
    <div className="editor-tabs-bar">
      <div className="editor-tabs" role="tablist" data-testid="editor-tabs">
        {ids.map((id) => {
          const store = tabStore(id)
          return store ? <TabButton key={id} store={store} active={id === activeId} /> : null
        })}
      </div>
      <button className="editor-tab-add" onClick={() => add(activeConnection ?? browsingConnectionId)} aria-label="New tab" title="New query tab (Alt+N)" data-testid="new-tab">
        +
      </button>
      {saveError && <span className="inline-error" data-testid="tab-save-error">Not saved to disk yet (kept in this page): {saveError}</span>}
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

function TabButton({ store, active }: { store: TabStore; active: boolean }): React.JSX.Element {
  const id = useStore(store, (t) => t.id)
  const title = useStore(store, (t) => t.title)
  const rename = useStore(store, (t) => t.rename)
  const running = useStore(store, (t) => t.run.running)
  const transaction = useStore(store, (t) => t.transaction)
  const connectionId = useStore(store, (t) => t.connectionId)
  const connection = useAppStore((s) => s.connections.find((c) => c.id === connectionId))
  const activate = useWorkspace((s) => s.activate)
  const [editing, setEditing] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [active])
  const inTransaction = awaitsEnd(transaction)
  return (
    <div ref={ref} role="tab" aria-selected={active} className={`editor-tab${active ? ' active' : ''}`} data-testid="editor-tab">
      <span className="dot" style={{ background: connection?.color ?? 'var(--accent)' }} />
      {editing ? (
        <input
          className="editor-tab-rename"
          defaultValue={title}
          autoFocus
          onBlur={(e) => {
            rename(e.target.value)
            setEditing(false)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur()
            if (e.key === 'Escape') setEditing(false)
          }}
        />
      ) : (
        <button
          className="editor-tab-title"
          onClick={() => activate(id)}
          onDoubleClick={() => setEditing(true)}
          onAuxClick={(e) => e.button === 1 && closeTab(id)}
          title={`${title} · ${connection?.name ?? 'no connection'} · double-click to rename`}
        >
          {title}
          {running && <span className="tab-running" aria-label="running" data-testid="tab-running" />}
          {inTransaction && (
            <span className={`tab-tx tab-tx-${transaction}`} title={transaction === 'failed' ? 'Failed transaction: roll it back' : 'Open transaction'} data-testid="tab-transaction">
              TX
            </span>
          )}
        </button>
      )}
      <button className="editor-tab-close" onClick={() => closeTab(id)} aria-label={`Close ${title}`}>
        ×
      </button>
    </div>
  )
}
