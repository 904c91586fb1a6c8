/**
 * Minimal DriverSession.query adapters over the raw client libraries, for schema tests until the app's drivers land.
 * They normalise values the way the drivers' contract says (see src/shared/cells.ts): strings, numbers, booleans, null.
 */
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { Cell, ColumnMeta } from '../../src/shared/cells'
import type { CatalogSession } from '../../src/main/services/schema/catalog-session'

export interface TestSession extends CatalogSession {
  exec(sql: string): Promise<void>
  close(): Promise<void>
}

const meta = (name: string): ColumnMeta => ({ name, dbType: '', kind: 'other' })

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v
  if (typeof v === 'bigint') return v.toString()
  if (v instanceof Date) return v.toISOString()
  if (Buffer.isBuffer(v)) return v.toString('utf8')
  return JSON.stringify(v)
}

export async function pgSession(url: string): Promise<TestSession> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    async query(sql, params) {
      const res = await client.query({ text: sql, values: params as unknown[] | undefined, rowMode: 'array' })
      return { columns: res.fields.map((f) => meta(f.name)), rows: (res.rows as unknown[][]).map((r) => r.map(toCell)) }
    },
    async exec(sql) {
      await client.query(sql)
    },
    close: () => client.end()
  }
}

export async function mysqlSession(url: string, database?: string): Promise<TestSession> {
  const conn = await mysql.createConnection({ uri: url, multipleStatements: true, database, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true })
  return {
    async query(sql, params) {
      const [rows, fields] = await conn.query({ sql, values: params, rowsAsArray: true })
      return { columns: (fields ?? []).map((f) => meta(f.name)), rows: (rows as unknown[][]).map((r) => r.map(toCell)) }
    },
    async exec(sql) {
      await conn.query(sql)
    },
    close: () => conn.end()
  }
}

export function sqliteSession(path: string): TestSession {
  const db = new Database(path)
  return {
    async query(sql, params) {
      const stmt = db.prepare(sql)
      if (!stmt.reader) {
        stmt.run(...((params ?? []) as unknown[]))
        return { columns: [], rows: [] }
      }
      const rows = stmt.raw().all(...((params ?? []) as unknown[])) as unknown[][]
      return { columns: stmt.columns().map((c) => meta(c.name)), rows: rows.map((r) => r.map(toCell)) }
    },
    async exec(sql) {
      db.exec(sql)
    },
    async close() {
      db.close()
    }
  }
}

export const uniqueName = (area: string): string => `qg_${area}_${Math.random().toString(36).slice(2, 10)}`
