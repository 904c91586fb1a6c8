import electronUpdater from 'electron-updater'

/** Offline-first: update checks run only when the user has opted in (settings.autoUpdate). */
export function maybeCheckForUpdates(optedIn: boolean): void {
  if (!optedIn) return
  electronUpdater.autoUpdater.checkForUpdatesAndNotify().catch(() => {
    // no network is a normal state for this app; the next launch tries again
  })
}
