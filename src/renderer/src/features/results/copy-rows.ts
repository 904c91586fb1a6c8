import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import type { ResultView } from '../workspace/run-state'
import { blockSize, copyRequest, insertTarget, sourceLabel, type CellRange } from './grid-range'
import { useGridSelection } from './grid-selection-store'
import { useGridViews } from './grid-view-store'

export type CopyFormat = 'tsv' | 'csv' | 'json' | 'insert' | 'markdown'

/** Without a selected block, Copy as… takes the first this many rows (Export is for more). */
export const COPY_CAP = 10_000

const plural = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`

/** How a copy's destination table reads on the toolbar: the source table, or a plain warning. */
export function insertNote(result: Pick<ResultView, 'source'>): string {
  return result.source ? `INSERT into ${sourceLabel(result.source)}` : 'INSERT into a placeholder table: the result does not come from one table'
}

/**
 * Copies full values (main formats them from its result store, never the grid's cut display text): the block when
 * one is selected, else every column of the first COPY_CAP rows, in the grid's sort and filter. The note that says
 * so belongs to this result only and fades.
 */
export async function copyRows(result: ResultView, format: CopyFormat, range?: CellRange): Promise<void> {
  const view = useGridViews.getState().views[result.resultId]
  const note = (text: string): void => useGridSelection.getState().note(result.resultId, text)
  const rows = range ? copyRequest(range) : { from: 0, to: Math.min(view?.total ?? result.rowCount, COPY_CAP) }
  try {
    const { text, rows: copied } = await api.call('query.copy', {
      resultId: result.resultId,
      ...rows,
      format,
      sort: view?.sort,
      filter: view?.filter,
      header: format !== 'tsv' || undefined,
      tableName: format === 'insert' ? insertTarget(result.source) : undefined
    })
    await navigator.clipboard.writeText(text)
    const what = range ? `${plural(copied, 'row')} × ${plural(blockSize(range).cols, 'column')}` : plural(copied, 'row')
    note(`Copied ${what} as ${format === 'insert' ? insertNote(result) : format.toUpperCase()}`)
  } catch (error) {
    note(`Copy failed: ${errorMessage(error)}`)
  }
}
