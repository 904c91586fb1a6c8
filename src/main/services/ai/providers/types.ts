import type { AiProviderConfig } from '../../../../shared/contract/ai'

export interface ChatMessage {
  role: 'user' | 'assistant'
  content: string
}

export interface ChatRequest {
  model: string
  system: string
  messages: ChatMessage[]
  maxTokens: number
  signal: AbortSignal
  onToken(text: string): void
}

export interface ChatResult {
  text: string
  inputTokens: number
  outputTokens: number
}

/** One provider behind the common interface; built from its config and its key by the registry. */
export interface Provider {
  readonly config: AiProviderConfig
  /** True when requests stay on this machine (a local OpenAI-compatible server). */
  readonly local: boolean
  chat(req: ChatRequest): Promise<ChatResult>
  /** Text embeddings, when the provider offers them and an embedding model is configured. */
  embed?(texts: string[], signal?: AbortSignal): Promise<number[][]>
  /** A cheap authenticated call that proves the key (and base URL) work. */
  test(signal?: AbortSignal): Promise<void>
}

/** Why a provider call failed, in the terms the fallback chain decides on. */
export type FailureKind = 'auth' | 'rate_limit' | 'server' | 'timeout' | 'network' | 'cancelled' | 'bad_request'

export class ProviderFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'ProviderFailure'
  }

  /** 401/403, 429, 5xx, timeouts and unreachable servers move the chain on; bad requests and cancels do not. */
  get retryable(): boolean {
    return this.kind !== 'cancelled' && this.kind !== 'bad_request'
  }
}
