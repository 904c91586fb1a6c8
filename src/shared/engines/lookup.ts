import { engineFacts } from './index'
import type { EngineFacts } from './types'

const allFacts = (): EngineFacts[] => Object.values(engineFacts)

/** The engine a URL scheme names (`postgresql` → PostgreSQL), if any. */
export function factsForUrlScheme(scheme: string): EngineFacts | undefined {
  const lower = scheme.toLowerCase()
  return allFacts().find((f) => f.urlSchemes.includes(lower))
}

export const fileBasedFacts = (): EngineFacts[] => allFacts().filter((f) => f.fileBased)

/** The file-based engine whose file names match `path`; else undefined. */
export function factsForFileName(path: string): EngineFacts | undefined {
  return fileBasedFacts().find((f) => f.fileNamePattern?.test(path))
}
