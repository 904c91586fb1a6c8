import { create } from 'zustand'
import type { AiEvent, AiFinding, AiPrivacyLevel, AiSettingsView, AiSqlCheck, AiTask } from '../../../../shared/contract'
import type { Plan } from '../../../../shared/plan'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { formatDuration } from '../../../../shared/format-duration'

export interface ChatTurn {
  id: string
  task: AiTask
  prompt: string
  answer: string
  status: string[]
  sql?: string
  check?: AiSqlCheck
  error?: string
  done: boolean
  meta?: string
  /** optimize: what was asked (to plan the query again after an index is created). */
  request?: { connectionId: string; sql: string; analyze: boolean }
  /** optimize: the plan the answer was based on, and its findings. */
  plan?: Plan
  findings?: AiFinding[]
}

interface AiState {
  settings?: AiSettingsView
  providerId?: string
  privacy: AiPrivacyLevel
  turns: ChatTurn[]
  activeRequest?: string
  loadSettings(): Promise<void>
  loadPrivacy(connectionId: string): Promise<void>
  setPrivacy(connectionId: string, privacy: AiPrivacyLevel): Promise<void>
  setProvider(id: string | undefined): void
  ask(input: { connectionId: string; task: AiTask; question?: string; sql?: string; error?: string; analyze?: boolean }): Promise<void>
  cancel(): Promise<void>
  clear(): void
}

const newRequestId = () => `a_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`

export const useAiStore = create<AiState>((set, get) => {
  const patch = (id: string, f: (t: ChatTurn) => Partial<ChatTurn>) => set({ turns: get().turns.map((t) => (t.id === id ? { ...t, ...f(t) } : t)) })
  api.on('ai.event', (e: AiEvent) => {
    if (!get().turns.some((t) => t.id === e.requestId)) return
    switch (e.type) {
      case 'token':
        patch(e.requestId, (t) => ({ answer: t.answer + e.text }))
        break
      case 'status':
        patch(e.requestId, (t) => ({ status: [...t.status, e.message], answer: '' }))
        break
      case 'fallback':
        patch(e.requestId, (t) => ({ status: [...t.status, `${e.from} failed (${e.reason}); trying ${e.to}`] }))
        break
      case 'done':
        patch(e.requestId, () => ({
          answer: e.text,
          sql: e.sql,
          check: e.check,
          plan: e.plan,
          findings: e.findings,
          done: true,
          meta: `${e.providerId} · ${e.model}${e.cached ? ' · from cache' : ''} · ${e.usage.inputTokens}+${e.usage.outputTokens} tokens · $${e.usage.costUsd.toFixed(4)} · ${formatDuration(e.durationMs)}`
        }))
        set({ activeRequest: undefined })
        break
      case 'error':
        patch(e.requestId, () => ({ error: e.error.message, done: true }))
        set({ activeRequest: undefined })
        break
    }
  })
  return {
    privacy: 'schema',
    turns: [],
    async loadSettings() {
      set({ settings: await api.call('ai.settings.get', {}) })
    },
    async loadPrivacy(connectionId) {
      set({ privacy: (await api.call('ai.privacy.get', { connectionId })).privacy })
    },
    async setPrivacy(connectionId, privacy) {
      await api.call('ai.privacy.set', { connectionId, privacy })
      set({ privacy })
    },
    setProvider(providerId) {
      set({ providerId })
    },
    async ask(input) {
      const requestId = newRequestId()
      const prompt =
        input.question ||
        (input.task === 'fix' ? `Fix: ${input.error}` : input.task === 'describe' ? 'Describe the tables that have no description' : `${input.task}: ${input.sql?.slice(0, 200)}`)
      const request = input.task === 'optimize' && input.sql ? { connectionId: input.connectionId, sql: input.sql, analyze: input.analyze === true } : undefined
      set({ turns: [...get().turns, { id: requestId, task: input.task, prompt, answer: '', status: [], done: false, request }], activeRequest: requestId })
      try {
        await api.call('ai.ask', { ...input, requestId, providerId: get().providerId })
      } catch (error) {
        patch(requestId, () => ({ error: errorMessage(error), done: true }))
        set({ activeRequest: undefined })
      }
    },
    async cancel() {
      const id = get().activeRequest
      if (id) await api.call('ai.cancel', { requestId: id })
    },
    clear() {
      set({ turns: [] })
    }
  }
})
