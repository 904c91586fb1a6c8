import { mkdirSync } from 'node:fs'
import envPaths from 'env-paths'
import * as nodeModule from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultWebDataDir } from './services/paths'
import type { AppServices } from './services/app-services'
import type { Dispatch } from './services/rpc/dispatcher'
import { startWebServer } from './services/web/web-server'
import { newToken } from './services/web/web-token'

/**
 * With no page loading, the services start this long after the server listens (see main): a person opening the
 * printed address within it gets the page first; one opening it later finds the services already up.
 */
const SERVICES_AFTER_MS = 3000

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

  // Start-up: the services (the database drivers, AI SDKs and export libraries they import) take most of a second
  // to load and hold the event loop while they do. So the server listens first and serves the page; the services
  // load once the page's files are sent (while the browser parses them) or after SERVICES_AFTER_MS with no page,
  // whichever comes first. A call that arrives before they are up waits for them. V8's code cache for those
  // modules is kept in the user's cache folder (0700), which halves their load on later starts
  // (NODE_DISABLE_COMPILE_CACHE=1 turns it off).
  enableCompileCache()
  let started: StartedServices | undefined
  let loadNow: () => void = () => undefined
  let loading = false
  const resourcesDir = resolve(values['resources-dir'] ?? join(root, 'resources'))
  const servicesReady = new Promise<void>((go) => (loadNow = go)).then(() => startServices(dataDir, resourcesDir))
  servicesReady.then((s) => (started = s)).catch(() => undefined) // a failure is reported by main's caller below
  const loadServices = (): Promise<StartedServices> => {
    loading = true
    loadNow()
    return servicesReady
  }
  const dispatch: Dispatch = async (call, input) => (await loadServices()).dispatch(call, input)
  const server = await startWebServer({
    port,
    token: newToken(),
    rendererDir: resolve(values['renderer-dir'] ?? join(root, 'out/renderer')),
    dispatch,
    downloads: { path: (exportId) => started?.services.downloadPath(exportId) },
    onPageLoaded: () => void loadServices()
  })
  const noPage = setTimeout(() => void loadServices(), SERVICES_AFTER_MS)

  const shutdown = async (): Promise<void> => {
    // every close below is bounded, but whatever still hangs (a server that never says goodbye) cannot keep us alive
    setTimeout(() => {
      console.error(`[querygenie] shutdown did not finish within ${SHUTDOWN_MS / 1000} s: exiting anyway`)
      process.exit(0)
    }, SHUTDOWN_MS).unref()
    await server.close().catch(() => undefined)
    clearTimeout(noPage)
    // services still loading are waited for (and closed); services never started have nothing to close
    const ready = loading ? await servicesReady.catch(() => undefined) : undefined
    await ready?.services.close().catch((error: unknown) => console.error(`[querygenie] shutdown: ${error instanceof Error ? error.message : String(error)}`))
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())

  console.log(`QueryGenie web mode: ${server.url}`)
  const { services } = await servicesReady
  services.events.subscribe((name, payload) => server.emit(name, payload as never))
}

/** Node's on-disk code cache for the modules loaded from here on, in the user's cache folder; best effort. */
function enableCompileCache(): void {
  try {
    const dir = join(envPaths('QueryGenie', { suffix: '' }).cache, 'node-compile')
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    nodeModule.enableCompileCache?.(dir) // Node ≥ 22.1; a no-op when NODE_COMPILE_CACHE already chose a folder
  } catch {
    // no cache folder: start without the cache
  }
}

interface StartedServices {
  services: AppServices
  dispatch: Dispatch
}

/** The app's services and their dispatcher, imported only now (see the start-up note in main). */
async function startServices(dataDir: string, resourcesDir: string): Promise<StartedServices> {
  const [{ createAppServices }, { logUnhandledRejections }, { createDispatcher }, { FileSecretBox }, { JsonFileSettingsStore }] = await Promise.all([
    import('./services/app-services'),
    import('./services/background'),
    import('./services/rpc/dispatcher'),
    import('./services/connections/secret-box'),
    import('./services/settings/settings-store')
  ])
  const services = await createAppServices({
    mode: 'web',
    version: process.env.npm_package_version ?? '0.1.0',
    dataDir,
    resourcesDir,
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
  logUnhandledRejections(services.redact)
  return { services, dispatch }
}

main().catch((error) => {
  console.error(`QueryGenie web mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
