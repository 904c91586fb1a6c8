import type { monaco } from './monaco-setup'

/** The mounted SQL editor, for commands that act on its selection or cursor (run, format, insert). */
let current: monaco.editor.IStandaloneCodeEditor | null = null
let firstMounted: () => void = () => undefined
/** Resolves when the SQL editor has mounted for the first time (the first screen is up). */
export const editorFirstMounted = new Promise<void>((resolve) => (firstMounted = resolve))

export function setEditorHandle(editor: monaco.editor.IStandaloneCodeEditor | null): void {
  current = editor
  if (editor) firstMounted()
}

export function editorHandle(): monaco.editor.IStandaloneCodeEditor | null {
  return current
}

export interface EditorRunRequest {
  sql: string
  editorOffset: number
  cursorOffset?: number
}

/** What Run means now: the selection, else the statement at the cursor; `script` runs the whole text. */
export function runRequestFromEditor(scope: 'cursor' | 'script', fallbackText: string): EditorRunRequest {
  const model = current?.getModel()
  const selection = current?.getSelection()
  if (!current || !model) return { sql: fallbackText, editorOffset: 0 }
  current.trigger('run', 'hideSuggestWidget', null) // a completion list left open would cover the results' first lines
  if (scope === 'cursor' && selection && !selection.isEmpty()) {
    return { sql: model.getValueInRange(selection), editorOffset: model.getOffsetAt(selection.getStartPosition()) }
  }
  if (scope === 'cursor' && selection) return { sql: model.getValue(), editorOffset: 0, cursorOffset: model.getOffsetAt(selection.getPosition()) }
  return { sql: model.getValue(), editorOffset: 0 }
}

/** Moves the cursor to an offset of the editor text and shows it (error panel "jump to"). */
export function revealOffset(offset: number): void {
  const model = current?.getModel()
  if (!current || !model) return
  const position = model.getPositionAt(offset)
  current.setPosition(position)
  current.revealPositionInCenterIfOutsideViewport(position)
  current.focus()
}
