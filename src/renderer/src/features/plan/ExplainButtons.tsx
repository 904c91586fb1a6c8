import { chordLabel, runCommand } from '../../app/commands'
import { useActiveTab } from '../workspace/use-tab'
import './commands'

/** The toolbar's Explain and Explain analyze, next to Run. */
export function ExplainButtons(): React.JSX.Element {
  const pending = useActiveTab((t) => !!t.plans.pending)
  return (
    <>
      <button disabled={pending} onClick={() => runCommand('plan.explain')} title={`Plan of the selection or the statement at the cursor, without running it (${chordLabel({ key: 'e', mod: true })})`} data-testid="explain">
        Explain
      </button>
      <button
        disabled={pending}
        onClick={() => runCommand('plan.explainAnalyze')}
        title={`Run the statement (reads only, in a transaction that is rolled back) and show its plan with actual rows and times (${chordLabel({ key: 'e', mod: true, shift: true })})`}
        data-testid="explain-analyze"
      >
        Explain analyze
      </button>
    </>
  )
}
