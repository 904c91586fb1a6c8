import { useEffect, useState } from 'react'
import type { FileFilter } from '../../../shared/contract'
import { api } from '../api/client'
import { errorMessage } from '../api/api-error'
import './browse-button.css'

// Asked once per page: the desktop app has native pickers, web mode has none (the user types the path there).
let availability: Promise<boolean> | undefined
function dialogsAvailable(): Promise<boolean> {
  availability ??= api.call('dialogs.available', {}).then(
    (r) => r.available,
    () => {
      availability = undefined // a lost link is not an answer: ask again next time
      return false
    }
  )
  return availability
}

export function useDialogsAvailable(): boolean {
  const [available, setAvailable] = useState(false)
  useEffect(() => {
    let live = true
    void dialogsAvailable().then((a) => live && setAvailable(a))
    return () => {
      live = false
    }
  }, [])
  return available
}

interface BrowseButtonProps {
  kind: 'file' | 'folder'
  /** The picker window's title, e.g. "SQLite database file". */
  title: string
  filters?: FileFilter[]
  /** Where the picker opens: usually the field's current value (~ is the home folder). */
  defaultPath?: string
  /** Receives the chosen path (never file contents); not called when the user cancels. */
  onPick(path: string): void
  testId?: string
}

/** "Browse…" next to a path input; renders nothing where no native picker exists (web mode). */
export function BrowseButton({ kind, title, filters, defaultPath, onPick, testId }: BrowseButtonProps): React.JSX.Element | null {
  const available = useDialogsAvailable()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  if (!available) return null
  const browse = async (): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      const at = defaultPath?.trim() || undefined
      const { path } =
        kind === 'folder' ? await api.call('dialogs.chooseFolder', { title, defaultPath: at }) : await api.call('dialogs.openFile', { title, filters, defaultPath: at })
      if (path) onPick(path)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" className="browse-button" disabled={busy} onClick={() => void browse()} data-testid={testId}>
        Browse…
      </button>
      {error && <span className="field-error">{error}</span>}
    </>
  )
}

/** An input with its Browse… button beside it. */
export function PathField({ children, ...browse }: BrowseButtonProps & { children: React.ReactNode }): React.JSX.Element {
  return (
    <span className="path-field">
      {children}
      <BrowseButton {...browse} />
    </span>
  )
}
