import { useCallback, useEffect, useState } from 'react'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

interface Status {
  tables: number
  embedded: number
  embedding: string
  updatedAt: string | null
}

/** The schema index of the connection: size, embedding in use, live progress while (re)indexing. */
export function AiIndexStatus({ connectionId }: { connectionId: string }): React.JSX.Element {
  const [status, setStatus] = useState<Status>()
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number }>()
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    api.call('ai.index.status', { connectionId }).then(setStatus, (e) => setError(errorMessage(e)))
  }, [connectionId])
  useEffect(load, [load])
  useEffect(
    () =>
      api.on('ai.index.progress', (p) => {
        if (p.connectionId !== connectionId) return
        if (p.phase === 'done') {
          setProgress(undefined)
          load()
        } else setProgress(p)
      }),
    [connectionId, load]
  )
  const rebuild = async () => {
    setError(undefined)
    try {
      setStatus(await api.call('ai.index.rebuild', { connectionId, full: true }))
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <div className="ai-index muted" data-testid="ai-index-status">
      {progress ? (
        <span>
          Indexing schema ({progress.phase}) {progress.done}/{progress.total}
          <progress max={progress.total || 1} value={progress.done} />
        </span>
      ) : status && status.tables > 0 ? (
        <span title={status.updatedAt ?? ''}>
          Schema index: {status.tables} tables · {status.embedding.startsWith('offline') ? 'offline embedding' : status.embedding}
        </span>
      ) : (
        <span>Schema not indexed yet (indexed on the first question)</span>
      )}
      <button onClick={() => void rebuild()} disabled={!!progress} data-testid="ai-index-rebuild">Rebuild</button>
      {error && <span className="field-error"> {error}</span>}
    </div>
  )
}
