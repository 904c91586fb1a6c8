import { useCallback, useEffect, useState } from 'react'
import type { AiValueIndexStatus } from '../../../../shared/contract/ai-values'
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
    <>
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
      <AiValueIndexLine connectionId={connectionId} />
    </>
  )
}

/**
 * The connection's value index (opt-in): distinct values of its low-cardinality text columns, kept on this machine
 * and used only to find the tables a question's values belong to.
 */
function AiValueIndexLine({ connectionId }: { connectionId: string }): React.JSX.Element {
  const [status, setStatus] = useState<AiValueIndexStatus>()
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    api.call('ai.values.status', { connectionId }).then(setStatus, (e) => setError(errorMessage(e)))
  }, [connectionId])
  useEffect(load, [load])
  useEffect(
    () =>
      api.on('ai.values.progress', (p) => {
        if (p.connectionId !== connectionId) return
        if (p.phase === 'sampling') setStatus((s) => s && { ...s, sampling: { done: p.done, total: p.total } })
        else load()
      }),
    [connectionId, load]
  )
  const act = async (call: Promise<AiValueIndexStatus>) => {
    setError(undefined)
    try {
      setStatus(await call)
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  if (!status) return <div className="ai-index muted" data-testid="ai-values-status" />
  const sampling = status.sampling
  return (
    <div className="ai-index muted" data-testid="ai-values-status">
      <label title="Distinct values of short text columns (such as city or status) are read with bounded queries and kept on this machine. They are only used to find the tables a question names values of, and are never sent to a provider. With it on, a name in a question you ask that it does not hold (a person, band or product) is also looked up in the database with read-only queries; the name is not sent to the provider, but the table it is found in goes into the prompt like any other match.">
        <input
          type="checkbox"
          checked={status.enabled}
          onChange={(e) => void act(api.call('ai.values.setEnabled', { connectionId, enabled: e.target.checked }))}
          data-testid="ai-values-enabled"
        />{' '}
        Value index
      </label>
      {!status.enabled ? (
        <span>off: values stay on this machine and are only used to find tables</span>
      ) : sampling ? (
        <span>
          Reading values: column {sampling.done}/{sampling.total}
          <progress max={sampling.total || 1} value={sampling.done} />
        </span>
      ) : status.updatedAt ? (
        <span title={`Updated ${new Date(status.updatedAt).toLocaleString()}. At most ${status.maxPerColumn} values per column, ${status.maxValues.toLocaleString()} in all.`}>
          {status.values.toLocaleString()} values from {status.columns} columns{status.truncated ? ' (capped)' : ''} · updated {new Date(status.updatedAt).toLocaleString()} · kept on this machine
        </span>
      ) : (
        <span>on, no values yet</span>
      )}
      {status.enabled && (
        <>
          <button onClick={() => void act(api.call('ai.values.rebuild', { connectionId }))} disabled={!!sampling} data-testid="ai-values-refresh">
            Refresh
          </button>
          <button onClick={() => void act(api.call('ai.values.clear', { connectionId }))} disabled={!status.values && !sampling} data-testid="ai-values-clear">
            Clear
          </button>
        </>
      )}
      {(error ?? status.error) && <span className="field-error"> {error ?? status.error}</span>}
    </div>
  )
}
