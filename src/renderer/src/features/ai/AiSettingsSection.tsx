import { useEffect, useState } from 'react'
import type { AiProviderKind, AiProviderView, AiSettings } from '../../../../shared/contract'
import { AI_PRIVACY_LABELS, providerEmbeddingsLabel } from '../../../../shared/contract/ai'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useAiStore } from './ai-store'
import { InlineCompletionSettings } from './InlineCompletionSettings'
import { RoutingSettings } from './RoutingSettings'
import './ai.css'

const DEFAULTS: Record<AiProviderKind, { label: string; model: string; baseUrl?: string; embeddingModel?: string; contextTokens: number }> = {
  openai: { label: 'OpenAI', model: 'gpt-4.1-mini', embeddingModel: 'text-embedding-3-small', contextTokens: 128_000 },
  anthropic: { label: 'Anthropic', model: 'claude-sonnet-4-5', contextTokens: 200_000 },
  gemini: { label: 'Google Gemini', model: 'gemini-2.5-flash', embeddingModel: 'gemini-embedding-001', contextTokens: 1_000_000 },
  'openai-compatible': { label: 'Local (Ollama)', model: 'qwen2.5-coder:7b', baseUrl: 'http://127.0.0.1:11434/v1', embeddingModel: 'nomic-embed-text', contextTokens: 32_000 }
}

type ProviderConfig = AiSettings['providers'][number]
const strip = ({ hasKey: _hasKey, ...rest }: AiProviderView): ProviderConfig => rest

/** Providers, their order (the fallback chain), models and write-only keys with a Test button. */
export function AiSettingsSection(): React.JSX.Element {
  const settings = useAiStore((s) => s.settings)
  const loadSettings = useAiStore((s) => s.loadSettings)
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    void loadSettings().catch((e) => setFailure(errorMessage(e)))
  }, [loadSettings])
  if (!settings) return <div className="muted">Loading…</div>

  const save = async (patch: Partial<AiSettings>) => {
    setFailure(undefined)
    try {
      useAiStore.setState({ settings: await api.call('ai.settings.update', patch) })
    } catch (e) {
      setFailure(errorMessage(e))
    }
  }
  const providers = settings.providers.map(strip)
  const replace = (i: number, p: ProviderConfig) => save({ providers: providers.map((x, j) => (j === i ? p : x)) })
  const move = (i: number, d: -1 | 1) => {
    const next = [...providers]
    const [p] = next.splice(i, 1)
    next.splice(Math.max(0, Math.min(next.length, i + d)), 0, p!)
    void save({ providers: next })
  }
  const add = (kind: AiProviderKind) => {
    const d = DEFAULTS[kind]
    let id: string = kind
    for (let n = 2; providers.some((p) => p.id === id); n++) id = `${kind}-${n}`
    void save({ providers: [...providers, { id, kind, enabled: true, maxOutputTokens: 2048, timeoutMs: 60_000, ...d }] })
  }

  return (
    <div className="ai-providers" data-testid="ai-settings">
      <p className="muted">Providers are tried in this order; on 401/429/5xx/timeouts the next one answers. Keys are stored encrypted and never shown again.</p>
      {settings.providers.map((p, i) => (
        <ProviderRow key={p.id} provider={p} onChange={(next) => void replace(i, next)} onMove={(d) => move(i, d)} onRemove={() => void save({ providers: providers.filter((_, j) => j !== i) })} />
      ))}
      <div className="ai-actions">
        Add:
        {(Object.keys(DEFAULTS) as AiProviderKind[]).map((k) => (
          <button key={k} onClick={() => add(k)} data-testid={`ai-add-${k}`}>{DEFAULTS[k].label}</button>
        ))}
      </div>
      <label className="ai-check">
        <input type="checkbox" checked={settings.cacheEnabled} onChange={(e) => void save({ cacheEnabled: e.target.checked })} /> Answer identical requests from the local cache
      </label>
      <label className="ai-check">
        <input type="checkbox" checked={settings.useProviderEmbeddings} onChange={(e) => void save({ useProviderEmbeddings: e.target.checked })} data-testid="ai-provider-embeddings" />{' '}
        {providerEmbeddingsLabel(
          providers
            .filter((p) => p.enabled && p.embeddingModel && p.kind !== 'anthropic')
            .map((p) => p.label)
            .join(' or ')
        )}
      </label>
      <label>
        Default privacy{' '}
        <select value={settings.defaultPrivacy} onChange={(e) => void save({ defaultPrivacy: e.target.value as AiSettings['defaultPrivacy'] })}>
          {(Object.keys(AI_PRIVACY_LABELS) as AiSettings['defaultPrivacy'][]).map((level) => (
            <option key={level} value={level} title={AI_PRIVACY_LABELS[level].detail}>
              {AI_PRIVACY_LABELS[level].label}
            </option>
          ))}
        </select>
      </label>
      <RoutingSettings routing={settings.routing} providers={settings.providers} onChange={(routing) => void save({ routing })} />
      <InlineCompletionSettings />
      <UsageLine />
      {failure && <div className="inline-error">{failure}</div>}
    </div>
  )
}

