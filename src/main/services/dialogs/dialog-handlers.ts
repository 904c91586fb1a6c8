import { extname } from 'node:path'
import type { dialogCalls } from '../../../shared/contract/dialogs'
import { AppError } from '../../../shared/errors'
import type { HandlerMap } from '../rpc/handlers'
import type { FileDialogs, FileFilter } from './file-dialogs'
import type { GrantKind, PathGrants } from './path-grants'

const NO_DIALOGS = 'File dialogs are available in the desktop app; type the path instead.'

/**
 * The `dialogs.*` calls: native pickers when the shell injected them (Electron), UNSUPPORTED otherwise (web mode).
 * With `grants`, a chosen folder or save path also comes with a one-time token that `docs.export` / `export.start`
 * accept in place of a path.
 */
export function createDialogHandlers(deps: { dialogs?: FileDialogs; grants?: PathGrants }): HandlerMap<typeof dialogCalls> {
  const dialogs = (): FileDialogs => {
    if (!deps.dialogs) throw new AppError('UNSUPPORTED', NO_DIALOGS)
    return deps.dialogs
  }
  const granted = (kind: GrantKind, path: string | null): { path: string | null; grant?: string } =>
    path && deps.grants ? { path, grant: deps.grants.issue(kind, path) } : { path }
  return {
    'dialogs.available': () => ({ available: Boolean(deps.dialogs) }),
    'dialogs.openFile': async (input) => ({ path: await dialogs().openFile(input) }),
    'dialogs.chooseFolder': async (input) => granted('folder', await dialogs().chooseFolder(input)),
    'dialogs.saveFile': async (input) => granted('file', await dialogs().saveFile(input))
  }
}

/** Result exports in the desktop app: a save dialog suggesting the export's file name, filtered to its extension. */
export function exportPathChooser(dialogs: FileDialogs): (suggestedName: string) => Promise<string | null> {
  return (suggestedName) => {
    const ext = extname(suggestedName).slice(1)
    const filters: FileFilter[] = ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : []
    return dialogs.saveFile({ title: 'Export results', defaultName: suggestedName, filters })
  }
}
