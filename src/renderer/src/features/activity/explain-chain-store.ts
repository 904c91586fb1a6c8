import { create } from 'zustand'
import type { ActivitySession, AiEvent, BlockingTreeRow } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { chainStatements, chainText } from './chain-text'

interface ExplainState {
  requestId?: string
  answer: string
  running: boolean
  error?: string
  explain(connectionId: string, tree: readonly BlockingTreeRow[], sessions: readonly ActivitySession[]): Promise<void>
  clear(): void
}

const QUESTION = 'Explain this blocking chain from the database activity view: who blocks whom, the likely cause, and what to do about it.'

/** "Explain this blocking chain": the existing assistant's explain task, asked about the chain as text. */
export const useExplainChainStore = create<ExplainState>((set, get) => {
  api.on('ai.event', (e: AiEvent) => {
    if (e.requestId !== get().requestId) return
    if (e.type === 'token') set({ answer: get().answer + e.text })
    else if (e.type === 'done') set({ answer: e.text, running: false })
    else if (e.type === 'error') set({ error: e.error.message, running: false })
  })
  return {
    answer: '',
    running: false,
    async explain(connectionId, tree, sessions) {
      const requestId = `a_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
      set({ requestId, answer: '', error: undefined, running: true })
      try {
        await api.call('ai.ask', { requestId, connectionId, task: 'explain', question: `${QUESTION}\n\n${chainText(tree, sessions)}`, sql: chainStatements(tree, sessions) || '-- no statement text is visible for these sessions' })
      } catch (error) {
        if (get().requestId === requestId) set({ error: errorMessage(error), running: false })
      }
    },
    clear() {
      set({ requestId: undefined, answer: '', error: undefined, running: false })
    }
  }
})
