import { Suspense, useEffect } from 'react'
import { useAppStore } from './app/app-store'
import { overlays, sidePanels, views } from './app/registry'
import './app/views'
import './features/ai/register'
import './features/connections/register'
import './features/docs/register'
import './features/data/register'
import './features/schema/register'
import './features/history/register'
import './features/import/register'
import './features/audit/register'
import './features/activity/register'
import './features/compare/register'
import './features/pii/register'
import { StatusBar } from './app/StatusBar'
import { CommandPalette } from './app/CommandPalette'
import { installKeyBindings } from './app/commands'
import { registerViewCommands } from './app/app-commands'
import { SettingsDialog } from './app/SettingsDialog'
import { SidebarResizer } from './app/SidebarResizer'
import { ConnectionList } from './features/connections/ConnectionList'
import { SchemaTree } from './features/schema/SchemaTree'

registerViewCommands()

export function App(): React.JSX.Element {
  const { ready, startupError, theme, notices, load, setTheme, view, setView, panel, setPanel, settingsOpen, openSettings } = useAppStore()

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => installKeyBindings(), [])

  if (startupError) return <div className="startup-error">QueryGenie could not start: {startupError}</div>
  if (!ready) return <div className="startup">Starting QueryGenie…</div>

  const current = views.find((v) => v.id === view) ?? views[0]!
  const CurrentView = current.component
  const openPanel = sidePanels.find((p) => p.id === panel)
  const PanelComponent = openPanel?.component

  return (
    <div className={`app${openPanel ? ' with-panel' : ''}`}>
      <header className="top-bar">
        <span className="brand">QueryGenie</span>
        <nav className="view-tabs">
          {views.map((v) => (
            <button key={v.id} className={v.id === current.id ? 'active' : ''} onClick={() => setView(v.id)} data-testid={`view-${v.id}`}>
              {v.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        {sidePanels.map((p) => (
          <button key={p.id} className={p.id === panel ? 'active' : ''} onClick={() => setPanel(p.id === panel ? undefined : p.id)} data-testid={`panel-${p.id}`}>
            {p.label}
          </button>
        ))}
        <button onClick={() => openSettings()} data-testid="open-settings">
          Settings
        </button>
        <button onClick={() => void setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
          {theme === 'dark' ? 'Light' : 'Dark'} theme
        </button>
      </header>
      {notices.length > 0 && <div className="notice-bar">{notices.join(' ')}</div>}
      <aside className="sidebar">
        <ConnectionList />
        <SchemaTree />
      </aside>
      <SidebarResizer />
      <main className="workspace">
        {/* views other than the editor are loaded when first opened */}
        <Suspense fallback={<div className="view-loading">Loading…</div>}>
          <CurrentView />
        </Suspense>
      </main>
      {PanelComponent && (
        <aside className="side-panel" data-testid={`side-panel-${openPanel.id}`}>
          <Suspense fallback={<div className="view-loading">Loading…</div>}>
            <PanelComponent />
          </Suspense>
        </aside>
      )}
      <StatusBar />
      {settingsOpen && <SettingsDialog onClose={() => openSettings(false)} />}
      <CommandPalette />
      {overlays.map((Overlay, i) => (
        <Overlay key={i} />
      ))}
    </div>
  )
}
