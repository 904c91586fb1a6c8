import { useActiveConnection } from '../../app/app-store'
import { SqlEditor, type RunRequest } from './SqlEditor'
import { ResultsPanel } from '../results/ResultsPanel'
import { useResultsStore } from '../results/results-store'

/** The editor view: toolbar, Monaco, results. */
export function EditorWorkspace(): React.JSX.Element {
  const connection = useActiveConnection()
  const run = useResultsStore((s) => s.run)
  const running = useResultsStore((s) => s.running)
  const cancel = useResultsStore((s) => s.cancel)

  const onRun = ({ sql, offset }: RunRequest): void => {
    if (connection && sql.trim()) void run(connection.id, sql, offset)
  }

  return (
    <div className="editor-workspace">
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
    </div>
  )
}
