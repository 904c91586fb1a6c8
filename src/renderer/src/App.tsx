import { useEffect } from 'react'
import { useAppStore, useActiveConnection } from './app/app-store'
import { StatusBar } from './app/StatusBar'
import { ConnectionList } from './features/connections/ConnectionList'
import { SchemaTree } from './features/schema/SchemaTree'
import { SqlEditor, type RunRequest } from './features/editor/SqlEditor'
import { ResultsPanel } from './features/results/ResultsPanel'
import { useResultsStore } from './features/results/results-store'

export function App(): React.JSX.Element {
  const { ready, startupError, theme, notices, load, setTheme } = useAppStore()
  const connection = useActiveConnection()
  const run = useResultsStore((s) => s.run)
  const running = useResultsStore((s) => s.running)
  const cancel = useResultsStore((s) => s.cancel)

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  if (startupError) return <div className="startup-error">QueryGenie could not start: {startupError}</div>
  if (!ready) return <div className="startup">Starting QueryGenie…</div>

  const onRun = ({ sql, offset }: RunRequest): void => {
    if (connection && sql.trim()) void run(connection.id, sql, offset)
  }

  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">QueryGenie</span>
        <span className="spacer" />
        <button onClick={() => void setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
          {theme === 'dark' ? 'Light' : 'Dark'} theme
        </button>
      </header>
      {notices.length > 0 && <div className="notice-bar">{notices.join(' ')}</div>}
      <aside className="sidebar">
        <ConnectionList />
        <SchemaTree />
      </aside>
      <main className="workspace">
        <div className="editor-toolbar">
          <button className="primary" disabled={running} onClick={() => document.dispatchEvent(new CustomEvent('qg:run'))} title="Ctrl/Cmd+Enter">
            Run
          </button>
          <button disabled={!running} onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
        <SqlEditor onRun={onRun} />
        <ResultsPanel />
      </main>
      <StatusBar />
    </div>
  )
}
