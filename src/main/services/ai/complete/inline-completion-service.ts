import type { AiPrivacyLevel } from '../../../../shared/contract/ai'
import type { AiCompleteInput, InlineCompletionProviderChoice, InlineCompletionSettings, InlineCompletionSettingsView } from '../../../../shared/contract/ai-complete'
import { AppError, type ErrorCode } from '../../../../shared/errors'
import type { AiDeps } from '../deps'
import { LiteralMask } from '../prompt/literal-mask'
import { toProviderFailure } from '../providers/failure'
import { estimateCostUsd } from '../providers/pricing'
import { createProvider } from '../providers/registry'
import type { Provider, ProviderFailure } from '../providers/types'
import { AiSettingsRepository } from '../settings-repository'
import { UsageStore } from '../usage-store'
import { cleanCompletion } from './clean-completion'
import { buildCompletePrompt, tablesNamedIn } from './complete-prompt'
import { CompleteSettingsRepository } from './complete-settings-repository'
import { maskAroundCursor } from './mask-around-cursor'

/** A completion that takes longer than this is no longer wanted: the user has typed on. */
const MAX_WAIT_MS = 20_000

const FAILURE_CODE: Partial<Record<ProviderFailure['kind'], ErrorCode>> = { cancelled: 'CANCELLED', timeout: 'TIMEOUT', auth: 'AUTH_FAILED', network: 'CONNECTION_REFUSED' }

/**
 * Ghost-text completion in the editor: one provider (no fallback chain, so a remote provider is never reached by
 * surprise), the connection's privacy level applied to what is sent, and only the newest request running.
 */
export class InlineCompletionService {
  readonly settings: CompleteSettingsRepository
  private readonly ai: AiSettingsRepository
  private readonly usage: UsageStore
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly deps: AiDeps) {
    this.settings = new CompleteSettingsRepository(deps.store.db)
    this.ai = new AiSettingsRepository(deps.store.db, deps.secrets)
    this.usage = new UsageStore(deps.store.db)
  }

  view(): InlineCompletionSettingsView {
    const settings = this.settings.get()
    const choices = this.providers().map(({ config, local }) => ({ id: config.id, label: config.label, model: config.model, local }))
    const effective = this.effective(settings, choices)
    return { ...settings, choices, ...(effective ? { effective } : {}) }
  }

  update(patch: Partial<InlineCompletionSettings>): InlineCompletionSettingsView {
    const next = { ...this.settings.get(), ...patch }
    const choices = this.view().choices
    // only a new choice is checked: one whose provider was removed since must not block changing the other settings
    if (patch.providerId != null && !choices.some((c) => c.id === patch.providerId))
      throw new AppError('NOT_FOUND', `No enabled AI provider "${patch.providerId}" that can answer (a key stored, or a server on this machine)`)
    if (next.enabled && !this.effective(next, choices))
      throw new AppError('INVALID_INPUT', 'No AI provider on this machine: choose one for inline completion explicitly (what you type around the cursor is sent to it).')
    this.settings.save(next)
    return this.view()
  }

  /** The text to insert at the cursor. A newer request, or cancel(), aborts the provider call of the one before. */
  async complete(input: AiCompleteInput): Promise<{ text: string }> {
    for (const ac of this.running.values()) ac.abort()
    const settings = this.settings.get()
    if (!settings.enabled) throw new AppError('INVALID_INPUT', 'Inline completion is off: turn it on in Settings → AI assistant.')
    const ac = new AbortController()
    this.running.set(input.requestId, ac)
    try {
      return await this.run(input, settings, ac.signal)
    } finally {
      if (this.running.get(input.requestId) === ac) this.running.delete(input.requestId)
    }
  }

  cancel(requestId: string): void {
    this.running.get(requestId)?.abort()
  }

  private async run(input: AiCompleteInput, settings: InlineCompletionSettings, signal: AbortSignal): Promise<{ text: string }> {
    const providers = this.providers()
    const choice = this.effective(settings, providers.map(({ config, local }) => ({ id: config.id, label: config.label, model: config.model, local })))
    const provider = providers.find((p) => p.config.id === choice?.id)
    if (!provider) throw new AppError('INVALID_INPUT', 'No AI provider for inline completion: add one on this machine or choose one in Settings → AI assistant.')
    const privacy: AiPrivacyLevel = this.ai.privacy(input.connectionId) ?? this.ai.get().defaultPrivacy
    if (privacy === 'none' && !provider.local)
      throw new AppError('INVALID_INPUT', `Privacy for this connection is "Shares nothing": ${provider.config.label} is not on this machine, so inline completion sends nothing to it.`)
    // what the privacy labels promise: literals (possible values) leave the machine only at "schema + samples"
    const mask = new LiteralMask(privacy !== 'schema+samples' && !provider.local)
    const { before, after } = maskAroundCursor(mask, input.textBefore, input.textAfter)
    const schema = await this.deps.getSchema(input.connectionId).catch(() => undefined)
    const dialect = schema?.dialect ?? (await this.deps.connectionInfo(input.connectionId)).dialect
    const tables = schema ? tablesNamedIn(`${before}\n${after}`, schema) : []
    const prompt = buildCompletePrompt({ dialect, textBefore: before, textAfter: after, tables })
    signal.throwIfAborted()

    const started = performance.now()
    const usage = { requestId: input.requestId, providerId: provider.config.id, model: provider.config.model, task: 'complete', cached: false }
    try {
      const result = await provider.chat({
        model: provider.config.model,
        system: prompt.system,
        messages: prompt.messages,
        maxTokens: settings.maxTokens,
        signal: AbortSignal.any([signal, AbortSignal.timeout(Math.min(provider.config.timeoutMs, MAX_WAIT_MS))]),
        onToken: () => {}
      })
      // some SDKs end a stream quietly when its signal aborts: a cancelled completion must not be shown
      if (signal.aborted) throw new AppError('CANCELLED', 'Cancelled')
      const costUsd = estimateCostUsd(provider.config.model, result.inputTokens, result.outputTokens, provider.local)
      this.usage.record({ ...usage, inputTokens: result.inputTokens, outputTokens: result.outputTokens, costUsd, durationMs: performance.now() - started, outcome: 'ok' })
      return { text: mask.unmask(cleanCompletion(result.text, before, after)) }
    } catch (e) {
      const cancelled = signal.aborted
      this.usage.record({ ...usage, inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: performance.now() - started, outcome: cancelled ? 'cancelled' : 'error' })
      if (e instanceof AppError) throw e
      const failure = toProviderFailure(e, provider.config.label, signal)
      throw new AppError(FAILURE_CODE[failure.kind] ?? 'PROVIDER_ERROR', failure.message)
    }
  }

  /** Enabled providers that can answer: a key stored, or an OpenAI-compatible server that needs none. */
  private providers(): Provider[] {
    return this.ai
      .get()
      .providers.filter((c) => c.enabled)
      .map((c) => ({ c, key: this.ai.key(c.id) }))
      .filter(({ c, key }) => key || c.kind === 'openai-compatible')
      .map(({ c, key }) => createProvider(c, key))
  }

  /** The chosen provider; with none chosen, the first one on this machine. */
  private effective(settings: InlineCompletionSettings, choices: InlineCompletionProviderChoice[]): InlineCompletionProviderChoice | undefined {
    return settings.providerId === null ? choices.find((c) => c.local) : choices.find((c) => c.id === settings.providerId)
  }
}
