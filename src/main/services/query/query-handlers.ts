import type { exportCalls, queryCalls } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { HandlerMap } from '../rpc/handlers'
import type { ExportService } from './export/export-service'
import { textFormat } from './export/text-formats'
import type { QueryService } from './query-service'

/** Copying is for the clipboard: past this many rows, Export is the tool. */
const MAX_COPY_ROWS = 100_000
/** The INSERT target when the caller names none (the result does not come from one table): plainly a placeholder. */
export const PLACEHOLDER_TABLE = 'target_table'

export function createQueryHandlers(deps: { queries: QueryService }): HandlerMap<typeof queryCalls> {
  const { queries } = deps
  return {
    'query.run': (input) => queries.run(input),
    'query.cancel': async ({ runId }) => {
      await queries.cancel(runId)
      return { ok: true }
    },
    'query.rows': (input) => queries.rows(input),
    'query.release': async ({ resultId }) => {
      await queries.release(resultId)
      return { ok: true }
    },
    'query.copy': async (input) => {
      const result = queries.results.get(input.resultId)
      const to = Math.max(input.from, input.to)
      if (to - input.from > MAX_COPY_ROWS) throw new AppError('INVALID_INPUT', `Copy is limited to ${MAX_COPY_ROWS.toLocaleString('en-US')} rows; use Export for more.`)
      const picked = input.columns ?? result.columns.map((_, i) => i)
      const columns = picked.map((i) => {
        const c = result.columns[i]
        if (!c) throw new AppError('INVALID_INPUT', `The result has no column ${i + 1}.`)
        return c
      })
      // INSERTs into the result's own table name its columns as the table does (`select name as n` → `name`)
      const named = input.format === 'insert' && input.tableName ? columns.map((c) => (c.sourceColumn ? { ...c, name: c.sourceColumn } : c)) : columns
      const tableName = input.format === 'insert' ? (input.tableName ?? PLACEHOLDER_TABLE) : undefined
      const format = textFormat(input.format, { columns: named, header: input.header ?? input.format !== 'tsv', tableName, dialect: result.dialect })
      let text = format.header()
      let rows = 0
      for await (const page of result.pages(5000, input.sort, input.filter, input.from, to)) {
        text += format.rows(input.columns ? page.map((row) => picked.map((i) => row[i])) : page)
        rows += page.length
      }
      return { text: text + format.footer(), rows }
    },
    'query.closeSession': async ({ tabId }) => {
      await queries.closeSession(tabId)
      return { ok: true }
    },
    'query.transactionState': async ({ tabId }) => ({ state: await queries.transactionState(tabId) })
  }
}

export function createExportHandlers(deps: { exports: ExportService }): HandlerMap<typeof exportCalls> {
  return {
    'export.start': (input) => deps.exports.start(input),
    'export.cancel': async ({ exportId }) => {
      await deps.exports.cancel(exportId)
      return { ok: true }
    }
  }
}
