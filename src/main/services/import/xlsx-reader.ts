/** A cell's value as the import sees it: numbers, booleans, dates, text; formulas as their result. */
export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (typeof v !== 'object' || v instanceof Date) return v
  const o = v as Record<string, unknown>
  if ('result' in o) return cellValue(o.result)
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('')
  if ('text' in o) return cellValue(o.text)
  if ('error' in o) return null
  return JSON.stringify(v)
}

/**
 * The rows of one worksheet (the first, or `sheet` by name) through exceljs's streaming reader, and the names of
 * the sheets seen up to it. Cells come 1-based and sparse: a row is made dense from column A.
 */
export async function* xlsxRows(path: string, sheet: string | undefined, sheets: string[]): AsyncGenerator<unknown[]> {
  // exceljs takes about 0.3 s to load: it comes with the first XLSX file, not with the app
  const { default: ExcelJS } = await import('exceljs')
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' })
  let done = false
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ values: unknown[] }> & { name?: string; id?: number }>) {
    const name = ws.name ?? `Sheet${ws.id ?? sheets.length + 1}`
    sheets.push(name)
    if (done || (sheet !== undefined && sheet !== name)) {
      for await (const _row of ws) void _row // the reader needs every entry read to go on
      continue
    }
    done = true
    for await (const row of ws) {
      const values = row.values
      const out: unknown[] = []
      for (let i = 1; i < values.length; i++) out.push(cellValue(values[i]))
      yield out
    }
  }
}
