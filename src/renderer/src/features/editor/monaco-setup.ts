import * as monaco from 'monaco-editor/editor'
// What SQL editing uses, not `features/register.all` (inline completions, code lens, colour picker, diff editor,
// quick access, sticky scroll… are a third of Monaco and the first screen would wait for them). Add a feature here
// when the app starts to use it.
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/dnd/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/indentation/register'
import 'monaco-editor/features/lineSelection/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/longLinesHelper/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/readOnlyMessage/register'
import 'monaco-editor/features/smartSelect/register'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/features/toggleTabFocusMode/register'
import 'monaco-editor/features/unicodeHighlighter/register'
import 'monaco-editor/features/unusualLineTerminators/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/features/wordPartOperations/register'
import 'monaco-editor/languages/definitions/sql/register'
import 'monaco-editor/languages/definitions/pgsql/register'
import 'monaco-editor/languages/definitions/mysql/register'
import { loader } from '@monaco-editor/react'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

/** Monaco from the local package: the default CDN loader fails offline. Imported once, before any editor. */
self.MonacoEnvironment = { getWorker: () => new EditorWorker() }
loader.config({ monaco })

// The SQL tokenizer is a chunk of its own that Monaco asks for when the first editor opens a model; fetched now, while
// the page waits for its first answers, it is at hand then (the language's own loader imports the same module).
void import('monaco-editor/languages/definitions/sql/sql').catch(() => undefined)

/** vs-dark's tokens on the app's dark surface (--bg in app.css), so the editor is not a differently tinted block. */
monaco.editor.defineTheme('qg-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1b1e24', 'editorGutter.background': '#1b1e24', 'minimap.background': '#1b1e24' }
})

export { monaco }
