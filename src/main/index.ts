import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { createAppServices, type AppServices } from './services/app-services'
import { logUnhandledRejections } from './services/background'
import { createDispatcher } from './services/rpc/dispatcher'
import { bindIpc } from './electron/ipc-binding'
import { createSecureWindow } from './electron/secure-window'
import { ElectronSettingsStore } from './electron/electron-settings-store'
import { SafeStorageSecretBox } from './electron/safe-storage-secret-box'
import { installMenu } from './electron/menu'
import { maybeCheckForUpdates } from './electron/updater'
import { ElectronFileDialogs } from './electron/electron-file-dialogs'
import { utilityWorkerHost } from './electron/utility-worker-host'
import { setWorkerHost } from './services/engines'

/** The thin Electron shell: window, menu, updater and wiring. All real work lives in ./services. */
let services: AppServices | undefined

app.whenReady().then(async () => {
  // SQLite workers run as utility processes, not as the app binary with ELECTRON_RUN_AS_NODE (that fuse is off)
  setWorkerHost(utilityWorkerHost(join(app.getPath('userData'), 'workers'), 'QueryGenie SQLite'))
  const settings = new ElectronSettingsStore()
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources')
  services = await createAppServices({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: process.env.QUERYGENIE_DATA_DIR ?? app.getPath('userData'),
    resourcesDir,
    settings,
    secretBox: new SafeStorageSecretBox(),
    dialogs: new ElectronFileDialogs(),
    notices: [SafeStorageSecretBox.weakness()].filter((n): n is string => Boolean(n))
  })
  const dispatch = createDispatcher(services.handlers, {
    redact: services.redact,
    onInternalError: (call, message) => console.error(`[querygenie] ${call} failed: ${message}`)
  })
  bindIpc(dispatch, services.events)
  logUnhandledRejections(services.redact)
  installMenu()
  createSecureWindow()
  maybeCheckForUpdates(settings.get().autoUpdate)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createSecureWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void services?.close()
})
