import type { docsCalls } from '../../../shared/contract/docs'
import type { HandlerMap } from '../rpc/handlers'
import { DocsService, type DocsServiceDeps } from './docs-service'

/** Handlers for the docs calls; pass an existing DocsService or the deps to build one. */
export function createDocsHandlers(deps: DocsServiceDeps | { docs: DocsService }): HandlerMap<typeof docsCalls> {
  const docs = 'docs' in deps ? deps.docs : new DocsService(deps)
  return {
    'docs.notes.get': async ({ connectionId }) => ({ notes: await docs.notes(connectionId) }),
    'docs.notes.set': (input) => ({ note: docs.setNote(input) }),
    'docs.preview': async (input) => ({ content: await docs.preview(input) }),
    'docs.export': (input) => docs.export(input),
    'docs.lint': async (input) => ({ findings: await docs.lint(input) })
  }
}
