import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore } from '../workspace/workspace-store'

/** Says plainly when the tab's transaction is open, failed or lost, with the way out. */
export function TransactionBar(): React.JSX.Element | null {
  const transaction = useActiveTab((t) => t.transaction)
  const running = useActiveTab((t) => t.run.running)
  const tab = () => activeTabStore()?.getState()
  if (running || transaction === 'none') return null
  if (transaction === 'lost') {
    return (
      <div className="transaction-bar transaction-failed" role="status" data-testid="transaction-bar">
        <span>The connection was lost with a transaction open: the server rolled it back, so none of its changes were saved.</span>
      </div>
    )
  }
  return (
    <div className={`transaction-bar transaction-${transaction}`} role="status" data-testid="transaction-bar">
      <span>
        {transaction === 'failed'
          ? 'The transaction failed: the database ignores every statement in it until you roll it back.'
          : 'A transaction is open in this tab: its changes are not saved until you commit.'}
      </span>
      {transaction === 'open' && (
        <button onClick={() => void tab()?.commit()} data-testid="transaction-commit">
          Commit
        </button>
      )}
      <button className={transaction === 'failed' ? 'primary' : ''} onClick={() => void tab()?.rollback()} data-testid="transaction-rollback">
        Rollback
      </button>
    </div>
  )
}
