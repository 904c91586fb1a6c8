// Inline completions are not in monaco-setup's list (a third of Monaco is left out of the first screen); this is
// the one place that uses them. Loaded only when inline completion is on (inline-completion-loader.ts); its
// controller is attached to editors created after it loads.
import 'monaco-editor/features/inlineCompletions/register'
import { COMPLETE_AFTER_CHARS, COMPLETE_BEFORE_CHARS } from '../../../../../shared/contract/ai-complete'
import { api } from '../../../api/client'
import { useInlineCompletionStore } from '../../ai/inline-completion-store'
import { monaco } from '../monaco-setup'

const LANGUAGES = ['sql', 'pgsql', 'mysql']

/** Resolves true after `ms` of quiet, false as soon as Monaco cancels (the user typed on). */
function quiet(ms: number, token: monaco.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose()
      resolve(true)
    }, ms)
    const sub = token.onCancellationRequested(() => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}

/**
 * The text around the cursor within the contract's bounds, cut at line starts and ends: a window that began or ended
 * inside a string literal would make the main process mistake where literals are, and it masks them by their quotes.
 */
function aroundCursor(text: string, offset: number): { textBefore: string; textAfter: string } {
  let from = Math.max(0, offset - COMPLETE_BEFORE_CHARS)
  if (from > 0) from = Math.min(offset, text.indexOf('\n', from) + 1 || offset)
  let to = Math.min(text.length, offset + COMPLETE_AFTER_CHARS)
  if (to < text.length) to = Math.max(offset, text.lastIndexOf('\n', to))
  return { textBefore: text.slice(from, offset), textAfter: text.slice(offset, to) }
}

/**
 * AI ghost text in the SQL editor (Tab accepts): only when turned on in Settings, after the debounce, for the
 * connection of the active tab; Monaco's cancellation (typing on, Escape) cancels the provider call in the main process.
 */
export function registerInlineCompletion(getConnectionId: () => string | undefined): monaco.IDisposable {
  const provider: monaco.languages.InlineCompletionsProvider = {
    async provideInlineCompletions(model, position, _context, token) {
      const store = useInlineCompletionStore.getState()
      const settings = store.settings ?? (await store.load().catch(() => undefined))
      const connectionId = getConnectionId()
      if (!settings?.enabled || !settings.effective || !connectionId) return undefined
      if (!(await quiet(settings.debounceMs, token))) return undefined
      const { textBefore, textAfter } = aroundCursor(model.getValue(), model.getOffsetAt(position))
      if (!textBefore.trim()) return undefined
      const requestId = `c_${crypto.randomUUID()}`
      const cancel = token.onCancellationRequested(() => void api.call('ai.complete.cancel', { requestId }).catch(() => {}))
      try {
        const { text } = await api.call('ai.complete', { connectionId, requestId, textBefore, textAfter })
        if (!text || token.isCancellationRequested) return undefined
        // Monaco inserts several lines only where the line ends at the cursor
        const restOfLine = model.getLineContent(position.lineNumber).slice(position.column - 1)
        const insertText = restOfLine.trim() ? text.split('\n')[0]! : text
        return { items: [{ insertText, range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column) }] }
      } catch {
        // off, cancelled, refused by the connection's privacy or the provider failing: no ghost text, typing goes on
        return undefined
      } finally {
        cancel.dispose()
      }
    },
    disposeInlineCompletions() {}
  }
  const disposables = LANGUAGES.map((language) => monaco.languages.registerInlineCompletionsProvider(language, provider))
  return { dispose: () => disposables.forEach((d) => d.dispose()) }
}
