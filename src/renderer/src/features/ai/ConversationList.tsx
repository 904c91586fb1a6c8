import { useEffect, useState } from 'react'
import type { AiConversationSummary } from '../../../../shared/contract'
import { errorMessage } from '../../api/api-error'
import { useAiStore } from './ai-store'
import './conversations.css'

/**
 * The connection's conversations with the assistant: search (titles and turn text), open, rename, delete, new.
 * Mounting it restores the connection's most recent conversation into the panel.
 */
export function ConversationList({ connectionId }: { connectionId: string | undefined }): React.JSX.Element | null {
  const { conversations, conversationId, conversationQuery, restoreConversation, loadConversations, openConversation, newConversation } = useAiStore()
  const [failure, setFailure] = useState<string>()

  useEffect(() => {
    if (connectionId) void restoreConversation(connectionId).catch((e) => setFailure(errorMessage(e)))
  }, [connectionId, restoreConversation])

  if (!connectionId) return null
  const current = conversations.find((c) => c.id === conversationId)
  const guard = (p: Promise<void>) => void p.then(() => setFailure(undefined)).catch((e) => setFailure(errorMessage(e)))
  return (
    <details className="ai-conversations" data-testid="ai-conversations">
      <summary>
        <span className="ai-conversations-current" data-testid="ai-conversation-title">{current ? titleOf(current) : 'New conversation'}</span>
        <span className="muted"> · {conversations.length} conversation{conversations.length === 1 ? '' : 's'}</span>
      </summary>
      <div className="ai-conversations-tools">
        <input
          type="search"
          value={conversationQuery}
          onChange={(e) => guard(loadConversations(connectionId, e.target.value))}
          placeholder="Search conversations"
          aria-label="Search conversations"
          data-testid="ai-conversation-search"
        />
        <button onClick={newConversation} disabled={!conversationId} data-testid="ai-conversation-new">New conversation</button>
      </div>
      {failure && <div className="inline-error">{failure}</div>}
      <ul className="ai-conversation-items">
        {conversations.length === 0 && <li className="muted">{conversationQuery ? 'No conversation matches.' : 'No conversations yet: ask a question to start one.'}</li>}
        {conversations.map((c) => (
          <ConversationItem key={c.id} conversation={c} selected={c.id === conversationId} onOpen={() => guard(openConversation(c.id))} onError={setFailure} />
        ))}
      </ul>
    </details>
  )
}

function ConversationItem(props: { conversation: AiConversationSummary; selected: boolean; onOpen(): void; onError(message: string): void }): React.JSX.Element {
  const { conversation: c } = props
  const { renameConversation, deleteConversation } = useAiStore()
  const [renaming, setRenaming] = useState<string>()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const fail = (e: unknown) => props.onError(errorMessage(e))
  const saveTitle = () => {
    const title = renaming?.trim()
    setRenaming(undefined)
    if (title && title !== c.title) void renameConversation(c.id, title).catch(fail)
  }
  return (
    <li className={props.selected ? 'ai-conversation selected' : 'ai-conversation'} data-testid="ai-conversation">
      {renaming !== undefined ? (
        <input
          autoFocus
          value={renaming}
          onChange={(e) => setRenaming(e.target.value)}
          onBlur={saveTitle}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveTitle()
            if (e.key === 'Escape') setRenaming(undefined)
          }}
          aria-label="Conversation title"
          data-testid="ai-conversation-title-input"
        />
      ) : (
        <button
          className="ai-conversation-open"
          onClick={props.onOpen}
          title={`${titleOf(c)} · ${c.turnCount} turns · ${c.usage.inputTokens + c.usage.outputTokens} tokens · $${c.usage.costUsd.toFixed(4)} · ${new Date(c.updatedAt).toLocaleString()}`}
        >
          <span className="ai-conversation-name">{titleOf(c)}</span>
          <span className="muted"> {whenUsed(c.updatedAt)}</span>
        </button>
      )}
      <button onClick={() => setRenaming(c.title)} aria-label={`Rename ${titleOf(c)}`} data-testid="ai-conversation-rename">Rename</button>
      {confirmDelete ? (
        <button className="danger" onClick={() => void deleteConversation(c.id).catch(fail)} onBlur={() => setConfirmDelete(false)} data-testid="ai-conversation-delete-confirm">
          Delete?
        </button>
      ) : (
        <button onClick={() => setConfirmDelete(true)} aria-label={`Delete ${titleOf(c)}`} data-testid="ai-conversation-delete">Delete</button>
      )}
    </li>
  )
}

function titleOf(c: AiConversationSummary): string {
  return c.title || 'New conversation'
}

/** The time for today's conversations, the date for older ones. */
function whenUsed(iso: string): string {
  const d = new Date(iso)
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString()
}
