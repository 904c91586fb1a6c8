import type Database from 'better-sqlite3'
import type { PiiFinding } from '../../../shared/contract/pii'

export interface StoredScan {
  scannedAt: string
  columnsScanned: number
  columnsFailed: number
  findings: PiiFinding[]
}

interface FindingRow {
  schema_name: string
  table_name: string
  column_name: string
  kind: PiiFinding['kind']
  confidence: number
  evidence: string
  sampled: number
  matched: number
  examples: string
  detail: string | null
}

/** The last complete PII scan of each connection in the local store (findings with masked examples only). */
export class PiiRepository {
  constructor(private readonly db: Database.Database) {}

  /** Replaces the connection's findings in one transaction: a reader sees the old scan or the new one. */
  save(connectionId: string, scan: StoredScan): void {
    const insert = this.db.prepare(
      `insert into pii_findings (connection_id, schema_name, table_name, column_name, kind, confidence, evidence, sampled, matched, examples, detail)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    this.db.transaction(() => {
      this.forget(connectionId)
      this.db.prepare('insert into pii_scans (connection_id, scanned_at, columns_scanned, columns_failed) values (?, ?, ?, ?)').run(connectionId, scan.scannedAt, scan.columnsScanned, scan.columnsFailed)
      for (const f of scan.findings) insert.run(connectionId, f.schema, f.table, f.column, f.kind, f.confidence, f.evidence, f.sampled, f.matched, JSON.stringify(f.examples), f.detail ?? null)
    })()
  }

  load(connectionId: string): StoredScan | undefined {
    const scan = this.db.prepare('select scanned_at, columns_scanned, columns_failed from pii_scans where connection_id = ?').get(connectionId) as
      | { scanned_at: string; columns_scanned: number; columns_failed: number }
      | undefined
    if (!scan) return undefined
    const rows = this.db.prepare('select * from pii_findings where connection_id = ? order by schema_name, table_name, column_name').all(connectionId) as FindingRow[]
    return {
      scannedAt: scan.scanned_at,
      columnsScanned: scan.columns_scanned,
      columnsFailed: scan.columns_failed,
      findings: rows.map((r) => ({
        schema: r.schema_name,
        table: r.table_name,
        column: r.column_name,
        kind: r.kind,
        confidence: r.confidence,
        evidence: r.evidence,
        sampled: r.sampled,
        matched: r.matched,
        examples: JSON.parse(r.examples) as string[],
        ...(r.detail ? { detail: r.detail } : {})
      }))
    }
  }

  forget(connectionId: string): void {
    this.db.prepare('delete from pii_findings where connection_id = ?').run(connectionId)
    this.db.prepare('delete from pii_scans where connection_id = ?').run(connectionId)
  }
}
