import type { FileFilter } from '../../../shared/contract/dialogs'

export type { FileFilter }

/** Native file pickers (the desktop app's Electron dialogs). Each answers the chosen path, or null when cancelled. */
export interface FileDialogs {
  openFile(options: { title: string; filters?: FileFilter[] }): Promise<string | null>
  chooseFolder(options: { title: string }): Promise<string | null>
  saveFile(options: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>
}
