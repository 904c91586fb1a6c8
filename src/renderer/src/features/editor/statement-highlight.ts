import type { Dialect } from '../../../../shared/cells'
import { useAppStore } from '../../app/app-store'
import { tabStore, useWorkspace } from '../workspace/workspace-store'
import { activeEngine } from './active-engine'
import { monaco } from './monaco-setup'
import { pieceAt, splitStatements, type StatementPiece } from '../../../../shared/statement-split'
import './statement-highlight.css'

/**
 * Shades the lines of the statement Ctrl+Enter would run (none while text is selected: the selection runs then).
 * Follows cursor moves, edits, tab switches and the tab's connection (its engine splits the text), at most once a frame;
 * the text is split again only when it or the engine changed.
 */
export function installStatementHighlight(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
  const decorations = editor.createDecorationsCollection()
  let split: { model: monaco.editor.ITextModel; version: number; dialect: Dialect; pieces: StatementPiece[] } | undefined
  let shown = ''
  let frame = 0

  const show = (lines?: { from: number; to: number }): void => {
    const key = lines ? `${lines.from}-${lines.to}` : ''
    if (key === shown) return
    shown = key
    if (!lines) return decorations.clear()
    decorations.set([
      {
        range: new monaco.Range(lines.from, 1, lines.to, 1),
        options: { isWholeLine: true, className: 'qg-current-statement', linesDecorationsClassName: 'qg-current-statement-gutter' }
      }
    ])
  }

  const update = (): void => {
    frame = 0
    const model = editor.getModel()
    const selection = editor.getSelection()
    const dialect = activeEngine()?.dialect
    if (!model || !selection || !selection.isEmpty() || !dialect) return show()
    const version = model.getVersionId()
    if (split?.model !== model || split.version !== version || split.dialect !== dialect) split = { model, version, dialect, pieces: splitStatements(model.getValue(), dialect) }
    const piece = pieceAt(split.pieces, model.getOffsetAt(selection.getPosition()))
    if (!piece) return show()
    show({ from: model.getPositionAt(piece.offset).lineNumber, to: model.getPositionAt(piece.offset + piece.text.length).lineNumber })
  }
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(update)
  }

  // the active tab's own store says which connection (so which engine) it uses
  let followedTab: string | null = null
  let unfollowTab = (): void => undefined
  const followActiveTab = (): void => {
    const id = useWorkspace.getState().activeId
    if (id !== followedTab) {
      unfollowTab()
      followedTab = id
      unfollowTab = tabStore(id)?.subscribe((state, previous) => state.connectionId !== previous.connectionId && schedule()) ?? (() => undefined)
    }
    schedule()
  }
  followActiveTab()
  const listeners = [
    editor.onDidChangeCursorSelection(schedule),
    editor.onDidChangeModelContent(schedule),
    editor.onDidChangeModel(schedule),
    { dispose: useWorkspace.subscribe(followActiveTab) },
    { dispose: useAppStore.subscribe((state, previous) => state.connections !== previous.connections && schedule()) }
  ]
  let disposed = false
  const disposable = {
    dispose(): void {
      if (disposed) return
      disposed = true
      cancelAnimationFrame(frame)
      unfollowTab()
      for (const listener of listeners) listener.dispose()
      decorations.clear()
    }
  }
  editor.onDidDispose(() => disposable.dispose())
  return disposable
}
