import type { ComponentType } from 'react'

/**
 * Where features plug into the shell. A feature adds one entry here (and nothing to App.tsx):
 * - views fill the main area and get a tab in the top bar (the SQL editor is the first),
 * - side panels open on the right next to the current view (AI chat, history, …),
 * - dialogs are opened from the top bar's buttons.
 */
export interface ViewEntry {
  id: string
  label: string
  component: ComponentType
}

export interface PanelEntry {
  id: string
  label: string
  component: ComponentType
}

export const views: ViewEntry[] = []
export const sidePanels: PanelEntry[] = []
/** Always-mounted overlays (dialogs that open themselves through their own store). */
export const overlays: ComponentType[] = []

/** Extra sections of the Settings dialog (e.g. AI providers and keys). */
export const settingsSections: PanelEntry[] = []
