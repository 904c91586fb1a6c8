import { useState } from 'react'
import type { Settings } from '../../../shared/contract'
import { api } from '../api/client'
import { ApiError, errorMessage } from '../api/api-error'
import { useAppStore } from './app-store'
import { settingsSections } from './registry'
import { resolveTheme } from './theme'
import { useEscapeKey } from './use-escape-key'

type Draft = { theme: Settings['theme']; editorFontSize: string; resultMemoryCapRows: string; autoUpdate: boolean }

/** The limits in words, instead of zod's "Too small: expected number to be >=8". */
const plainMessages: Record<string, string> = {
  editorFontSize: 'Font size must be a whole number from 8 to 40',
  resultMemoryCapRows: 'Rows must be a whole number from 1,000 to 50,000,000'
}

export function SettingsDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const settings = useAppStore((s) => s.settings)!
  useEscapeKey(onClose)
  const [draft, setDraft] = useState<Draft>({
    theme: settings.theme,
    editorFontSize: String(settings.editorFontSize),
    resultMemoryCapRows: String(settings.resultMemoryCapRows),
    autoUpdate: settings.autoUpdate
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()

  const save = async (): Promise<void> => {
    setErrors({})
    setFailure(undefined)
    try {
      const next = await api.call('settings.update', {
        theme: draft.theme,
        editorFontSize: Number(draft.editorFontSize),
        resultMemoryCapRows: Number(draft.resultMemoryCapRows),
        autoUpdate: draft.autoUpdate
      })
      useAppStore.setState({ settings: next, theme: resolveTheme(next.theme) })
      onClose()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INVALID_INPUT' && error.detail?.issues) {
        setErrors(Object.fromEntries(error.detail.issues.map((i) => [i.path, plainMessages[i.path] ?? i.message])))
      } else setFailure(errorMessage(error))
    }
  }

  return (
    // a click beside the form must not throw away what was typed: Cancel or Escape close it
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label="Settings" data-testid="settings-dialog">
        <h2>Settings</h2>
        <label>
          Theme
          <select value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as Settings['theme'] })}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label>
          Editor font size
          <input inputMode="numeric" value={draft.editorFontSize} onChange={(e) => setDraft({ ...draft, editorFontSize: e.target.value })} />
          {errors.editorFontSize && <span className="field-error">{errors.editorFontSize}</span>}
        </label>
        <label>
          Rows kept in memory per result (the rest spill to a temporary file)
          <input inputMode="numeric" value={draft.resultMemoryCapRows} onChange={(e) => setDraft({ ...draft, resultMemoryCapRows: e.target.value })} />
          {errors.resultMemoryCapRows && <span className="field-error">{errors.resultMemoryCapRows}</span>}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.autoUpdate} onChange={(e) => setDraft({ ...draft, autoUpdate: e.target.checked })} />
          Check for updates at start (needs the internet; off by default)
        </label>
        {settingsSections.map(({ id, label, component: Section }) => (
          <section key={id} className="settings-section">
            <h3>{label}</h3>
            <Section />
          </section>
        ))}
        {failure && <div className="inline-error">{failure}</div>}
        <div className="modal-actions">
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={() => void save()} data-testid="settings-save">
            Save
          </button>
        </div>
      </div>
    </div>
  )
}
