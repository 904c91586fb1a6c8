import { useCallback, useEffect, useState } from 'react'
import type { AiGlossaryTerm } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

/** Business terms the assistant should know ("active customer", "ARR"), for this connection or all. */
export function AiGlossary({ connectionId }: { connectionId: string }): React.JSX.Element {
  const [terms, setTerms] = useState<AiGlossaryTerm[]>([])
  const [term, setTerm] = useState('')
  const [definition, setDefinition] = useState('')
  const [everywhere, setEverywhere] = useState(false)
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    api.call('ai.glossary.list', { connectionId }).then(setTerms, (e) => setError(errorMessage(e)))
  }, [connectionId])
  useEffect(load, [load])
  const add = async () => {
    setError(undefined)
    try {
      await api.call('ai.glossary.upsert', { connectionId: everywhere ? null : connectionId, term: term.trim(), definition: definition.trim() })
      setTerm('')
      setDefinition('')
      load()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <details className="ai-glossary" data-testid="ai-glossary">
      <summary>Glossary ({terms.length})</summary>
      <ul>
        {terms.map((t) => (
          <li key={t.id}>
            <b>{t.term}</b>: {t.definition} {t.connectionId === null && <span className="badge">all connections</span>}{' '}
            <button onClick={() => void api.call('ai.glossary.delete', { id: t.id! }).then(load)} aria-label={`Delete ${t.term}`}>×</button>
          </li>
        ))}
      </ul>
      <input value={term} onChange={(e) => setTerm(e.target.value)} placeholder="Term, e.g. active customer" data-testid="ai-glossary-term" />
      <textarea value={definition} onChange={(e) => setDefinition(e.target.value)} placeholder="Meaning, e.g. ordered in the last 90 days (orders.ordered_at)" rows={2} data-testid="ai-glossary-definition" />
      <label className="ai-check">
        <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} /> For all connections
      </label>
      <button disabled={!term.trim() || !definition.trim()} onClick={() => void add()} data-testid="ai-glossary-add">Add term</button>
      {error && <div className="field-error">{error}</div>}
    </details>
  )
}
