import type Anthropic from '@anthropic-ai/sdk'
import type { AiProviderConfig } from '../../../../shared/contract/ai'
import type { ChatRequest, ChatResult, Provider } from './types'

/** Anthropic Messages API; it offers no embeddings, so retrieval uses the offline embedding with it. */
export function createAnthropicProvider(config: AiProviderConfig, apiKey: string): Provider {
  // the SDK is loaded by the first call, not at start-up (web mode loads the services while the page waits)
  let loaded: Promise<Anthropic> | undefined
  const sdk = (): Promise<Anthropic> =>
    (loaded ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk({ apiKey, baseURL: config.baseUrl ?? null, maxRetries: 0, timeout: config.timeoutMs })))
  return {
    config,
    local: false,
    async chat(req: ChatRequest): Promise<ChatResult> {
      const client = await sdk()
      const stream = await client.messages.create(
        { model: req.model, system: req.system, messages: req.messages, max_tokens: req.maxTokens, stream: true },
        { signal: req.signal }
      )
      let text = ''
      let inputTokens = 0
      let outputTokens = 0
      for await (const event of stream) {
        if (event.type === 'message_start') {
          inputTokens = event.message.usage.input_tokens
          outputTokens = event.message.usage.output_tokens
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          text += event.delta.text
          req.onToken(event.delta.text)
        } else if (event.type === 'message_delta') {
          outputTokens = event.usage.output_tokens
        }
      }
      return { text, inputTokens, outputTokens }
    },
    async test(signal) {
      await (await sdk()).models.list({ limit: 1 }, { signal })
    }
  }
}
