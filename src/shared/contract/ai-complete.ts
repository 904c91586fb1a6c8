import { z } from 'zod'
import { call, Empty, Id, Ok, patchOf } from './define'

/** What the editor sends around the cursor: the renderer keeps the end of the text before it and the start of the text after it. */
export const COMPLETE_BEFORE_CHARS = 4_000
export const COMPLETE_AFTER_CHARS = 1_000

/**
 * Inline completion (ghost text in the editor). Opt-in: off until the user turns it on. `providerId` null means the
 * first enabled provider on this machine (a localhost base URL); a remote one is used only when chosen here.
 */
export const InlineCompletionSettings = z.object({
  enabled: z.boolean().default(false),
  providerId: z.string().max(40).nullable().default(null),
  /** Quiet time after the last keystroke before a request is made. */
  debounceMs: z.number().int().min(100).max(5_000).default(500),
  maxTokens: z.number().int().min(8).max(512).default(96)
})
export type InlineCompletionSettings = z.infer<typeof InlineCompletionSettings>

export const InlineCompletionProviderChoice = z.object({ id: z.string(), label: z.string(), model: z.string(), local: z.boolean() })
export type InlineCompletionProviderChoice = z.infer<typeof InlineCompletionProviderChoice>

export const InlineCompletionSettingsView = InlineCompletionSettings.extend({
  /** Enabled AI providers that can answer (a key stored, or a local server). */
  choices: z.array(InlineCompletionProviderChoice),
  /** The provider a completion goes to now (the chosen one; with none chosen, the first local one); absent: none can be used. */
  effective: InlineCompletionProviderChoice.optional()
})
export type InlineCompletionSettingsView = z.infer<typeof InlineCompletionSettingsView>

export const AiCompleteInput = z
  .object({
    connectionId: Id,
    requestId: z.string().regex(/^c_[A-Za-z0-9_-]{6,64}$/),
    textBefore: z.string().max(COMPLETE_BEFORE_CHARS),
    textAfter: z.string().max(COMPLETE_AFTER_CHARS)
  })
  .strict()
export type AiCompleteInput = z.infer<typeof AiCompleteInput>

export const aiCompleteCalls = {
  /** The text to insert at the cursor ('' when the model has nothing). A newer request cancels the one running. */
  'ai.complete': call(AiCompleteInput, z.object({ text: z.string() })),
  'ai.complete.cancel': call(z.object({ requestId: z.string().max(80) }).strict(), Ok),
  'ai.complete.settings.get': call(Empty, InlineCompletionSettingsView),
  'ai.complete.settings.update': call(patchOf(InlineCompletionSettings).strict(), InlineCompletionSettingsView)
}
