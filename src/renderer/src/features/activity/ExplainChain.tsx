import type { ActivitySession, BlockingTreeRow } from '../../../../shared/contract'
import { explainChain, useExplainChainStore } from './explain-chain-store'

/** "Explain this blocking chain" with the assistant, and its answer as it streams. */
export function ExplainChain({ connectionId, tree, sessions }: { connectionId: string; tree: BlockingTreeRow[]; sessions: ActivitySession[] }): React.JSX.Element {
  const { answer, running, error, clear } = useExplainChainStore()
  return (
    <div className="activity-explain">
      <button onClick={() => void explainChain(connectionId, tree, sessions)} disabled={running || !tree.length} data-testid="activity-explain">
        {running ? 'Explaining…' : 'Explain this blocking chain'}
      </button>
      {(answer || error) && (
        <button className="link-button" onClick={clear}>
          Clear
        </button>
      )}
      {error && <p className="inline-error">{error}</p>}
      {answer && <div className="activity-explain-answer" data-testid="activity-explain-answer">{answer}</div>}
    </div>
  )
}
