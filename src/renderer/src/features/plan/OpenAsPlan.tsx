import { useMemo } from 'react'
import type { ResultView } from '../workspace/run-state'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore } from '../workspace/workspace-store'
import { explainedStatement } from './explained-statement'

/** On a result of an EXPLAIN statement: plan the explained statement in the plan view (ANALYZE kept when asked for). */
export function OpenAsPlan({ result }: { result?: ResultView }): React.JSX.Element | null {
  const explained = useMemo(() => (result ? explainedStatement(result.statement) : null), [result])
  const pending = useActiveTab((t) => !!t.plans.pending)
  if (!explained) return null
  return (
    <button
      disabled={pending}
      onClick={() => void activeTabStore()?.getState().explain({ ...explained, editorOffset: 0 })}
      title={`Show ${explained.analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN'} of this statement in the plan view (tree, hot spots, flame)`}
      data-testid="open-as-plan"
    >
      Open as plan
    </button>
  )
}
