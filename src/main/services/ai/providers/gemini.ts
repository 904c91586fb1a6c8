import type { GoogleGenAI } from '@google/genai'
import type { AiProviderConfig } from '../../../../shared/contract/ai'
import type { ChatRequest, ChatResult, Provider } from './types'

/** Google Gemini through @google/genai (Gemini API, not Vertex). */
export function createGeminiProvider(config: AiProviderConfig, apiKey: string): Provider {
  // the SDK is loaded by the first call, not at start-up (web mode loads the services while the page waits)
  let loaded: Promise<GoogleGenAI> | undefined
  const sdk = (): Promise<GoogleGenAI> =>
    (loaded ??= import('@google/genai').then(
      ({ GoogleGenAI: Sdk }) => new Sdk({ apiKey, httpOptions: { ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), timeout: config.timeoutMs } })
    ))
  const provider: Provider = {
    config,
    local: false,
    async chat(req: ChatRequest): Promise<ChatResult> {
      const ai = await sdk()
      const stream = await ai.models.generateContentStream({
        model: req.model,
        contents: req.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
        config: { systemInstruction: req.system, maxOutputTokens: req.maxTokens, abortSignal: req.signal }
      })
      let text = ''
      let inputTokens = 0
      let outputTokens = 0
      for await (const chunk of stream) {
        req.signal.throwIfAborted()
        const t = chunk.text
        if (t) {
          text += t
          req.onToken(t)
        }
        if (chunk.usageMetadata) {
          inputTokens = chunk.usageMetadata.promptTokenCount ?? inputTokens
          outputTokens = chunk.usageMetadata.candidatesTokenCount ?? outputTokens
        }
      }
      return { text, inputTokens, outputTokens }
    },
    async test(signal) {
      await (await sdk()).models.get({ model: config.model, config: { abortSignal: signal } })
    }
  }
  if (config.embeddingModel) {
    const model = config.embeddingModel
    provider.embed = async (texts, signal) => {
      const res = await (await sdk()).models.embedContent({ model, contents: texts, config: { abortSignal: signal } })
      return (res.embeddings ?? []).map((e) => e.values ?? [])
    }
  }
  return provider
}
