import { app } from 'electron'
import electronUpdater from 'electron-updater'

/**
 * Offline-first: update checks run only when the user has opted in (settings.autoUpdate), and only in a packaged
 * app. The feed and the signature checks come from the `publish`, `win` and `mac` sections of electron-builder.yml
 * (written into app-update.yml at packaging time): on Windows an update installs only if it is Authenticode-signed
 * by the configured publisher; on macOS Squirrel.Mac requires the same code-signing identity. See README "Desktop
 * packaging".
 */
export function maybeCheckForUpdates(optedIn: boolean): void {
  if (!optedIn || !app.isPackaged) return
  const updater = electronUpdater.autoUpdater
  updater.allowDowngrade = false
  updater.allowPrerelease = false
  updater.checkForUpdatesAndNotify().catch(() => {
    // no network is a normal state for this app; the next launch tries again
  })
}
