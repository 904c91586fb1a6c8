import { create } from 'zustand'
import { namesOfModel, type SchemaNames } from '../../../../shared/contract/schema'
import { CompletionIndex } from '../../../../shared/completion/schema-index'
import type { SchemaModel } from '../../../../shared/schema-model'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

export interface SchemaEntry {
  names?: SchemaNames
  model?: SchemaModel
  /** Built lazily from the model for completion and hover. */
  index?: CompletionIndex
  loading: boolean
  progress?: { phase: string; done: number; total: number }
  error?: string
}

interface SchemaState {
  byConnection: Record<string, SchemaEntry>
  /** Names first (fast), then the full model; a second call while loading is a no-op. */
  load(connectionId: string, options?: { refresh?: boolean }): Promise<void>
  indexFor(connectionId: string): CompletionIndex | undefined
}

export const useSchemaStore = create<SchemaState>((set, get) => {
  const patch = (id: string, p: Partial<SchemaEntry>): void =>
    set((s) => ({ byConnection: { ...s.byConnection, [id]: { ...(s.byConnection[id] ?? { loading: false }), ...p } } }))

  api.on('schema.progress', ({ connectionId, phase, done, total }) => patch(connectionId, { progress: { phase, done, total } }))
  api.on('schema.changed', ({ connectionId, fingerprint }) => {
    const entry = get().byConnection[connectionId]
    if (entry?.model && entry.model.fingerprint !== fingerprint && !entry.loading) void get().load(connectionId)
  })

  return {
    byConnection: {},
    async load(connectionId, options = {}) {
      const entry = get().byConnection[connectionId]
      if (entry?.loading) return
      patch(connectionId, { loading: true, error: undefined, progress: undefined })
      const full = api.call('schema.get', { connectionId, refresh: options.refresh })
      if (!entry?.names && !options.refresh) {
        api
          .call('schema.names', { connectionId })
          .then((names) => {
            if (!get().byConnection[connectionId]?.model) patch(connectionId, { names })
          })
          .catch(() => {})
      }
      try {
        const model = await full
        patch(connectionId, {
          model,
          index: undefined,
          names: namesOfModel(model),
          loading: false,
          progress: undefined
        })
      } catch (error) {
        patch(connectionId, { loading: false, error: errorMessage(error) })
      }
    },
    indexFor(connectionId) {
      const entry = get().byConnection[connectionId]
      if (!entry?.model) return undefined
      if (!entry.index) {
        const index = new CompletionIndex(entry.model)
        // Not a state change anyone renders: keep it on the entry without notifying subscribers.
        entry.index = index
      }
      return entry.index
    }
  }
})
