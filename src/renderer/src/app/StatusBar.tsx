import { useEffect, useState } from 'react'
import { onLinkState } from '../api/client'
import { useResultsStore } from '../features/results/results-store'
import { useActiveConnection } from './app-store'

export function StatusBar(): React.JSX.Element {
  const connection = useActiveConnection()
  const running = useResultsStore((s) => s.running)
  const results = useResultsStore((s) => s.results)
  const durationMs = useResultsStore((s) => s.durationMs)
  const [link, setLink] = useState('open')
  useEffect(() => onLinkState(setLink), [])
  const rows = results.reduce((n, r) => n + r.rowCount, 0)
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>{connection ? `${connection.name} (${connection.dialect})` : 'No connection'}</span>
      <span data-testid="status-rows">{`${running ? 'Running… ' : ''}${rows.toLocaleString()} ${rows === 1 ? 'row' : 'rows'}`}</span>
      {durationMs !== undefined && !running && <span data-testid="status-duration">{Math.round(durationMs)} ms</span>}
      {link !== 'open' && <span className="warn">Service link {link === 'lost' ? 'lost, reconnecting…' : 'connecting…'}</span>}
    </footer>
  )
}
