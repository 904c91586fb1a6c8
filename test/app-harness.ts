import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createAppServices, type AppServices, type AppServicesOptions } from '../src/main/services/app-services'
import { FileSecretBox } from '../src/main/services/connections/secret-box'
import { createDispatcher, type Dispatch } from '../src/main/services/rpc/dispatcher'
import { JsonFileSettingsStore } from '../src/main/services/settings/settings-store'

export const REPO_ROOT = resolve(import.meta.dirname, '..')

/** The real services on a data dir (a new temp one unless given), exactly as web mode builds them (or the desktop app, with overrides). */
export async function createTestApp(
  overrides: Partial<Pick<AppServicesOptions, 'mode' | 'dialogs' | 'dataDir'>> = {}
): Promise<{ services: AppServices; dispatch: Dispatch; dataDir: string }> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'qg-app-'))
  const services = await createAppServices({
    mode: 'web',
    version: '0.0.0-test',
    dataDir,
    resourcesDir: join(REPO_ROOT, 'resources'),
    settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
    secretBox: FileSecretBox.open(join(dataDir, 'secret.key')),
    ...overrides
  })
  return { services, dispatch: createDispatcher(services.handlers, { redact: services.redact }), dataDir }
}
