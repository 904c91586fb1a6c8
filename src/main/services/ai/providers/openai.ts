import type OpenAI from 'openai'
import type { AiProviderConfig } from '../../../../shared/contract/ai'
import type { ChatRequest, ChatResult, Provider } from './types'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function isLocalUrl(url: string | undefined): boolean {
  if (!url) return false
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname)
  } catch {
    return false
  }
}

/** OpenAI, and every OpenAI-compatible server (Ollama, LM Studio, llama.cpp) through its base URL. */
export function createOpenAiProvider(config: AiProviderConfig, apiKey: string): Provider {
  const compatible = config.kind === 'openai-compatible'
  // the SDK is loaded by the first call, not at start-up (web mode loads the services while the page waits)
  let loaded: Promise<OpenAI> | undefined
  const sdk = (): Promise<OpenAI> =>
    (loaded ??= import('openai').then(
      ({ default: Sdk }) => new Sdk({ apiKey: apiKey || (compatible ? 'not-needed' : ''), baseURL: config.baseUrl ?? null, maxRetries: 0, timeout: config.timeoutMs })
    ))
  const provider: Provider = {
    config,
    local: compatible && isLocalUrl(config.baseUrl),
    async chat(req: ChatRequest): Promise<ChatResult> {
      const client = await sdk()
      const stream = await client.chat.completions.create(
        {
          model: req.model,
          messages: [{ role: 'system', content: req.system }, ...req.messages],
          stream: true,
          stream_options: { include_usage: true },
          ...(compatible ? { max_tokens: req.maxTokens } : { max_completion_tokens: req.maxTokens })
        },
        { signal: req.signal }
      )
      let text = ''
      let inputTokens = 0
      let outputTokens = 0
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content
        if (delta) {
          text += delta
          req.onToken(delta)
        }
        if (chunk.usage) {
          inputTokens = chunk.usage.prompt_tokens
          outputTokens = chunk.usage.completion_tokens
        }
      }
      return { text, inputTokens, outputTokens }
    },
    async test(signal) {
      await (await sdk()).models.list({ signal })
    }
  }
  if (config.embeddingModel) {
    const model = config.embeddingModel
    provider.embed = async (texts, signal) => {
      const res = await (await sdk()).embeddings.create({ model, input: texts }, { signal })
      return res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding as number[])
    }
  }
  return provider
}
