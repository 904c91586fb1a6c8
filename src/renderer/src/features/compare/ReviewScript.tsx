import type { MigrationScript } from '../../../../shared/contract/compare'
import { Markdown } from '../ai/Markdown'
import { createOneOffAnswerStore } from '../ai/one-off-answer'

const REVIEW =
  'Review this migration script before it is applied: for each step say what it changes, what data it can lose or lock, ' +
  'and whether the order is safe; end with the riskiest steps first. The marked risks are: '

const useReview = createOneOffAnswerStore()

/** Asks the assistant to review the script and explain its risks (under the connection's privacy level); nothing runs. */
export function ReviewScriptButton({ connectionId, script }: { connectionId: string | undefined; script: MigrationScript }): React.JSX.Element {
  const { running, ask } = useReview()
  const risks = script.steps.flatMap((s) => (s.risk ? [s.risk] : []))
  const review = () => {
    if (connectionId) void ask({ connectionId, task: 'explain', question: `${REVIEW}${risks.join('; ') || 'none'}.`, sql: script.text })
  }
  return (
    <button onClick={review} disabled={!connectionId || !script.steps.length || running} title="The assistant explains each step's risk; nothing runs" data-testid="compare-review">
      {running ? 'Reviewing…' : 'Review with AI'}
    </button>
  )
}

/** The review as it streams, above the script. */
export function ReviewAnswer(): React.JSX.Element | null {
  const { answer, error, clear } = useReview()
  if (!answer && !error) return null
  return (
    <div className="compare-review" data-testid="compare-review-answer">
      {error ? <p className="inline-error">{error}</p> : <Markdown text={answer} />}
      <button className="link-button" onClick={clear}>
        Close
      </button>
    </div>
  )
}
