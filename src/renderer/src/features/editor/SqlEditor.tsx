import Editor, { type OnMount } from '@monaco-editor/react'
import { useEffect, useRef, useState } from 'react'
import { lineColumnAt } from '../../../../shared/text-position'
import { useAppStore } from '../../app/app-store'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore, useWorkspace } from '../workspace/workspace-store'
import { errorOffset } from '../results/error-offset'
import { watchInlineCompletionSetting, useInlineCompletionModule } from './completion/inline-completion-loader'
import { setEditorHandle } from './editor-handle'
import { monaco } from './monaco-setup'
import { installStatementHighlight } from './statement-highlight'

/** Monaco on the active tab: one model per tab (its own undo history and cursor), text kept in the tab's store. */
export function SqlEditor(): React.JSX.Element {
  const tabId = useWorkspace((s) => s.activeId)
  const ids = useWorkspace((s) => s.ids)
  const sql = useActiveTab((t) => t.sql)
  const error = useActiveTab((t) => (t.run.origin === 'editor' && !t.run.running ? t.run.error : undefined))
  const theme = useAppStore((s) => s.theme)
  const fontSize = useAppStore((s) => s.settings?.editorFontSize ?? 14)
  // the editor is created again once Monaco's inline-completion module has loaded (its controller attaches at creation)
  const inlineCompletion = useInlineCompletionModule((s) => s.loaded)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  /** The cursor, scroll and focus of the editor being replaced by that re-creation, for the new one. */
  const carried = useRef<{ view: monaco.editor.ICodeEditorViewState | null; focused: boolean; uri: string } | undefined>(undefined)
  /** Counts those re-creations: the error marker is set again on the new editor's model. */
  const [recreated, setRecreated] = useState(0)

  const onMount: OnMount = (editor) => {
    editorRef.current = editor
    setEditorHandle(editor)
    installStatementHighlight(editor)
    // text typed just before the window loses focus is saved now, not a moment later
    editor.onDidBlurEditorText(() => void useWorkspace.getState().flush())
    const before = carried.current
    carried.current = undefined
    if (before && before.uri === editor.getModel()?.uri.toString()) {
      editor.restoreViewState(before.view)
      if (before.focused) editor.focus()
      setRecreated((n) => n + 1)
    } else if (!before) editor.focus()
    watchInlineCompletionSetting()
  }
  useEffect(() => () => setEditorHandle(null), [])
  // before that re-creation (this store's listeners run before React renders the change)
  useEffect(
    () =>
      useInlineCompletionModule.subscribe((state, previous) => {
        const editor = editorRef.current
        const model = editor?.getModel()
        if (state.loaded && !previous.loaded && editor && model) carried.current = { view: editor.saveViewState(), focused: editor.hasTextFocus(), uri: model.uri.toString() }
      }),
    []
  )

  // a closed tab's model goes with it
  useEffect(() => {
    const open = new Set(ids)
    for (const model of monaco.editor.getModels()) if (model.uri.scheme === 'tab' && !open.has(model.uri.path.slice(1))) model.dispose()
  }, [ids])

  // the last run's error, marked where it happened
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const offset = error ? errorOffset(error, model.getValue()) : undefined
    const markers: monaco.editor.IMarkerData[] = []
    if (error && offset !== undefined) {
      const { line, column } = lineColumnAt(model.getValue(), offset)
      markers.push({ severity: monaco.MarkerSeverity.Error, message: error.message, startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: model.getLineMaxColumn(Math.min(line, model.getLineCount())) })
    }
    monaco.editor.setModelMarkers(model, 'querygenie', markers)
  }, [error, tabId, recreated])

  return (
    <div className="sql-editor" data-testid="sql-editor">
      {tabId && (
        <Editor
          key={inlineCompletion ? 'with-inline-completion' : 'editor'}
          path={monaco.Uri.from({ scheme: 'tab', path: `/${tabId}` }).toString()}
          language="sql"
          value={sql}
          theme={theme === 'dark' ? 'qg-dark' : 'vs'}
          onChange={(value) => activeTabStore()?.getState().setSql(value ?? '')}
          onMount={onMount}
          options={{ minimap: { enabled: false }, fontSize, automaticLayout: true, scrollBeyondLastLine: false, tabSize: 2 }}
        />
      )}
    </div>
  )
}
