import { useEffect, useState } from 'react'
import { formatDuration } from '../../../../shared/format-duration'
import type { PendingExplain } from './plan-slice'

/** While the engine plans (or, with analyze, runs) the statement: a spinner, the time so far, and Cancel. */
export function PlanPending({ pending, onCancel }: { pending: PendingExplain; onCancel(): void }): React.JSX.Element {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200)
    return () => clearInterval(timer)
  }, [])
  return (
    <div className="plan-pending" role="status" data-testid="plan-pending">
      <span className="plan-spinner" aria-hidden />
      <span>
        {pending.analyze ? 'Running the statement for its plan (rolled back)…' : 'Asking the planner…'} {formatDuration(Math.max(0, now - pending.startedAt))}
      </span>
      <button onClick={onCancel} data-testid="plan-cancel">
        Cancel
      </button>
    </div>
  )
}
