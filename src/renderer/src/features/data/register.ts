import { lazy } from 'react'
import { registerCommands } from '../../app/commands'
import { useAppStore } from '../../app/app-store'
import { views } from '../../app/registry'

// loaded when first opened: the grid and editors are not needed for the first screen
const DataView = lazy(() => import('./DataView').then((m) => ({ default: m.DataView })))

views.push({ id: 'data', label: 'Data', component: DataView })

registerCommands({
  id: 'data.openTable',
  title: 'Open table data…',
  category: 'Data',
  enabled: () => !!useAppStore.getState().browsingConnectionId,
  run() {
    useAppStore.getState().setView('data')
    // the view's name field takes the focus once it is shown
    setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="data-open-input"]')?.focus(), 50)
  }
})
