import { registerCommands } from './commands'
import { useAppStore } from './app-store'
import { sidePanels, views } from './registry'

/** Commands of the shell itself: settings, theme, views and side panels. */
registerCommands(
  { id: 'app.settings', title: 'Open settings', category: 'App', keys: [{ key: ',', mod: true }], run: () => useAppStore.getState().openSettings() },
  {
    id: 'app.toggleTheme',
    title: 'Switch light / dark theme',
    category: 'App',
    run: () => useAppStore.getState().setTheme(useAppStore.getState().theme === 'dark' ? 'light' : 'dark')
  }
)

/** One command per view and side panel, registered once the features have added theirs. */
export function registerViewCommands(): void {
  registerCommands(
    ...views.map((v) => ({ id: `view.${v.id}`, title: `Show ${v.label}`, category: 'View', run: () => useAppStore.getState().setView(v.id) })),
    ...sidePanels.map((p) => ({
      id: `panel.${p.id}`,
      title: `Toggle ${p.label} panel`,
      category: 'View',
      run: () => useAppStore.getState().setPanel(useAppStore.getState().panel === p.id ? undefined : p.id)
    }))
  )
}
