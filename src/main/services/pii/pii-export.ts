import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PiiReport } from '../../../shared/contract/pii'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'

const COLUMNS = ['schema', 'table', 'column', 'kind', 'confidence', 'evidence', 'sampled', 'matched', 'examples', 'detail'] as const

function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = Array.isArray(value) ? value.join(' | ') : String(value)
  return /[",\r\n]/.test(text) || /^[=+\-@\t\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The report as JSON (with the scan's time and counts) or CSV (one row per finding); examples are already masked. */
export function piiExportText(report: PiiReport, connectionLabel: string, format: 'json' | 'csv'): string {
  if (format === 'json') {
    const { scannedAt, columnsScanned, columnsFailed, findings } = report
    return JSON.stringify({ format: 'querygenie-pii-1', connection: connectionLabel, scannedAt, columnsScanned, columnsFailed, findings }, null, 2) + '\n'
  }
  return [COLUMNS.join(','), ...report.findings.map((f) => COLUMNS.map((c) => csvField(f[c])).join(','))].join('\r\n') + '\r\n'
}

/** Writes it into the exports area (owner-only) through a partial file renamed when complete; returns the path. */
export function writePiiExport(exportsDir: string, text: string, format: 'json' | 'csv', now = new Date()): string {
  mkdirSync(exportsDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19)
  const path = join(exportsDir, `pii-report-${stamp}.${format}`)
  writeFileSync(`${path}.partial`, text, { mode: PRIVATE_FILE_MODE })
  renameSync(`${path}.partial`, path)
  return path
}
