import type { AiProviderConfig } from '../../src/shared/contract'
import type { FakeProvider } from '../fake-provider/server'

/** A provider of `kind` pointed at the fake provider's endpoint for that SDK. */
export function fakeProviderConfig(fake: FakeProvider, id: string, kind: AiProviderConfig['kind'], model: string, extra: Partial<AiProviderConfig> = {}): AiProviderConfig {
  const base = { openai: '/openai/v1', 'openai-compatible': '/ollama/v1', anthropic: '/anthropic', gemini: '/gemini' }[kind]
  return { id, kind, label: id, enabled: true, baseUrl: fake.url + base, model, contextTokens: 16_000, maxOutputTokens: 1_000, timeoutMs: 3_000, ...extra }
}
