import { useEffect, useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useSchemaStore } from '../schema/schema-store'
import { useDataTabs } from './data-store'

/** Opens a table of the connection the sidebar shows, by name (with the schema's tables to pick from). */
export function OpenTableForm({ autoFocus }: { autoFocus?: boolean }): React.JSX.Element {
  const connectionId = useAppStore((s) => s.browsingConnectionId)
  const connection = useAppStore((s) => s.connections.find((c) => c.id === s.browsingConnectionId))
  const names = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId]?.names : undefined))
  const [text, setText] = useState('')
  useEffect(() => {
    if (connectionId && !names) void useSchemaStore.getState().load(connectionId)
  }, [connectionId, names])
  const label = (t: { schema: string; name: string }): string => (t.schema && t.schema !== names?.defaultSchema ? `${t.schema}.${t.name}` : t.name)
  const open = (): void => {
    if (!connectionId || !text.trim()) return
    const match = names?.tables.find((t) => label(t) === text.trim() || `${t.schema}.${t.name}` === text.trim())
    const dot = text.indexOf('.')
    const table = match ? { schema: match.schema || undefined, name: match.name } : dot > 0 ? { schema: text.slice(0, dot).trim(), name: text.slice(dot + 1).trim() } : { name: text.trim() }
    useDataTabs.getState().open(connectionId, table)
    setText('')
  }
  return (
    <form
      className="data-open-form"
      onSubmit={(e) => {
        e.preventDefault()
        open()
      }}
    >
      <input
        list="data-open-tables"
        value={text}
        autoFocus={autoFocus}
        placeholder={connection ? `Open a table of ${connection.name}…` : 'Choose a connection in the sidebar'}
        onChange={(e) => setText(e.target.value)}
        disabled={!connectionId}
        data-testid="data-open-input"
      />
      <datalist id="data-open-tables">
        {names?.tables.map((t) => (
          <option key={`${t.schema}.${t.name}`} value={label(t)} />
        ))}
      </datalist>
      <button type="submit" disabled={!text.trim()}>
        Open
      </button>
    </form>
  )
}
