import { toProviderFailure } from './failure'
import type { ChatMessage, ChatResult, Provider } from './types'
import { ProviderFailure } from './types'

export interface ChainRequest {
  system: string
  messages: ChatMessage[]
  /** Model override for the first provider of the chain only. */
  model?: string
  signal: AbortSignal
  onToken(text: string): void
  onFallback(from: Provider, to: Provider, reason: string): void
}

export interface ChainResult {
  provider: Provider
  model: string
  result: ChatResult
}

/**
 * Tries the providers in order. A retryable failure (401/403, 429, 5xx, timeout, unreachable) before the
 * first token moves on to the next provider and says so; once tokens have streamed, a failure ends the
 * request (falling back then would repeat half an answer).
 */
export async function chatWithFallback(chain: Provider[], req: ChainRequest): Promise<ChainResult> {
  if (chain.length === 0) throw new ProviderFailure('bad_request', 'No AI provider is configured and allowed for this connection')
  let last: ProviderFailure | undefined
  for (let i = 0; i < chain.length; i++) {
    const provider = chain[i]
    const model = i === 0 && req.model ? req.model : provider.config.model
    // An idle timeout: it restarts with every token, so a long answer that keeps streaming is never cut off.
    const timeout = new AbortController()
    let timer = setTimeout(() => timeout.abort(), provider.config.timeoutMs)
    let streamed = false
    try {
      const result = await provider.chat({
        model,
        system: req.system,
        messages: req.messages,
        maxTokens: provider.config.maxOutputTokens,
        signal: AbortSignal.any([req.signal, timeout.signal]),
        onToken: (t) => {
          streamed = true
          clearTimeout(timer)
          timer = setTimeout(() => timeout.abort(), provider.config.timeoutMs)
          req.onToken(t)
        }
      })
      // Some SDKs end a stream quietly when its signal aborts; a cancelled request must not look complete.
      if (req.signal.aborted) throw new ProviderFailure('cancelled', 'Cancelled')
      if (timeout.signal.aborted) throw new ProviderFailure('timeout', `${provider.config.label} did not answer in time`)
      return { provider, model, result }
    } catch (e) {
      const failure = toProviderFailure(e, provider.config.label, req.signal, timeout.signal.aborted)
      last = failure
      const next = chain[i + 1]
      if (!failure.retryable || streamed || !next) throw failure
      req.onFallback(provider, next, failure.message)
    } finally {
      clearTimeout(timer)
    }
  }
  throw last ?? new ProviderFailure('server', 'All providers failed')
}
