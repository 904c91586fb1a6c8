import { useEffect, useState } from 'react'
import type { AiPrivacyLevel, AiTask } from '../../../../shared/contract'
import { AI_PRIVACY_LABELS } from '../../../../shared/contract/ai'
import { errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { useEscapeKey } from '../../app/use-escape-key'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore } from '../workspace/workspace-store'
import { useAiStore } from './ai-store'
import { AiTurns } from './AiTurns'
import { AiIndexStatus } from './AiIndexStatus'
import { AiGlossary } from './AiGlossary'
import { ConversationList } from './ConversationList'
import { ScopePicker } from './ScopePicker'
import { PreviewContextNote } from './PreviewContextNote'
import './ai.css'

interface Preview {
  providerId: string
  model: string
  remote: boolean
  system: string
  messages: { role: string; content: string }[]
  tables: string[]
  estimatedTokens: number
  privacy: AiPrivacyLevel
  embeddings?: { providerId: string; label: string; model: string; remote: boolean }
  leaves?: string[]
  notes?: string[]
  history?: { included: number; summarised: number; dropped: number }
  pinned?: string[]
}

/** The assistant: ask in words, or explain / fix / optimise the editor's query, with streaming answers. */
export function AiChatPanel(): React.JSX.Element {
  const connectionId = useActiveTab((t) => t.connectionId) ?? undefined
  const openSettings = useAppStore((s) => s.openSettings)
  const { settings, providerId, privacy, turns, activeRequest, loadSettings, loadPrivacy, setPrivacy, setProvider, ask, previewPrompt, cancel, clear } = useAiStore()
  const [question, setQuestion] = useState('')
  const [analyze, setAnalyze] = useState(false)
  const [preview, setPreview] = useState<Preview>()
  useEscapeKey(() => setPreview(undefined), !!preview)
  const [failure, setFailure] = useState<string>()

  useEffect(() => {
    void loadSettings().catch((e) => setFailure(errorMessage(e)))
  }, [loadSettings])
  useEffect(() => {
    if (connectionId) void loadPrivacy(connectionId).catch(() => {})
  }, [connectionId, loadPrivacy])

  const editorSql = () => activeTabStore()?.getState().sql.trim() ?? ''
  const input = (task: AiTask) => {
    if (!connectionId) return undefined
    if (task === 'ask') return { connectionId, task, question: question.trim() }
    const sql = editorSql()
    const error = activeTabStore()?.getState().run.error
    if (task === 'fix') return { connectionId, task, sql: error?.sql || sql, error: error?.message ?? '' }
    if (task === 'optimize') return { connectionId, task, sql, analyze }
    if (task === 'describe') return { connectionId, task }
    return { connectionId, task, sql }
  }
  const run = (task: AiTask) => {
    const i = input(task)
    if (!i) return setFailure('Pick a connection first.')
    setFailure(undefined)
    if (task === 'ask') setQuestion('')
    void ask(i)
  }
  const showPreview = async () => {
    const i = input('ask')
    if (!i) return
    try {
      setPreview(await previewPrompt(i))
    } catch (e) {
      setFailure(errorMessage(e))
    }
  }
  const enabled = settings?.providers.filter((p) => p.enabled) ?? []
  const noProvider = settings !== undefined && enabled.length === 0
  const lastError = useActiveTab((t) => t.run.error)

  return (
    <div className="ai-panel" data-testid="ai-panel">
      <div className="ai-toolbar">
        <select value={providerId ?? ''} onChange={(e) => setProvider(e.target.value || undefined)} aria-label="Provider" data-testid="ai-provider">
          <option value="">{enabled.length ? 'Default chain' : 'No provider configured'}</option>
          {enabled.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label} · {p.model}
            </option>
          ))}
        </select>
        <select
          value={privacy}
          onChange={(e) => connectionId && void setPrivacy(connectionId, e.target.value as AiPrivacyLevel)}
          aria-label="What may leave this machine"
          title={`What may leave this machine for this connection: ${AI_PRIVACY_LABELS[privacy].detail}`}
          data-testid="ai-privacy"
        >
          {(Object.keys(AI_PRIVACY_LABELS) as AiPrivacyLevel[]).map((level) => (
            <option key={level} value={level} title={AI_PRIVACY_LABELS[level].detail}>
              {AI_PRIVACY_LABELS[level].label}
            </option>
          ))}
        </select>
        <button onClick={clear} disabled={!turns.length}>Clear</button>
      </div>
      {connectionId && <AiIndexStatus connectionId={connectionId} />}
      {connectionId && <AiGlossary connectionId={connectionId} />}
      <ConversationList connectionId={connectionId} />
      <ScopePicker connectionId={connectionId} />
      <AiTurns turns={turns} connectionId={connectionId} noProvider={noProvider} onSetUp={() => openSettings()} />
      {failure && <div className="inline-error">{failure}</div>}
      <div className="ai-compose">
        <textarea
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && question.trim()) {
              e.preventDefault()
              run('ask')
            }
          }}
          placeholder="e.g. Which customers ordered the most last month?"
          rows={3}
          data-testid="ai-question"
        />
        <div className="ai-actions">
          {activeRequest ? (
            <button onClick={() => void cancel()} data-testid="ai-cancel">Cancel</button>
          ) : (
            <button className="primary" disabled={!question.trim() || noProvider} onClick={() => run('ask')} data-testid="ai-ask">Ask</button>
          )}
          <button disabled={!!activeRequest || noProvider} onClick={() => run('explain')} data-testid="ai-explain">Explain</button>
          <button disabled={!!activeRequest || !lastError || noProvider} onClick={() => run('fix')} title={lastError ? lastError.message : 'Run a query that fails first'} data-testid="ai-fix">Fix error</button>
          <button disabled={!!activeRequest || noProvider} onClick={() => run('optimize')} data-testid="ai-optimize">Optimize</button>
          <label className="ai-analyze" title="EXPLAIN ANALYZE runs the query">
            <input type="checkbox" checked={analyze} onChange={(e) => setAnalyze(e.target.checked)} /> ANALYZE
          </label>
          <button disabled={!question.trim()} onClick={() => void showPreview()} data-testid="ai-preview">Preview prompt</button>
          <button
            disabled={!!activeRequest || noProvider}
            onClick={() => run('describe')}
            title="Write descriptions of the tables and columns that have none (used by the schema docs)"
            data-testid="ai-describe"
          >
            Describe tables
          </button>
        </div>
      </div>
      {preview && (
        <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setPreview(undefined)}>
          <div className="modal ai-preview" role="dialog" aria-label="Prompt preview" data-testid="ai-preview-dialog">
            <h2>Exact prompt</h2>
            <p className="muted">
              To {preview.providerId} · {preview.model} ({preview.remote ? 'leaves this machine' : 'stays on this machine'}) · about {preview.estimatedTokens} tokens · tables:{' '}
              {preview.tables.join(', ') || 'none'}
            </p>
            <PreviewContextNote history={preview.history} pinned={preview.pinned} />
            {preview.embeddings && (
              <p className="ai-preview-embeddings" data-testid="ai-preview-embeddings">
                Provider embeddings are on: table descriptions and the question go to the embeddings endpoint of {preview.embeddings.label} ({preview.embeddings.model},{' '}
                {preview.embeddings.remote ? 'leaves this machine' : 'stays on this machine'}).
              </p>
            )}
            {!!(preview.leaves?.length || preview.notes?.length) && (
              <ul className="ai-preview-leaves" data-testid="ai-preview-leaves">
                {[...(preview.notes ?? []), ...(preview.leaves ?? [])].map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
            <p className="muted">{AI_PRIVACY_LABELS[preview.privacy].label}: {AI_PRIVACY_LABELS[preview.privacy].detail}</p>
            <h3>System</h3>
            <pre>{preview.system}</pre>
            {preview.messages.map((m, i) => (
              <div key={i}>
                <h3>{m.role}</h3>
                <pre>{m.content}</pre>
              </div>
            ))}
            <div className="modal-actions">
              <button onClick={() => setPreview(undefined)}>Close</button>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
