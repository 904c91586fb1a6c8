import { useEffect, useState } from 'react'
import { formatDuration } from '../../../../shared/format-duration'
import { rowsOf } from '../workspace/run-state'
import { useActiveTab } from '../workspace/use-tab'

/** While a query runs: elapsed time and rows received so far; after it: how long it took. */
export function RunClock(): React.JSX.Element | null {
  const running = useActiveTab((t) => t.run.running)
  const startedAt = useActiveTab((t) => t.run.startedAt)
  const durationMs = useActiveTab((t) => t.run.durationMs)
  const rows = useActiveTab((t) => rowsOf(t.run))
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 100)
    return () => clearInterval(timer)
  }, [running])
  if (!running && durationMs === undefined) return null
  const elapsed = running ? Math.max(0, now - (startedAt ?? now)) : (durationMs ?? 0)
  return (
    <span className={`run-clock${running ? ' running' : ''}`} data-testid="run-clock" aria-live="polite">
      {running ? 'Running ' : ''}
      {formatDuration(elapsed)} · {rows.toLocaleString()} {rows === 1 ? 'row' : 'rows'}
    </span>
  )
}
