import type { TableChunk } from './chunk'
import { tableWords, type WeightedWords } from './features'
import { embedWords, OFFLINE_DIM } from './offline-embedding'

/** Turns chunks and questions into vectors of one space; vectors of different spaces never mix. */
export interface Embedder {
  /** Identifier of the vector space, [a-z0-9_] only (it names the vec0 table). */
  readonly space: string
  readonly dim: number
  embedDocuments(chunks: TableChunk[], signal?: AbortSignal): Promise<Float32Array[]>
  embedQuery(question: string, words: WeightedWords, signal?: AbortSignal): Promise<Float32Array>
}

export const offlineEmbedder: Embedder = {
  space: `offline_h${OFFLINE_DIM}`,
  dim: OFFLINE_DIM,
  async embedDocuments(chunks) {
    return chunks.map((c) => embedWords(tableWords(c.table)))
  },
  async embedQuery(_question, words) {
    return embedWords(words)
  }
}

/** Adapts a provider's text-embedding call (OpenAI, Gemini, Ollama) to an Embedder. */
export function textEmbedder(space: string, dim: number, embedTexts: (texts: string[], signal?: AbortSignal) => Promise<number[][]>): Embedder {
  const toF32 = (v: number[]) => {
    if (v.length !== dim) throw new Error(`embedding has ${v.length} dimensions, expected ${dim}`)
    return Float32Array.from(v)
  }
  return {
    space: space.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 60),
    dim,
    async embedDocuments(chunks, signal) {
      const out: Float32Array[] = []
      for (let i = 0; i < chunks.length; i += 64) {
        const batch = await embedTexts(chunks.slice(i, i + 64).map((c) => c.text), signal)
        out.push(...batch.map(toF32))
      }
      return out
    },
    async embedQuery(question, _words, signal) {
      const [v] = await embedTexts([question], signal)
      return toF32(v)
    }
  }
}
