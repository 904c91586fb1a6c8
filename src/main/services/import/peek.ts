import type { Readable } from 'node:stream'

/**
 * Batches of rows whose first `n` rows are read ahead and kept (`head`), then handed out again before the rest.
 * Rows travel in batches: an await per row costs more than parsing it.
 */
export async function peek<T>(source: AsyncIterable<T[]>, n: number): Promise<{ head: T[]; rest: AsyncIterable<T[]>; close(): Promise<void> }> {
  const it = source[Symbol.asyncIterator]()
  const head: T[] = []
  let done = false
  while (head.length < n) {
    const r = await it.next()
    if (r.done) {
      done = true
      break
    }
    head.push(...r.value)
  }
  const rest: AsyncIterable<T[]> = {
    async *[Symbol.asyncIterator]() {
      if (head.length) yield head
      if (done) return
      for (;;) {
        const r = await it.next()
        if (r.done) return
        yield r.value
      }
    }
  }
  return { head: head.slice(0, n), rest, close: async () => void (await it.return?.()) }
}

/** An object-mode stream's records in batches of what is readable at once. */
export async function* streamBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  let failed: Error | null = null
  let ended = false
  stream.on('error', (e) => (failed = e))
  stream.on('end', () => (ended = true))
  for (;;) {
    const batch: T[] = []
    let r: T | null
    while (batch.length < 10_000 && (r = stream.read() as T | null) !== null) batch.push(r)
    if (batch.length) {
      yield batch
      continue
    }
    if (failed) throw failed
    if (ended || stream.destroyed) return
    await new Promise<void>((resolve) => {
      const go = (): void => {
        stream.off('readable', go)
        stream.off('end', go)
        stream.off('error', go)
        stream.off('close', go)
        resolve()
      }
      stream.on('readable', go)
      stream.on('end', go)
      stream.on('error', go)
      stream.on('close', go)
    })
  }
}

/** Items of an async iterable gathered into batches of up to `size`. */
export async function* batched<T>(source: AsyncIterable<T>, size = 1000): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const v of source) {
    batch.push(v)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}
