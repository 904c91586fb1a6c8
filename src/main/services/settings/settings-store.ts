import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { Settings } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'

/** Settings persistence: electron-store in the desktop app, a JSON file in web mode, one interface. */
export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
}

export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  const parsed = Settings.safeParse({ ...current, ...patch })
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid settings')
  return parsed.data
}

/** Reads whatever is stored, dropping invalid values back to defaults instead of refusing to start. */
export function sanitizeSettings(raw: unknown): Settings {
  const base = Settings.parse({})
  if (typeof raw !== 'object' || raw === null) return base
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in Settings.shape)) continue
    const field = Settings.shape[key as keyof typeof Settings.shape]
    if (field.safeParse(value).success) out[key] = value
  }
  return Settings.parse(out)
}

export class JsonFileSettingsStore implements SettingsStore {
  private current: Settings

  constructor(private readonly path: string) {
    let raw: unknown = {}
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
    } catch {
      raw = {}
    }
    this.current = sanitizeSettings(raw)
  }

  get(): Settings {
    return this.current
  }

  update(patch: Partial<Settings>): Settings {
    const next = mergeSettings(this.current, patch)
    const tmp = `${this.path}.tmp`
    // owner-only, like everything the app writes into the data folder
    writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 })
    if (process.platform !== 'win32') chmodSync(tmp, 0o600)
    renameSync(tmp, this.path)
    this.current = next
    return next
  }
}
