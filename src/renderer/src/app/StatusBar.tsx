import { useEffect, useState } from 'react'
import { onLinkState, type LinkState } from '../api/client'
import { rowsOf } from '../features/workspace/run-state'
import { useActiveTab } from '../features/workspace/use-tab'
import { useConnection } from './app-store'

const linkText: Record<Exclude<LinkState, 'open'>, string> = {
  connecting: 'Service link connecting…',
  lost: 'Service link lost, reconnecting… (your text is kept in this page)',
  expired: 'QueryGenie restarted or stopped: open the address it printed (your tabs and text are kept).'
}

export function StatusBar(): React.JSX.Element {
  const connection = useConnection(useActiveTab((t) => t.connectionId))
  const running = useActiveTab((t) => t.run.running)
  const rows = useActiveTab((t) => rowsOf(t.run))
  const durationMs = useActiveTab((t) => t.run.durationMs)
  const [link, setLink] = useState<LinkState>('open')
  useEffect(() => onLinkState(setLink), [])
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-connection">{connection ? `${connection.name} (${connection.dialect})` : 'No connection for this tab'}</span>
      <span data-testid="status-rows">{`${running ? 'Running… ' : ''}${rows.toLocaleString()} ${rows === 1 ? 'row' : 'rows'}`}</span>
      {durationMs !== undefined && !running && <span data-testid="status-duration">{Math.round(durationMs)} ms</span>}
      {link !== 'open' && (
        <span className="warn" data-testid="link-state" data-state={link}>
          {linkText[link]}
        </span>
      )}
    </footer>
  )
}
