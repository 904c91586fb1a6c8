import { useEffect } from 'react'
import type { MockTablePlan } from '../../../../shared/contract'
import { createOneOffAnswerStore } from '../ai/one-off-answer'
import { draftsFromAnswer, proposalQuestion } from './ai-proposals'
import { useMockDataStore } from './mockdata-store'

const useProposal = createOneOffAnswerStore()

/**
 * The assistant proposes generators from the columns' names, types, comments and constraints (within the connection's
 * privacy level: the schema, no values); they arrive as overrides the user sees and can change before generating.
 */
export function SuggestWithAi({ connectionId, tables, disabled }: { connectionId: string; tables: MockTablePlan[]; disabled: boolean }): React.JSX.Element {
  const { requestId, answer, running, error, ask } = useProposal()
  const setOverride = useMockDataStore((s) => s.setOverride)
  const refresh = useMockDataStore((s) => s.refresh)
  const done = !!requestId && !running && !error && !!answer
  const drafts = done ? draftsFromAnswer(answer, tables) : {}
  const count = Object.keys(drafts).length
  useEffect(() => {
    if (!done || count === 0) return
    for (const [key, draft] of Object.entries(drafts)) setOverride(key, draft)
    void refresh()
    // applied once per answer
  }, [requestId, done]) // eslint-disable-line react-hooks/exhaustive-deps
  const suggest = () =>
    void ask({ connectionId, task: 'mockGenerators', question: proposalQuestion(tables), tables: tables.map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name)) })
  return (
    <span className="mock-ai">
      <button onClick={suggest} disabled={disabled || running || tables.length === 0} title="The assistant proposes generators from the schema (names, types, comments, constraints; no values)" data-testid="mock-suggest-ai">
        {running ? 'Asking the assistant…' : 'Suggest with AI'}
      </button>
      {error && <span className="inline-error"> {error}</span>}
      {done && (
        <span className="muted" data-testid="mock-suggest-result">
          {' '}
          {count ? `${count} generator${count === 1 ? '' : 's'} proposed: shown as overrides below` : 'The assistant proposed nothing usable.'}
        </span>
      )}
    </span>
  )
}
