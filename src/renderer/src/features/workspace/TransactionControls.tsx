import { awaitsEnd } from '../../../../shared/transaction-state'
import { chordLabel, allCommands } from '../../app/commands'
import { useActiveTab } from './use-tab'
import { activeTabStore } from './workspace-store'

const keysOf = (id: string): string => {
  const chord = allCommands().find((c) => c.id === id)?.keys?.[0]
  return chord ? ` (${chordLabel(chord)})` : ''
}

/** Auto-commit or manual, where the transaction stands, and Commit / Rollback, for the active tab. */
export function TransactionControls(): React.JSX.Element {
  const autoCommit = useActiveTab((t) => t.autoCommit)
  const transaction = useActiveTab((t) => t.transaction)
  const running = useActiveTab((t) => t.run.running)
  const tab = () => activeTabStore()?.getState()
  const open = awaitsEnd(transaction)
  const label = { failed: 'Transaction failed', open: 'Transaction open', lost: 'Transaction lost', none: '' }[transaction]
  return (
    <span className="transaction-controls" data-testid="transaction-controls">
      <select
        value={autoCommit ? 'auto' : 'manual'}
        onChange={(e) => tab()?.setAutoCommit(e.target.value === 'auto')}
        title="Auto-commit: every statement is saved at once. Manual: the first statement opens a transaction that you commit or roll back."
        data-testid="transaction-mode"
      >
        <option value="auto">Auto-commit</option>
        <option value="manual">Manual commit</option>
      </select>
      <span className={`transaction-state transaction-state-${transaction}`} data-testid="transaction-state" data-state={transaction} hidden={!label}>
        {label}
      </span>
      <button disabled={running || transaction !== 'open'} onClick={() => void tab()?.commit()} title={`Commit${keysOf('transaction.commit')}`} data-testid="toolbar-commit">
        Commit
      </button>
      <button disabled={running || !open} onClick={() => void tab()?.rollback()} title={`Rollback${keysOf('transaction.rollback')}`} data-testid="toolbar-rollback">
        Rollback
      </button>
    </span>
  )
}
