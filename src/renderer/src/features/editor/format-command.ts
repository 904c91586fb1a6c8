import { create } from 'zustand'
import { registerCommands } from '../../app/commands'
import { activeTabStore } from '../workspace/workspace-store'
import { activeEngine } from './active-engine'
import { editorHandle } from './editor-handle'
import type { tryFormatSql } from './format-sql'
import { monaco } from './monaco-setup'

/** Why the last Format left the text as it was, shown beside the toolbar's Format button for a few seconds. */
export const useFormatNote = create<{ note?: string }>(() => ({}))
let noteTimer: ReturnType<typeof setTimeout> | undefined

function showNote(note?: string): void {
  clearTimeout(noteTimer)
  useFormatNote.setState({ note })
  if (note) noteTimer = setTimeout(() => useFormatNote.setState({ note: undefined }), 6000)
}

/** The formatter (sql-formatter, a quarter of a megabyte of script) is loaded on the first Format, not with the app. */
let formatter: Promise<typeof tryFormatSql> | undefined
function loadFormatter(): Promise<typeof tryFormatSql> {
  formatter ??= import('./format-sql').then(
    (m) => m.tryFormatSql,
    (error: unknown) => {
      formatter = undefined
      throw error
    }
  )
  return formatter
}

/**
 * Formats the selection, else the whole text, for the active tab's engine as one undoable edit (Ctrl+Z restores it).
 * SQL the formatter cannot read stays as it is, and a short note beside the Format button says why.
 */
export function formatEditorSql(editor: monaco.editor.IStandaloneCodeEditor): void {
  loadFormatter().then(
    (format) => formatNow(editor, format),
    () => showNote('Not formatted: the formatter could not be loaded')
  )
}

function formatNow(editor: monaco.editor.IStandaloneCodeEditor, format: typeof tryFormatSql): void {
  const model = editor.getModel()
  const selection = editor.getSelection()
  if (!model || !selection) return
  editor.focus() // from the toolbar button or the palette: typing goes on where it was
  const whole = selection.isEmpty()
  const range = whole ? model.getFullModelRange() : selection
  const original = model.getValueInRange(range)
  const engine = activeEngine()
  const result = format(original, engine?.facts, engine?.serverVersion)
  showNote(result.ok ? undefined : `Not formatted: ${result.message}`)
  if (!result.ok) return
  const formatted = result.text
  if (formatted === original) return
  const cursor = selection.getPosition()
  editor.pushUndoStop()
  editor.executeEdits('query.format', [{ range, text: formatted }], (inverse) => {
    if (whole) {
      const at = model.validatePosition(cursor)
      return [new monaco.Selection(at.lineNumber, at.column, at.lineNumber, at.column)]
    }
    const r = inverse[0]!.range
    return [new monaco.Selection(r.startLineNumber, r.startColumn, r.endLineNumber, r.endColumn)]
  })
  editor.pushUndoStop()
}

registerCommands({
  id: 'query.format',
  title: 'Format SQL',
  category: 'Query',
  keys: [
    { key: 'f', shift: true, alt: true },
    { key: 'l', mod: true, alt: true }
  ],
  enabled: () => !!activeTabStore() && !!editorHandle()?.getModel(),
  run: () => {
    const editor = editorHandle()
    if (editor) formatEditorSql(editor)
  }
})
