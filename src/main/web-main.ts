import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppServices } from './services/app-services'
import { logUnhandledRejections } from './services/background'
import { FileSecretBox } from './services/connections/secret-box'
import { defaultWebDataDir } from './services/paths'
import { createDispatcher } from './services/rpc/dispatcher'
import { JsonFileSettingsStore } from './services/settings/settings-store'
import { startWebServer } from './services/web/web-server'
import { newToken } from './services/web/web-token'

/** The longest a SIGTERM/SIGINT waits for sessions to close before the process exits regardless. */
const SHUTDOWN_MS = 10_000

/** Web mode: the same services and contract over a loopback WebSocket, the same renderer in a browser. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.QUERYGENIE_PORT ?? '0' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'resources-dir': { type: 'string' }
    },
    strict: true
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port ${values.port}: expected a number from 0 to 65535`)
    process.exit(2)
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const root = resolve(here, '../..')
  const dataDir = resolve(values['data-dir'] ?? defaultWebDataDir())
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })

  const services = await createAppServices({
    mode: 'web',
    version: process.env.npm_package_version ?? '0.1.0',
    dataDir,
    resourcesDir: resolve(values['resources-dir'] ?? join(root, 'resources')),
    settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
    secretBox: FileSecretBox.open(join(dataDir, 'secret.key')),
    notices: [
      'Web mode keeps saved passwords and API keys encrypted with a key file in the data folder (readable only by you), not in the OS keychain.'
    ]
  })
  const dispatch = createDispatcher(services.handlers, {
    redact: services.redact,
    onInternalError: (call, message) => console.error(`[querygenie] ${call} failed: ${message}`)
  })
  const server = await startWebServer({
    port,
    token: newToken(),
    rendererDir: resolve(values['renderer-dir'] ?? join(root, 'out/renderer')),
    dispatch,
    downloads: { path: services.downloadPath }
  })
  services.events.subscribe((name, payload) => server.emit(name, payload as never))
  console.log(`QueryGenie web mode: ${server.url}`)
  logUnhandledRejections(services.redact)

  const shutdown = async (): Promise<void> => {
    // every close below is bounded, but whatever still hangs (a server that never says goodbye) cannot keep us alive
    setTimeout(() => {
      console.error(`[querygenie] shutdown did not finish within ${SHUTDOWN_MS / 1000} s: exiting anyway`)
      process.exit(0)
    }, SHUTDOWN_MS).unref()
    await server.close().catch(() => undefined)
    await services.close().catch((error: unknown) => console.error(`[querygenie] shutdown: ${error instanceof Error ? error.message : String(error)}`))
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
}

main().catch((error) => {
  console.error(`QueryGenie web mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
