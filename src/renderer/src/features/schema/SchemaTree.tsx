import { useEffect, useState } from 'react'
import type { SchemaModel } from '../../../../shared/schema-model'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'

export function SchemaTree(): React.JSX.Element {
  const connectionId = useAppStore((s) => s.activeConnectionId)
  const [model, setModel] = useState<SchemaModel>()
  const [error, setError] = useState<string>()
  const [open, setOpen] = useState<Record<string, boolean>>({})

  useEffect(() => {
    if (!connectionId) return
    let live = true
    setModel(undefined)
    setError(undefined)
    api
      .call('schema.get', { connectionId })
      .then((m) => live && setModel(m))
      .catch((e) => live && setError(errorMessage(e)))
    return () => {
      live = false
    }
  }, [connectionId])

  return (
    <div className="sidebar-section schema-tree" data-testid="schema-tree">
      <h2>Schema</h2>
      {error && <div className="inline-error">{error}</div>}
      {!model && !error && <div className="muted">Loading…</div>}
      <ul>
        {model?.tables.map((t) => {
          const key = `${t.schema}.${t.name}`
          return (
            <li key={key}>
              <button className="tree-node" onClick={() => setOpen({ ...open, [key]: !open[key] })}>
                {open[key] ? '▾' : '▸'} <span className={`kind-${t.kind}`}>{t.name}</span>
              </button>
              {open[key] && (
                <ul className="columns">
                  {t.columns.map((c) => (
                    <li key={c.name}>
                      {c.name} <span className="muted">{c.type}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
