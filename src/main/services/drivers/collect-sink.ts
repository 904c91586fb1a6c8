import type { Cell, ColumnMeta } from '../../../shared/cells'
import type { StatementSink } from './types'

export interface CollectedResult {
  columns: ColumnMeta[]
  rows: Cell[][]
  batches: number
  rowsAffected?: number | null
  command?: string
}

/** A StatementSink that keeps everything in memory: for tests, small catalog reads and the CLI. */
export class CollectingSink implements StatementSink {
  readonly results: CollectedResult[] = []
  readonly notices: string[] = []
  private current?: CollectedResult

  beginResult(columns: ColumnMeta[]): void {
    this.current = { columns, rows: [], batches: 0 }
    this.results.push(this.current)
  }

  rows(batch: Cell[][]): void {
    if (!this.current) throw new Error('rows() before beginResult()')
    this.current.rows.push(...batch)
    this.current.batches++
  }

  endResult(summary: { rowsAffected?: number | null; command?: string }): void {
    if (this.current) Object.assign(this.current, summary)
    this.current = undefined
  }

  notice(text: string): void {
    this.notices.push(text)
  }
}
