import { useActiveConnection } from '../../app/app-store'
import { SqlEditor, type RunRequest } from './SqlEditor'
import { ResultsPanel } from '../results/ResultsPanel'
import { useResultsStore } from '../results/results-store'
import { useErrorMarker } from '../results/use-error-marker'
import { EditorTabs } from '../tabs/EditorTabs'
import { ConnectionPicker } from '../connections/ConnectionPicker'
import { useTabsStore } from '../tabs/tabs-store'

/** The editor view: toolbar, Monaco, results. */
export function EditorWorkspace(): React.JSX.Element {
  const connection = useActiveConnection()
  const run = useResultsStore((s) => s.run)
  const running = useResultsStore((s) => s.running)
  const cancel = useResultsStore((s) => s.cancel)

  useErrorMarker()

  const onRun = ({ sql, offset, cursorOffset }: RunRequest): void => {
    if (!connection || !sql.trim()) return
    const tabId = useTabsStore.getState().activeId ?? undefined
    if (tabId) useTabsStore.getState().setConnection(tabId, connection.id)
    void run(connection.id, sql, offset, { cursorOffset, tabId })
  }

  return (
    <div className="editor-workspace">
      <div>
      <div className="editor-toolbar">
        <button className="primary" disabled={running} onClick={() => document.dispatchEvent(new CustomEvent('qg:run'))} title="Selection or statement at the cursor (Ctrl/Cmd+Enter)" data-testid="run-statement">
          Run
        </button>
        <button disabled={running} onClick={() => document.dispatchEvent(new CustomEvent('qg:run', { detail: { scope: 'script' } }))} title="Whole script (Ctrl/Cmd+Shift+Enter)" data-testid="run-script">
          Run script
        </button>
        <button disabled={!running} onClick={() => void cancel()}>
          Cancel
        </button>
        <ConnectionPicker />
      </div>
      <EditorTabs />
      </div>
      <SqlEditor onRun={onRun} />
      <ResultsPanel />
    </div>
  )
}
