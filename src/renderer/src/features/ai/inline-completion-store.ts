import { create } from 'zustand'
import type { InlineCompletionSettings, InlineCompletionSettingsView } from '../../../../shared/contract/ai-complete'
import { api } from '../../api/client'

interface InlineCompletionState {
  settings?: InlineCompletionSettingsView
  load(): Promise<InlineCompletionSettingsView>
  update(patch: Partial<InlineCompletionSettings>): Promise<void>
}

/** The inline completion settings, read by the editor's ghost-text provider and changed in Settings → AI assistant. */
export const useInlineCompletionStore = create<InlineCompletionState>((set) => ({
  async load() {
    const settings = await api.call('ai.complete.settings.get', {})
    set({ settings })
    return settings
  },
  async update(patch) {
    set({ settings: await api.call('ai.complete.settings.update', patch) })
  }
}))
