import { homedir } from 'node:os'
import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { FileDialogs } from '../services/dialogs/file-dialogs'

/** The desktop app's native pickers, modal to the focused window (or the app window when none has focus). */
export class ElectronFileDialogs implements FileDialogs {
  openFile(options: { title: string; filters?: OpenDialogOptions['filters']; defaultPath?: string }): Promise<string | null> {
    return this.open({ ...withHome(options), properties: ['openFile', 'showHiddenFiles'] })
  }

  chooseFolder(options: { title: string; defaultPath?: string }): Promise<string | null> {
    return this.open({ ...withHome(options), properties: ['openDirectory', 'createDirectory', 'showHiddenFiles'] })
  }

  async saveFile(options: { title: string; defaultName: string; filters?: SaveDialogOptions['filters'] }): Promise<string | null> {
    const request: SaveDialogOptions = {
      title: options.title,
      defaultPath: options.defaultName,
      filters: options.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation']
    }
    const win = parentWindow()
    const result = win ? await dialog.showSaveDialog(win, request) : await dialog.showSaveDialog(request)
    return result.canceled || !result.filePath ? null : result.filePath
  }

  private async open(request: OpenDialogOptions): Promise<string | null> {
    const win = parentWindow()
    const result = win ? await dialog.showOpenDialog(win, request) : await dialog.showOpenDialog(request)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
}

/** Native dialogs do not expand ~ (typed paths like ~/.ssh/id_ed25519 are common in these fields). */
function withHome<T extends { defaultPath?: string }>(options: T): T {
  const defaultPath = options.defaultPath?.trim().replace(/^~(?=$|[/\\])/, homedir())
  return { ...options, defaultPath: defaultPath || undefined }
}

function parentWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}
