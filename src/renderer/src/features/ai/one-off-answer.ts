import { create } from 'zustand'
import type { AiAskInput, AiEvent } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { newRequestId } from './request-id'

export interface OneOffAnswer {
  requestId?: string
  answer: string
  running: boolean
  error?: string
  ask(input: Omit<AiAskInput, 'requestId'>): Promise<void>
  clear(): void
}

/**
 * A store for one answer the assistant streams into another view (a blocking chain explained, a migration script
 * reviewed), outside the chat: it keeps no conversation and follows only its own request's events.
 */
export function createOneOffAnswerStore() {
  return create<OneOffAnswer>((set, get) => {
    api.on('ai.event', (e: AiEvent) => {
      if (e.requestId !== get().requestId) return
      if (e.type === 'token') set({ answer: get().answer + e.text })
      else if (e.type === 'done') set({ answer: e.text, running: false })
      else if (e.type === 'error') set({ error: e.error.message, running: false })
    })
    return {
      answer: '',
      running: false,
      async ask(input) {
        const requestId = newRequestId()
        set({ requestId, answer: '', error: undefined, running: true })
        try {
          await api.call('ai.ask', { ...input, requestId })
        } catch (error) {
          if (get().requestId === requestId) set({ error: errorMessage(error), running: false })
        }
      },
      clear() {
        set({ requestId: undefined, answer: '', error: undefined, running: false })
      }
    }
  })
}
