import type { AiTask } from '../../../../shared/contract'
import { useAppStore } from '../../app/app-store'
import { monaco } from '../editor/monaco-setup'
import { activeTabStore } from '../workspace/workspace-store'
import { useAiStore } from './ai-store'

function openAiPanel(): void {
  useAppStore.getState().setPanel('ai')
}

const ACTIONS: { task: AiTask; label: string }[] = [
  { task: 'ask', label: 'AI: Write SQL for the selected text' },
  { task: 'explain', label: 'AI: Explain this query' },
  { task: 'optimize', label: 'AI: Optimize this query (EXPLAIN)' },
  { task: 'fix', label: 'AI: Fix the last error' }
]

/** Editor context-menu entries for the AI tasks; they act on the selection, or on the whole text. */
ACTIONS.forEach(({ task, label }, i) => {
  monaco.editor.addEditorAction({
    id: `querygenie.ai.${task}`,
    label,
    contextMenuGroupId: '9_querygenie_ai',
    contextMenuOrder: i,
    run: (editor) => {
      const model = editor.getModel()
      const selection = editor.getSelection()
      const selected = model && selection ? model.getValueInRange(selection).trim() : ''
      const text = selected || (model?.getValue().trim() ?? '')
      const tab = activeTabStore()?.getState()
      const connectionId = tab?.connectionId
      if (!connectionId || !text) return
      openAiPanel()
      const ask = useAiStore.getState().ask
      if (task === 'ask') void ask({ connectionId, task, question: text.replace(/^\s*--\s?/gm, '') })
      else if (task === 'fix') {
        const error = tab?.run.error
        void ask({ connectionId, task, sql: error?.sql || text, error: error?.message ?? 'The query failed.' })
      } else void ask({ connectionId, task, sql: text })
    }
  })
})
