import Store from 'electron-store'
import type { Settings } from '../../shared/contract'
import { mergeSettings, sanitizeSettings, type SettingsStore } from '../services/settings/settings-store'

export class ElectronSettingsStore implements SettingsStore {
  private readonly store = new Store<{ settings: Settings }>({ name: 'settings' })
  private current = sanitizeSettings(this.store.get('settings'))

  get(): Settings {
    return this.current
  }

  update(patch: Partial<Settings>): Settings {
    this.current = mergeSettings(this.current, patch)
    this.store.set('settings', this.current)
    return this.current
  }
}
