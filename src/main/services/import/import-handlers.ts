import type { importCalls } from '../../../shared/contract/import'
import type { HandlerMap } from '../rpc/handlers'
import type { ImportFiles } from './import-files'
import type { ImportService } from './import-service'

export function createImportHandlers(deps: { imports: ImportService; files: ImportFiles }): HandlerMap<typeof importCalls> {
  return {
    'import.chooseFile': async () => ({ file: await deps.files.choose() }),
    'import.upload': (input) => deps.files.upload(input),
    'import.preview': (input) => deps.imports.preview(input),
    'import.start': (input) => deps.imports.start(input),
    'import.cancel': async (input) => {
      await deps.imports.cancel(input.importId)
      return { ok: true as const }
    }
  }
}
