import type { Envelope } from '../shared/contract'

/** What the preload exposes as window.api; the renderer wraps it into the typed Api client. */
export interface PreloadApi {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>
  on(name: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    api?: PreloadApi
  }
}
