import { complete, type CompletionKind } from '../../../../../shared/completion/complete'
import { hoverAt } from '../../../../../shared/completion/hover'
import type { CompletionIndex } from '../../../../../shared/completion/schema-index'
import { monaco } from '../monaco-setup'

const LANGUAGES = ['sql', 'pgsql', 'mysql']

const KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  function: monaco.languages.CompletionItemKind.Function,
  schema: monaco.languages.CompletionItemKind.Module,
  table: monaco.languages.CompletionItemKind.Class,
  view: monaco.languages.CompletionItemKind.Interface,
  column: monaco.languages.CompletionItemKind.Field,
  alias: monaco.languages.CompletionItemKind.Variable,
  join: monaco.languages.CompletionItemKind.Snippet
}

/**
 * Schema-aware completion and hover for the SQL editor. `getIndex` returns the active connection's index
 * (built once per schema model); the logic itself lives in src/shared/completion and is tested there.
 */
export function registerSchemaCompletion(getIndex: () => CompletionIndex | undefined): monaco.IDisposable {
  const disposables: monaco.IDisposable[] = []
  for (const language of LANGUAGES) {
    disposables.push(
      monaco.languages.registerCompletionItemProvider(language, {
        triggerCharacters: ['.', ' ', '"', '`', '['],
        provideCompletionItems(model, position, context) {
          const index = getIndex()
          if (!index) return { suggestions: [] }
          const result = complete(model.getValue(), model.getOffsetAt(position), index)
          // A space only opens the list where the next word is predictable: a table, a join, a join condition.
          if (context.triggerCharacter === ' ' && !['table', 'join', 'on'].includes(result.context.clause)) return { suggestions: [] }
          const start = model.getPositionAt(result.replaceFrom)
          const range = new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column)
          return {
            suggestions: result.items.map((item) => ({
              label: item.kind === 'join' ? { label: item.label, description: item.detail } : item.label,
              kind: KINDS[item.kind],
              insertText: item.insertText,
              detail: item.detail,
              documentation: item.documentation,
              sortText: item.sortText,
              filterText: item.filterText,
              range
            }))
          }
        }
      }),
      monaco.languages.registerHoverProvider(language, {
        provideHover(model, position) {
          const index = getIndex()
          if (!index) return null
          const info = hoverAt(model.getValue(), model.getOffsetAt(position), index)
          if (!info) return null
          const a = model.getPositionAt(info.start)
          const b = model.getPositionAt(info.end)
          return { range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), contents: [{ value: info.contents }] }
        }
      })
    )
  }
  return { dispose: () => disposables.forEach((d) => d.dispose()) }
}
