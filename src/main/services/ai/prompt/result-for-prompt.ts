import type { AiResultSample } from '../../../../shared/contract/ai'

/** Rows sent to the model at most; the grid's first screen is enough to describe a result. */
export const RESULT_ROWS_SENT = 50

/**
 * The result as the prompt shows it: columns with types, the row count, and the rows as tab-separated lines only when
 * `sendsValues` (the privacy level allows values, or every provider is local); otherwise it says the rows were withheld.
 */
export function resultForPrompt(result: AiResultSample, sendsValues: boolean): string {
  const head = `Columns: ${result.columns.map((c) => `${c.name} ${c.type}`).join(', ')}\nRows in the whole result: ${result.totalRows}`
  if (!sendsValues) return `${head}\n(The rows are not shown: this connection's privacy level does not share values.)`
  const rows = result.rows.slice(0, RESULT_ROWS_SENT)
  const cell = (v: string | number | boolean | null) => (v === null ? 'NULL' : String(v).replace(/[\t\r\n]+/g, ' '))
  const lines = rows.map((r) => r.map(cell).join('\t'))
  return `${head}\nFirst ${rows.length} rows (tab-separated):\n${result.columns.map((c) => c.name).join('\t')}\n${lines.join('\n')}`
}
