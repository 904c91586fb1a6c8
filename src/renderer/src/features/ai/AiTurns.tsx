import { useEffect } from 'react'
import type { ChatTurn } from './ai-store'
import { AnswerView } from './AnswerView'
import { Markdown } from './Markdown'
import { OptimizeFindings } from './OptimizeFindings'
import { useAutoScroll } from './use-auto-scroll'

interface Props {
  turns: ChatTurn[]
  connectionId?: string
  noProvider: boolean
  onSetUp(): void
}

/** The conversation: questions and answers, following the newest answer while it streams unless the user scrolled up. */
export function AiTurns({ turns, connectionId, noProvider, onSetUp }: Props): React.JSX.Element {
  const scroll = useAutoScroll<HTMLDivElement>()
  const { follow } = scroll
  // a new question (or another conversation) shows its newest answer, even after the user had scrolled up
  useEffect(() => follow(), [turns.length, follow])
  return (
    <div className="ai-turns-frame">
      <div className="ai-turns" ref={scroll.ref} onScroll={scroll.onScroll} data-testid="ai-turns">
        {turns.length === 0 && noProvider && (
          <div className="ai-setup" data-testid="ai-setup">
            <p>No AI provider is set up yet.</p>
            <p className="muted">
              Add an API key for OpenAI, Anthropic or Google Gemini, or the URL of a local model (Ollama, LM Studio or any OpenAI-compatible server) — a local
              model keeps everything on this machine.
            </p>
            <button className="primary" onClick={onSetUp} data-testid="ai-open-settings">
              Set up a provider…
            </button>
          </div>
        )}
        {turns.length === 0 && !noProvider && <p className="muted">Ask a question about your data, or use the buttons below on the query in the editor.</p>}
        {turns.map((t) => (
          <TurnView key={t.id} turn={t} connectionId={connectionId} />
        ))}
      </div>
      {!scroll.following && (
        <button className="ai-to-newest" onClick={follow} title="Scroll to the newest answer and follow it again" data-testid="ai-to-newest">
          ↓ Newest
        </button>
      )}
    </div>
  )
}

function TurnView({ turn: t, connectionId }: { turn: ChatTurn; connectionId?: string }): React.JSX.Element {
  return (
    <div className="ai-turn" data-testid="ai-turn">
      <div className="ai-question">
        <span className="badge">{t.task}</span> {t.prompt}
      </div>
      {t.status.map((s, i) => (
        <div key={i} className="ai-status" data-testid="ai-status">
          {s}
        </div>
      ))}
      {t.done && t.findings?.length ? (
        <>
          <OptimizeFindings turn={t} />
          <details className="ai-full-answer">
            <summary>The model’s full answer</summary>
            <div className="ai-answer" data-testid="ai-answer">
              <Markdown text={t.answer} />
            </div>
          </details>
        </>
      ) : (
        <AnswerView turn={t} connectionId={connectionId} />
      )}
      {t.error && (
        <div className="inline-error" data-testid="ai-error">
          {t.error}
        </div>
      )}
      {t.meta && <div className="ai-meta muted">{t.meta}</div>}
    </div>
  )
}
