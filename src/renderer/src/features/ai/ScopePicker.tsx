import { useEffect, useState } from 'react'
import type { AiConversationScope } from '../../../../shared/contract'
import { errorMessage } from '../../api/api-error'
import { useSchemaStore } from '../schema/schema-store'
import { useAiStore } from './ai-store'
import './conversations.css'

/** A schema is offered as `schema.*`; a table by its qualified name. */
const SCHEMA_SUFFIX = '.*'

/** Pins schemas or tables to the open conversation: pinned tables are always in the prompt, retrieval looks there first. */
export function ScopePicker({ connectionId }: { connectionId: string | undefined }): React.JSX.Element | null {
  const scope = useAiStore((s) => s.scope)
  const setScope = useAiStore((s) => s.setScope)
  const names = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId]?.names : undefined))
  const loadSchema = useSchemaStore((s) => s.load)
  const [text, setText] = useState('')
  const [failure, setFailure] = useState<string>()

  useEffect(() => {
    if (connectionId && !useSchemaStore.getState().byConnection[connectionId]) void loadSchema(connectionId)
  }, [connectionId, loadSchema])

  if (!connectionId) return null
  const tables = (names?.tables ?? []).map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name))
  const schemas = (names?.schemas ?? []).filter(Boolean)
  const save = (next: AiConversationScope) => void setScope(connectionId, next).then(() => setFailure(undefined)).catch((e) => setFailure(errorMessage(e)))
  const pin = () => {
    const value = text.trim()
    if (!value) return
    if (value.endsWith(SCHEMA_SUFFIX) && schemas.includes(value.slice(0, -SCHEMA_SUFFIX.length))) {
      const schema = value.slice(0, -SCHEMA_SUFFIX.length)
      if (!scope.schemas.includes(schema)) save({ ...scope, schemas: [...scope.schemas, schema] })
    } else if (tables.includes(value)) {
      if (!scope.tables.includes(value)) save({ ...scope, tables: [...scope.tables, value] })
    } else return setFailure(`No table or schema "${value}" in this connection`)
    setText('')
  }
  const chips = [
    ...scope.schemas.map((s) => ({ label: `${s}${SCHEMA_SUFFIX}`, remove: () => save({ ...scope, schemas: scope.schemas.filter((x) => x !== s) }) })),
    ...scope.tables.map((t) => ({ label: t, remove: () => save({ ...scope, tables: scope.tables.filter((x) => x !== t) }) }))
  ]
  return (
    <div className="ai-scope" data-testid="ai-scope">
      <span className="muted" title="Pinned tables are always sent; schema search looks inside the pinned schemas first">Scope:</span>
      {chips.length === 0 && <span className="muted">whole database</span>}
      {chips.map((c) => (
        <span key={c.label} className="ai-scope-chip" data-testid="ai-scope-chip">
          {c.label}
          <button onClick={c.remove} aria-label={`Unpin ${c.label}`} title="Unpin">×</button>
        </span>
      ))}
      <input
        list={`ai-scope-options-${connectionId}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            pin()
          }
        }}
        placeholder="Pin a table or schema…"
        aria-label="Pin a table or schema"
        data-testid="ai-scope-input"
      />
      <button onClick={pin} disabled={!text.trim()} data-testid="ai-scope-pin">Pin</button>
      <datalist id={`ai-scope-options-${connectionId}`}>
        {schemas.map((s) => (
          <option key={`s:${s}`} value={`${s}${SCHEMA_SUFFIX}`}>schema {s}</option>
        ))}
        {tables.map((t) => (
          <option key={`t:${t}`} value={t} />
        ))}
      </datalist>
      {failure && <div className="inline-error">{failure}</div>}
    </div>
  )
}
