import type { FileFilter } from '../../../shared/contract/dialogs'

export type { FileFilter }

/**
 * Native file pickers (the desktop app's Electron dialogs). Each answers the chosen path, or null when cancelled.
 * `defaultPath` is where the picker opens; a leading ~ means the user's home folder.
 */
export interface FileDialogs {
  openFile(options: { title: string; filters?: FileFilter[]; defaultPath?: string }): Promise<string | null>
  chooseFolder(options: { title: string; defaultPath?: string }): Promise<string | null>
  saveFile(options: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>
}
