import { createRequire } from 'node:module'
import type { Dialect } from '../../../shared/cells'
import { factsOf } from '../../../shared/engines'
import { tokenizeSql } from '../../../shared/sql-tokens'
import { splitStatements, type StatementPiece } from '../../../shared/statement-split'
import { RequestWorker } from '../request-worker'

/**
 * Splitting a script is one synchronous pass of dbgate-query-splitter (about 1 s for 5 MB): texts from this size on
 * are split in a worker thread, so a big `query.run` does not stall every other call. Smaller ones split inline.
 */
export const SPLIT_IN_WORKER_CHARS = 256 * 1024
/** Work done in one turn of the event loop before yielding (classifying, filtering pieces). */
export const SLICE_MS = 8

/**
 * The worker's code, evaluated from a string so it runs the same under vitest and the bundled app (no worker file
 * to locate); it loads only the splitter package. It answers [offset, end) pairs; a piece whose text is not exactly
 * that slice of the script (never seen, but not promised by the splitter) comes back with its text.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { splitQuery } = require(workerData.splitterPath)
parentPort.on('message', (m) => {
  try {
    const items = splitQuery(m.sql, { ...m.options, returnRichInfo: true })
    const ranges = new Int32Array(items.length * 2)
    const texts = {}
    items.forEach((item, i) => {
      const offset = (item.trimStart || item.start).position
      const end = (item.trimEnd || item.end).position
      ranges[2 * i] = offset
      ranges[2 * i + 1] = end
      if (m.sql.slice(offset, end) !== item.text) texts[i] = item.text
    })
    parentPort.postMessage({ id: m.id, ranges, texts }, [ranges.buffer])
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e && e.message ? e.message : String(e) })
  }
})
`

type Reply = { id: number; ranges?: Int32Array; texts?: Record<number, string>; error?: string }

/** One worker for the process, started by the first large split. */
const splitter = new RequestWorker<Reply>(workerSource, () => ({ splitterPath: createRequire(import.meta.url).resolve('dbgate-query-splitter') }), 'The statement splitter stopped')

/** Lets other callbacks run when this turn has used its slice; returns the new turn's start. */
export async function yieldIfDue(since: number): Promise<number> {
  if (performance.now() - since < SLICE_MS) return since
  await new Promise<void>((resolve) => setImmediate(resolve))
  return performance.now()
}

/**
 * The same pieces as splitStatements (shared/statement-split), without holding the event loop: a large text is split
 * in a worker thread and its comment-only pieces are dropped in slices. If the worker fails, it splits inline.
 */
export async function splitStatementsBounded(sql: string, dialect: Dialect): Promise<StatementPiece[]> {
  if (sql.length < SPLIT_IN_WORKER_CHARS) return splitStatements(sql, dialect)
  let reply: Reply
  try {
    reply = await splitter.request((worker, id) => worker.postMessage({ id, sql, options: factsOf(dialect).splitter }))
  } catch {
    return splitStatements(sql, dialect)
  }
  const ranges = reply.ranges!
  const texts = reply.texts ?? {}
  const lexical = factsOf(dialect).lexical
  const pieces: StatementPiece[] = []
  let turn = performance.now()
  for (let i = 0; i < ranges.length / 2; i++) {
    const offset = ranges[2 * i]!
    const text = texts[i] ?? sql.slice(offset, ranges[2 * i + 1])
    if (tokenizeSql(text, lexical).length > 0) pieces.push({ text, offset })
    if ((i & 63) === 63) turn = await yieldIfDue(turn)
  }
  return pieces
}
