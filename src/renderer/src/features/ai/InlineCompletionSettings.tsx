import { useEffect, useState } from 'react'
import type { InlineCompletionProviderChoice, InlineCompletionSettings as Settings } from '../../../../shared/contract/ai-complete'
import { errorMessage } from '../../api/api-error'
import { useAiStore } from './ai-store'
import { useInlineCompletionStore } from './inline-completion-store'

const where = (c: InlineCompletionProviderChoice) => (c.local ? 'on this machine' : 'leaves this machine')

/** Inline completion (ghost text in the editor): opt-in, a local provider unless one is chosen, debounce and length. */
export function InlineCompletionSettings(): React.JSX.Element | null {
  const settings = useInlineCompletionStore((s) => s.settings)
  // adding, removing or disabling a provider above changes which ones can complete
  const providers = useAiStore((s) => s.settings?.providers)
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    void useInlineCompletionStore
      .getState()
      .load()
      .catch((e) => setFailure(errorMessage(e)))
  }, [providers])
  if (!settings) return null

  const save = async (patch: Partial<Settings>) => {
    setFailure(undefined)
    try {
      await useInlineCompletionStore.getState().update(patch)
    } catch (e) {
      setFailure(errorMessage(e))
    }
  }
  const local = settings.choices.find((c) => c.local)
  return (
    <fieldset className="ai-providers" data-testid="ai-inline-settings">
      <legend>Inline completion in the editor</legend>
      <label className="ai-check">
        <input type="checkbox" checked={settings.enabled} disabled={!settings.enabled && !settings.effective} onChange={(e) => void save({ enabled: e.target.checked })} data-testid="ai-inline-enabled" />{' '}
        Suggest the rest of the SQL as ghost text while you type (Tab accepts, Escape dismisses)
      </label>
      <label>
        Provider{' '}
        <select value={settings.providerId ?? ''} onChange={(e) => void save({ providerId: e.target.value || null })} data-testid="ai-inline-provider">
          <option value="">{local ? `The first one on this machine (${local.label} · ${local.model})` : 'The first one on this machine (none configured)'}</option>
          {settings.choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label} · {c.model} ({where(c)})
            </option>
          ))}
        </select>
      </label>
      {!settings.effective && (
        <p className="muted" data-testid="ai-inline-needs-choice">
          No AI provider on this machine (Ollama, LM Studio, llama.cpp): to turn inline completion on, choose a remote provider above. The text around the cursor then leaves this
          machine as you type.
        </p>
      )}
      <div className="ai-actions">
        <label>
          Wait after typing (ms){' '}
          <input type="number" min={100} max={5000} step={50} defaultValue={settings.debounceMs} onBlur={(e) => void save({ debounceMs: Number(e.target.value) })} data-testid="ai-inline-debounce" />
        </label>
        <label>
          Longest suggestion (tokens){' '}
          <input type="number" min={8} max={512} defaultValue={settings.maxTokens} onBlur={(e) => void save({ maxTokens: Number(e.target.value) })} data-testid="ai-inline-max-tokens" />
        </label>
      </div>
      <p className="muted">
        Sends the SQL around the cursor and the columns of the tables it names, never sample values. Each connection&apos;s privacy applies: under &quot;Shares nothing&quot; only a
        provider on this machine is asked; a remote provider gets string literals as placeholders unless the connection shares sample values.
      </p>
      {failure && <div className="inline-error">{failure}</div>}
    </fieldset>
  )
}
