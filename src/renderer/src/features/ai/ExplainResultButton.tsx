import { useState } from 'react'
import type { AiResultSample } from '../../../../shared/contract/ai'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { useGridViews } from '../results/grid-view-store'
import type { ResultView } from '../workspace/run-state'
import { useActiveTab } from '../workspace/use-tab'
import { useAiStore } from './ai-store'

/** What the assistant is shown of a result at most: the grid's first screen, cells cut short. */
const ROWS = 50
const CELL_CHARS = 200

/**
 * "Explain result": the assistant summarises the rows as the grid shows them (its sort and filter). Main decides what
 * leaves the machine: below "Shares schema + sample values" only the columns and the row count are sent.
 */
export function ExplainResultButton({ result }: { result?: ResultView }): React.JSX.Element | null {
  const connectionId = useActiveTab((t) => t.run.request?.connectionId)
  const view = useGridViews((s) => (result ? s.views[result.resultId] : undefined))
  const [failure, setFailure] = useState<string>()
  if (!result || result.columns.length === 0) return null

  const explain = async () => {
    if (!connectionId) return
    setFailure(undefined)
    try {
      const page = await api.call('query.rows', { resultId: result.resultId, offset: 0, limit: ROWS, sort: view?.sort, filter: view?.filter })
      const sample: AiResultSample = {
        columns: result.columns.map((c) => ({ name: c.name, type: c.dbType })),
        rows: page.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.slice(0, CELL_CHARS) : cell))),
        totalRows: page.total
      }
      useAppStore.getState().setPanel('ai')
      await useAiStore.getState().ask({ connectionId, task: 'explainResult', sql: result.statement, result: sample })
    } catch (e) {
      setFailure(errorMessage(e))
    }
  }
  return (
    <>
      <button onClick={() => void explain()} disabled={!result.done || !connectionId} title="The assistant summarises the rows on screen (what it may send follows the connection's privacy level)" data-testid="explain-result">
        Explain result
      </button>
      {failure && (
        <span className="inline-error" role="alert">
          {failure}
        </span>
      )}
    </>
  )
}