function UsageLine(): React.JSX.Element | null {
  const [usage, setUsage] = useState<{ requests: number; cachedRequests: number; inputTokens: number; outputTokens: number; costUsd: number }>()
  useEffect(() => {
    api.call('ai.usage.summary', {}).then(setUsage, () => {})
  }, [])
  if (!usage) return null
  return (
    <div className="muted" data-testid="ai-usage">
      Usage so far: {usage.requests} requests ({usage.cachedRequests} from cache), {usage.inputTokens.toLocaleString()} tokens in, {usage.outputTokens.toLocaleString()} out, about $
      {usage.costUsd.toFixed(2)} (estimated from list prices).
    </div>
  )
}

function ProviderRow({ provider, onChange, onMove, onRemove }: { provider: AiProviderView; onChange(p: ProviderConfig): void; onMove(d: -1 | 1): void; onRemove(): void }): React.JSX.Element {
  const [key, setKey] = useState('')
  const [result, setResult] = useState<{ ok: boolean; text: string }>()
  const base = strip(provider)
  const field = (name: 'label' | 'model' | 'baseUrl' | 'embeddingModel', label: string) => (
    <label>
      {label}
      <input
        defaultValue={provider[name] ?? ''}
        onBlur={(e) => {
          const v = e.target.value.trim()
          if (v !== (provider[name] ?? '')) onChange({ ...base, [name]: v || undefined })
        }}
        data-testid={`ai-${provider.id}-${name}`}
      />
    </label>
  )
  const saveKey = async () => {
    try {
      await api.call('ai.setKey', { providerId: provider.id, key: key.trim() })
      setKey('')
      await useAiStore.getState().loadSettings()
      setResult({ ok: true, text: 'Key saved' })
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) })
    }
  }
  const test = async () => {
    setResult({ ok: true, text: 'Testing…' })
    try {
      const r = await api.call('ai.testKey', { providerId: provider.id })
      setResult({ ok: true, text: `OK · ${r.model} · ${Math.round(r.latencyMs)} ms` })
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) })
    }
  }
  return (
    <div className="ai-provider" data-testid={`ai-provider-${provider.id}`}>
      <div>
        <label className="ai-check">
          <input type="checkbox" checked={provider.enabled} onChange={(e) => onChange({ ...base, enabled: e.target.checked })} /> <b>{provider.kind}</b>
        </label>
      </div>
      <div className="ai-actions">
        <button onClick={() => onMove(-1)} title="Earlier in the chain">↑</button>
        <button onClick={() => onMove(1)} title="Later in the chain">↓</button>
        <button onClick={onRemove}>Remove</button>
      </div>
      {field('label', 'Name')}
      {field('model', 'Model')}
      {field('baseUrl', provider.kind === 'openai-compatible' ? 'Base URL (required)' : 'Base URL (optional)')}
      {provider.kind !== 'anthropic' && field('embeddingModel', 'Embedding model')}
      <div className="ai-key-row">
        <input type="password" autoComplete="off" placeholder={provider.hasKey ? 'Key stored — type to replace' : 'API key'} value={key} onChange={(e) => setKey(e.target.value)} data-testid={`ai-${provider.id}-key`} />
        <button disabled={!key.trim()} onClick={() => void saveKey()} data-testid={`ai-${provider.id}-save-key`}>Save key</button>
        {provider.hasKey && <button onClick={() => void api.call('ai.setKey', { providerId: provider.id, key: null }).then(() => useAiStore.getState().loadSettings())}>Forget key</button>}
        <button onClick={() => void test()} data-testid={`ai-${provider.id}-test`}>Test</button>
        <span className={result?.ok === false ? 'field-error' : 'ai-ok'} data-testid={`ai-${provider.id}-result`}>
          {result?.text ?? (provider.hasKey ? 'Key stored' : provider.kind === 'openai-compatible' ? 'No key needed' : 'No key')}
        </span>
      </div>
    </div>
  )
}
