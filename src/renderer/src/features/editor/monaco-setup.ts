import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/sql/register'
import 'monaco-editor/languages/definitions/pgsql/register'
import 'monaco-editor/languages/definitions/mysql/register'
import { loader } from '@monaco-editor/react'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

/** Monaco from the local package: the default CDN loader fails offline. Imported once, before any editor. */
self.MonacoEnvironment = { getWorker: () => new EditorWorker() }
loader.config({ monaco })

/** vs-dark's tokens on the app's dark surface (--bg in app.css), so the editor is not a differently tinted block. */
monaco.editor.defineTheme('qg-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1b1e24', 'editorGutter.background': '#1b1e24', 'minimap.background': '#1b1e24' }
})

export { monaco }
