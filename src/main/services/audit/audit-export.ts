import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { AuditAnchor, AuditEntry } from '../../../shared/contract/audit'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'

export type AuditExportFormat = 'csv' | 'json'

const COLUMNS: (keyof AuditEntry)[] = ['seq', 'at', 'connectionId', 'connectionLabel', 'engine', 'dbUser', 'source', 'kind', 'statement', 'rows', 'outcome', 'error', 'durationMs', 'prevHash', 'hash']

/** An RFC 4180 field: quoted when it holds a delimiter, quote or line break. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Every entry (oldest first) through `write`. JSON keeps the anchor with the entries, so an exported log can be
 * verified on its own; CSV has one row per entry with every chain field. Returns the number of entries.
 */
export function writeAuditEntries(write: (chunk: string) => void, format: AuditExportFormat, entries: Iterable<AuditEntry>, anchor: AuditAnchor | null): number {
  let count = 0
  if (format === 'csv') {
    write(`${COLUMNS.join(',')}\r\n`)
    for (const e of entries) {
      write(`${COLUMNS.map((c) => csvField(e[c])).join(',')}\r\n`)
      count++
    }
    return count
  }
  write(`{"format":"querygenie-audit-1","anchor":${JSON.stringify(anchor)},"entries":[`)
  for (const e of entries) write(`${count++ ? ',' : ''}\n${JSON.stringify(e)}`)
  write('\n]}\n')
  return count
}

/** The same into a file, through a partial file renamed when complete (owner-only). */
export function writeAuditExport(path: string, format: AuditExportFormat, entries: Iterable<AuditEntry>, anchor: AuditAnchor | null): number {
  const partial = `${path}.partial`
  const fd = openSync(partial, 'w', PRIVATE_FILE_MODE)
  let count: number
  try {
    count = writeAuditEntries((chunk) => writeSync(fd, chunk), format, entries, anchor)
  } catch (err) {
    closeSync(fd)
    rmSync(partial, { force: true })
    throw err
  }
  closeSync(fd)
  renameSync(partial, path)
  return count
}

/** `<exportsDir>/audit-log-<UTC time>.<format>`, the folder created owner-only. */
export function auditExportPath(exportsDir: string, format: AuditExportFormat, now = new Date()): string {
  mkdirSync(exportsDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19)
  return join(exportsDir, `audit-log-${stamp}.${format}`)
}
