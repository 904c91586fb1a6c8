import { runCommand } from '../../app/commands'
import { ResizeHandle } from '../../app/ResizeHandle'
import { ConnectionPicker } from '../connections/ConnectionPicker'
import { ExplainButtons } from '../plan/ExplainButtons'
import { ResultsPanel } from '../results/ResultsPanel'
import { EditorTabs } from '../tabs/EditorTabs'
import { TransactionControls } from '../workspace/TransactionControls'
import { useActiveTab } from '../workspace/use-tab'
import '../workspace/commands'
import { FormatButton } from './FormatButton'
import { RunClock } from './RunClock'
import { SqlEditor } from './SqlEditor'

/** The editor view: toolbar, tabs, Monaco, a draggable split, results. */
export function EditorWorkspace(): React.JSX.Element {
  const running = useActiveTab((t) => t.run.running)
  return (
    <div className="editor-workspace">
      <div>
        <div className="editor-toolbar">
          <button className="primary" disabled={running} onClick={() => runCommand('query.run')} title="Selection or statement at the cursor (Ctrl/Cmd+Enter)" data-testid="run-statement">
            Run
          </button>
          <button disabled={running} onClick={() => runCommand('query.runScript')} title="Whole script (Ctrl/Cmd+Shift+Enter)" data-testid="run-script">
            Run script
          </button>
          <button disabled={!running} onClick={() => runCommand('query.cancel')} data-testid="cancel-run">
            Cancel
          </button>
          <ExplainButtons />
          <FormatButton />
          <RunClock />
          <span className="spacer" />
          <TransactionControls />
          <ConnectionPicker />
        </div>
        <EditorTabs />
      </div>
      <SqlEditor />
      <ResizeHandle
        cssVariable="--editor-height"
        storageKey="qg.editorHeight"
        min={80}
        max={() => window.innerHeight - 200}
        orientation="horizontal"
        sizeAt={(e, handle) => e.clientY - (handle.previousElementSibling?.getBoundingClientRect().top ?? 0)}
        label="Resize editor and results"
        className="split-handle"
        testId="editor-split"
      />
      <ResultsPanel />
    </div>
  )
}
