import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { AppError } from '../../../shared/errors'

const MAX_JSON_BYTES = 512 * 1024 * 1024

/** A JSON array file, parsed whole (at most 512 MiB; JSONL streams): its items. */
export function jsonItems(path: string): unknown[] {
  if (statSync(path).size > MAX_JSON_BYTES) throw new AppError('INVALID_INPUT', 'JSON files over 512 MiB cannot be imported whole; save them as JSON Lines (one value per line).')
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new AppError('INVALID_INPUT', `The file is not valid JSON: ${(e as Error).message}`)
  }
  if (!Array.isArray(value)) throw new AppError('INVALID_INPUT', 'A JSON import needs an array of objects (or of arrays) at the top level.')
  return value
}

/** A JSON Lines file: one value per non-empty line; a line that is not JSON comes as an Error (rejected, with its line). */
export async function* jsonLines(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  let n = 0
  for await (const raw of lines) {
    n++
    const line = (n === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim()
    if (!line) continue
    try {
      yield JSON.parse(line)
    } catch (e) {
      yield new Error(`line ${n} is not JSON: ${(e as Error).message}`)
    }
  }
}

/** Object keys in order of first appearance. */
export function keysOf(items: Iterable<unknown>): string[] {
  const keys = new Set<string>()
  for (const item of items) if (item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Error)) for (const k of Object.keys(item)) keys.add(k)
  return [...keys]
}
