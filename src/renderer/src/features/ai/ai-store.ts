import { create } from 'zustand'
import type { AiConversationScope, AiConversationSummary, AiConversationTurn, AiEvent, AiFinding, AiPrivacyLevel, AiResultSample, AiSettingsView, AiSqlCheck, AiTask, CallOutput } from '../../../../shared/contract'
import { turnPromptText } from '../../../../shared/contract/ai-conversations'
import type { Plan } from '../../../../shared/plan'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { formatDuration } from '../../../../shared/format-duration'
import { newRequestId } from './request-id'

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

const NO_SCOPE: AiConversationScope = { schemas: [], tables: [] }

type AskInput = { connectionId: string; task: AiTask; question?: string; sql?: string; error?: string; analyze?: boolean; result?: AiResultSample }

interface AiState {
  settings?: AiSettingsView
  providerId?: string
  privacy: AiPrivacyLevel
  turns: ChatTurn[]
  activeRequest?: string
  /** The conversation the panel shows; ask() continues it (absent: the next question starts one). */
  conversationId?: string
  /** The connection the conversation list and the open conversation belong to. */
  conversationConnection?: string
  conversations: AiConversationSummary[]
  conversationQuery: string
  scope: AiConversationScope
  /** Opens the connection's most recent conversation (on start and when the active connection changes). */
  restoreConversation(connectionId: string): Promise<void>
  loadConversations(connectionId: string, query?: string): Promise<void>
  openConversation(id: string): Promise<void>
  /** An empty panel: the next question starts a new conversation. */
  newConversation(): void
  renameConversation(id: string, title: string): Promise<void>
  deleteConversation(id: string): Promise<void>
  /** Pins schemas or tables to the open conversation, starting one when none is open. */
  setScope(connectionId: string, scope: AiConversationScope): Promise<void>
  loadSettings(): Promise<void>
  loadPrivacy(connectionId: string): Promise<void>
  setPrivacy(connectionId: string, privacy: AiPrivacyLevel): Promise<void>
  setProvider(id: string | undefined): void
  ask(input: AskInput): Promise<void>
  /** The exact prompt ask() would send now: with the provider picked and the open conversation's earlier turns and scope. */
  previewPrompt(input: AskInput): Promise<CallOutput<'ai.previewPrompt'>>
  cancel(): Promise<void>
  clear(): void
}

/** A stored turn as the panel shows it; an optimize answer with its plan and findings, ready to plan again. */
function chatTurnOf(t: AiConversationTurn, connectionId: string): ChatTurn {
  return {
    id: t.requestId ?? `t_${t.id}`,
    task: t.task,
    prompt: t.prompt,
    answer: t.answer,
    status: [],
    sql: t.sql ?? undefined,
    check: t.check ?? undefined,
    error: t.error?.message,
    done: true,
    meta: t.providerId ? `${t.providerId} · ${t.model} · ${t.usage.inputTokens}+${t.usage.outputTokens} tokens · $${t.usage.costUsd.toFixed(4)}` : undefined,
    ...(t.optimize && {
      plan: t.optimize.plan,
      findings: t.optimize.findings,
      request: t.requestSql ? { connectionId, sql: t.requestSql, analyze: t.optimize.analyze } : undefined
    })
  }
}


export const useAiStore = create<AiState>((set, get) => {
  const patch = (id: string, f: (t: ChatTurn) => Partial<ChatTurn>) => set({ turns: get().turns.map((t) => (t.id === id ? { ...t, ...f(t) } : t)) })
  // a finished turn names an untitled conversation and moves it to the top of the list
  const refreshList = () => {
    const cid = get().conversationConnection
    if (cid) void get().loadConversations(cid, get().conversationQuery).catch(() => {})
  }
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
        refreshList()
        break
      case 'error':
        patch(e.requestId, () => ({ error: e.error.message, done: true }))
        set({ activeRequest: undefined })
        refreshList()
        break
    }
  })
  return {
    privacy: 'schema',
    turns: [],
    conversations: [],
    conversationQuery: '',
    scope: NO_SCOPE,
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
      const prompt = turnPromptText(input)
      const request = input.task === 'optimize' && input.sql ? { connectionId: input.connectionId, sql: input.sql, analyze: input.analyze === true } : undefined
      // a conversation of another connection cannot continue here: the question starts a new one
      const sameConnection = get().conversationConnection === input.connectionId
      const conversationId = input.task === 'describe' || !sameConnection ? undefined : get().conversationId
      if (!sameConnection) set({ conversationId: undefined, conversationConnection: input.connectionId, scope: NO_SCOPE, turns: [] })
      set({ turns: [...get().turns, { id: requestId, task: input.task, prompt, answer: '', status: [], done: false, request }], activeRequest: requestId })
      try {
        const started = await api.call('ai.ask', { ...input, requestId, providerId: get().providerId, conversationId })
        if (started.conversationId && started.conversationId !== get().conversationId) {
          set({ conversationId: started.conversationId })
          refreshList()
        }
      } catch (error) {
        patch(requestId, () => ({ error: errorMessage(error), done: true }))
        set({ activeRequest: undefined })
      }
    },
    previewPrompt(input) {
      const conversationId = get().conversationConnection === input.connectionId ? get().conversationId : undefined
      return api.call('ai.previewPrompt', { ...input, providerId: get().providerId, conversationId })
    },
    async cancel() {
      const id = get().activeRequest
      if (id) await api.call('ai.cancel', { requestId: id })
    },
    clear() {
      get().newConversation()
    },
    async restoreConversation(connectionId) {
      if (get().conversationConnection === connectionId) return
      set({ conversationConnection: connectionId, conversationId: undefined, turns: [], scope: NO_SCOPE, conversations: [], conversationQuery: '' })
      const [latest] = await api.call('ai.conversations.list', { connectionId, limit: 1 })
      // the user may have asked or switched meanwhile: only an untouched panel is filled
      if (latest && get().conversationConnection === connectionId && !get().conversationId && !get().turns.length) await get().openConversation(latest.id)
      await get().loadConversations(connectionId)
    },
    async loadConversations(connectionId, query = '') {
      set({ conversationQuery: query })
      const conversations = await api.call('ai.conversations.list', { connectionId, query: query.trim() || undefined })
      if (get().conversationConnection === connectionId && get().conversationQuery === query) set({ conversations })
    },
    async openConversation(id) {
      const c = await api.call('ai.conversations.get', { id })
      set({ conversationId: c.id, conversationConnection: c.connectionId, turns: c.turns.map((t) => chatTurnOf(t, c.connectionId)), scope: c.scope, activeRequest: undefined })
    },
    newConversation() {
      set({ conversationId: undefined, turns: [], scope: NO_SCOPE })
    },
    async renameConversation(id, title) {
      await api.call('ai.conversations.rename', { id, title })
      refreshList()
    },
    async deleteConversation(id) {
      await api.call('ai.conversations.delete', { id })
      if (get().conversationId === id) get().newConversation()
      refreshList()
    },
    async setScope(connectionId, scope) {
      const id = get().conversationConnection === connectionId ? get().conversationId : undefined
      if (id) await api.call('ai.conversations.setScope', { id, scope })
      else {
        const created = await api.call('ai.conversations.create', { connectionId, scope })
        set({ conversationId: created.id, conversationConnection: connectionId, turns: [] })
        refreshList()
      }
      set({ scope })
    }
  }
})
