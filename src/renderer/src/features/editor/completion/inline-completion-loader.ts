import { create } from 'zustand'
import { useInlineCompletionStore } from '../../ai/inline-completion-store'
import { activeTabStore } from '../../workspace/workspace-store'
import { monaco } from '../monaco-setup'

/**
 * Monaco's inline-completion module (a quarter of a megabyte of script) is loaded only once inline completion is
 * turned on: at start-up when the setting says so, or when it is turned on in Settings. Its editor contribution is
 * attached to editors created after it loads, so SqlEditor re-creates its editor when `loaded` turns true.
 */
export const useInlineCompletionModule = create<{ loaded: boolean }>(() => ({ loaded: false }))

let loading: Promise<void> | undefined

function loadInlineCompletion(): Promise<void> {
  loading ??= import('./monaco-inline-completion').then(({ registerInlineCompletion }) => {
    // AI ghost text (opt-in, Settings → AI assistant) for the connection of the active tab
    registerInlineCompletion(() => activeTabStore()?.getState().connectionId ?? undefined)
    // the keybinding service keeps the keys it knew when it first resolved one: no rules added, but its cache is
    // dropped, so the module's keys (Tab accepts the ghost text…) count from now on
    monaco.editor.addKeybindingRules([])
    useInlineCompletionModule.setState({ loaded: true })
  })
  return loading
}

let installed = false

/**
 * Called when the SQL editor first mounts: reads the setting once the first screen is up (its call is not one the
 * first screen waits for) and loads the module when inline completion is on, then or whenever it is turned on later.
 */
export function watchInlineCompletionSetting(): void {
  if (installed) return
  installed = true
  const check = (): void => {
    if (useInlineCompletionStore.getState().settings?.enabled) void loadInlineCompletion().catch(() => (loading = undefined))
  }
  useInlineCompletionStore.subscribe(check)
  const read = (): void => {
    const { settings, load } = useInlineCompletionStore.getState()
    if (settings) check()
    else void load().catch(() => undefined)
  }
  if (typeof requestIdleCallback === 'function') requestIdleCallback(read, { timeout: 1000 })
  else setTimeout(read, 200)
}
