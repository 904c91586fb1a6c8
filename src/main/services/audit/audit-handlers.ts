import { randomBytes } from 'node:crypto'
import type { auditCalls } from '../../../shared/contract/audit'
import type { HandlerMap } from '../rpc/handlers'
import type { AuditLog } from './audit-log'
import { auditExportPath, writeAuditExport } from './audit-export'

/** The audit calls, and the files its exports wrote (by download id, for web mode's download route). */
export function createAuditHandlers(deps: { audit: AuditLog; exportsDir: string }): { handlers: HandlerMap<typeof auditCalls>; downloadPath(id: string): string | undefined } {
  const downloads = new Map<string, string>()
  const { audit } = deps
  const handlers: HandlerMap<typeof auditCalls> = {
    'audit.list': (input) => ({ entries: audit.repo.list(input), writeFailure: audit.writeFailure() }),
    'audit.verify': () => audit.verify(),
    'audit.export': ({ format }) => {
      const path = auditExportPath(deps.exportsDir, format)
      const count = writeAuditExport(path, format, audit.repo.all(), audit.repo.anchor())
      const exportId = `x_${randomBytes(12).toString('base64url')}`
      downloads.set(exportId, path)
      return { path, exportId, count }
    },
    'audit.settings.get': () => audit.settings(),
    'audit.settings.update': (input) => audit.updateSettings(input)
  }
  return { handlers, downloadPath: (id) => downloads.get(id) }
}
