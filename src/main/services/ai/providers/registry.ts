import type { AiProviderConfig } from '../../../../shared/contract/ai'
import { createAnthropicProvider } from './anthropic'
import { createGeminiProvider } from './gemini'
import { createOpenAiProvider } from './openai'
import type { Provider } from './types'

/** Builds the provider for a config and its (decrypted) key. Keys live only inside the SDK client. */
export function createProvider(config: AiProviderConfig, apiKey: string): Provider {
  switch (config.kind) {
    case 'openai':
    case 'openai-compatible':
      return createOpenAiProvider(config, apiKey)
    case 'anthropic':
      return createAnthropicProvider(config, apiKey)
    case 'gemini':
      return createGeminiProvider(config, apiKey)
  }
}
