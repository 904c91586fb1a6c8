import { createHash } from 'node:crypto'
import type { WeightedWords } from './features'

export const OFFLINE_DIM = 384

function bucket(feature: string): { index: number; sign: number } {
  const h = createHash('md5').update(feature).digest()
  return { index: h.readUInt32LE(0) % OFFLINE_DIM, sign: h[4] & 1 ? 1 : -1 }
}

const cache = new Map<string, { index: number; sign: number }>()
function cachedBucket(feature: string): { index: number; sign: number } {
  let b = cache.get(feature)
  if (!b) {
    b = bucket(feature)
    if (cache.size < 200_000) cache.set(feature, b)
  }
  return b
}

/**
 * Offline embedding: feature hashing of stemmed words and their character trigrams into a fixed
 * vector, L2-normalised. Words carry the meaning; trigrams catch partial matches such as
 * "cust" ~ "customer" or "qty" ~ "quantity" prefixes. Needs no network and no model file.
 */
export function embedWords(words: WeightedWords): Float32Array {
  const v = new Float32Array(OFFLINE_DIM)
  for (const [word, weight] of words) {
    const b = cachedBucket(`w:${word}`)
    v[b.index] += b.sign * weight
    const padded = `^${word}$`
    if (padded.length < 5) continue
    const grams = padded.length - 2
    const gw = (0.35 * weight) / Math.sqrt(grams)
    for (let i = 0; i < grams; i++) {
      const g = cachedBucket(`g:${padded.slice(i, i + 3)}`)
      v[g.index] += g.sign * gw
    }
  }
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i]
  norm = Math.sqrt(norm) || 1
  for (let i = 0; i < v.length; i++) v[i] /= norm
  return v
}
