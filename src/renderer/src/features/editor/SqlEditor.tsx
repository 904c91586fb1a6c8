import Editor, { type OnMount } from '@monaco-editor/react'
import { useEffect, useRef } from 'react'
import { monaco } from './monaco-setup'
import { useEditorStore } from './editor-store'
import { useAppStore } from '../../app/app-store'

export interface RunRequest {
  sql: string
  /** Offset of `sql` in the editor text, so error positions map back. */
  offset: number
  /** Run only the statement at this offset of `sql` (Ctrl/Cmd+Enter without a selection). */
  cursorOffset?: number
}

interface Props {
  onRun(request: RunRequest): void
}

/** Ctrl/Cmd+Enter runs the selection, or the statement at the cursor; Ctrl/Cmd+Shift+Enter runs the whole script. */
export function SqlEditor({ onRun }: Props): React.JSX.Element {
  const text = useEditorStore((s) => s.text)
  const setText = useEditorStore((s) => s.setText)
  const marker = useEditorStore((s) => s.marker)
  const theme = useAppStore((s) => s.theme)
  const fontSize = useAppStore((s) => s.settings?.editorFontSize ?? 14)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const onRunRef = useRef(onRun)
  onRunRef.current = onRun

  const onMount: OnMount = (editor) => {
    editorRef.current = editor
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runFrom(editor))
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => runFrom(editor, 'script'))
    editor.focus()
  }

  const runFrom = (editor: monaco.editor.IStandaloneCodeEditor, scope: 'cursor' | 'script' = 'cursor'): void => {
    const model = editor.getModel()
    const selection = editor.getSelection()
    if (!model) return
    editor.trigger('run', 'hideSuggestWidget', null) // a completion list left open would cover the results' first lines
    if (scope === 'cursor' && selection && !selection.isEmpty()) {
      onRunRef.current({ sql: model.getValueInRange(selection), offset: model.getOffsetAt(selection.getStartPosition()) })
    } else if (scope === 'cursor' && selection) {
      onRunRef.current({ sql: model.getValue(), offset: 0, cursorOffset: model.getOffsetAt(selection.getPosition()) })
    } else {
      onRunRef.current({ sql: model.getValue(), offset: 0 })
    }
  }

  useEffect(() => {
    const listener = (e: Event): void => {
      if (editorRef.current) runFrom(editorRef.current, (e as CustomEvent<{ scope?: 'cursor' | 'script' }>).detail?.scope ?? 'cursor')
    }
    document.addEventListener('qg:run', listener)
    return () => document.removeEventListener('qg:run', listener)
  }, [])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const markers: monaco.editor.IMarkerData[] = marker
      ? [
          {
            severity: monaco.MarkerSeverity.Error,
            message: marker.message,
            startLineNumber: marker.line,
            startColumn: marker.column,
            endLineNumber: marker.line,
            endColumn: model.getLineMaxColumn(Math.min(marker.line, model.getLineCount()))
          }
        ]
      : []
    monaco.editor.setModelMarkers(model, 'querygenie', markers)
  }, [marker])

  return (
    <div className="sql-editor" data-testid="sql-editor">
      <Editor
        language="sql"
        value={text}
        theme={theme === 'dark' ? 'qg-dark' : 'vs'}
        onChange={(value) => setText(value ?? '')}
        onMount={onMount}
        options={{ minimap: { enabled: false }, fontSize, automaticLayout: true, scrollBeyondLastLine: false, tabSize: 2 }}
      />
    </div>
  )
}
