import { app, Menu, type MenuItemConstructorOptions } from 'electron'

/**
 * The application menu. A packaged app gets a View menu without Reload / Force Reload / Toggle Developer Tools
 * (the window is also created with `devTools: false`); a development run keeps Electron's full View menu.
 */
export function menuTemplate(packaged: boolean, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = packaged
    ? {
        label: 'View',
        submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
      }
    : { role: 'viewMenu' }
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' }
  ]
}

export function installMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(app.isPackaged)))
}
