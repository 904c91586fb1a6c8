/** Fresh, uniquely named schema/database per suite on each engine the schema tests run against. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dialect } from '../../src/shared/cells'
import { mysqlSession, pgSession, sqliteSession, type TestSession, uniqueName } from './catalog-sessions'

export interface Sandbox {
  dialect: Dialect
  /** The schema (PostgreSQL), database (MySQL) or `main` (SQLite) the objects live in. */
  schema: string
  session: TestSession
  /** A second session into the same sandbox. */
  open(): Promise<TestSession>
  dispose(): Promise<void>
}

export async function pgSandbox(area: string): Promise<Sandbox> {
  const url = process.env.PG_URL!
  const schema = uniqueName(area)
  const open = async (): Promise<TestSession> => {
    const s = await pgSession(url)
    await s.exec(`set search_path to "${schema}", public`)
    return s
  }
  const admin = await pgSession(url)
  await admin.exec(`create schema "${schema}"`)
  const session = await open()
  return {
    dialect: 'postgres',
    schema,
    session,
    open,
    async dispose() {
      await session.close()
      await admin.exec(`drop schema if exists "${schema}" cascade`)
      await admin.close()
    }
  }
}

export async function mysqlSandbox(area: string): Promise<Sandbox> {
  const url = process.env.MYSQL_URL!
  const schema = uniqueName(area)
  const admin = await mysqlSession(url)
  await admin.exec(`create database \`${schema}\``)
  const open = (): Promise<TestSession> => mysqlSession(url, schema)
  const session = await open()
  return {
    dialect: 'mysql',
    schema,
    session,
    open,
    async dispose() {
      await session.close()
      await admin.exec(`drop database if exists \`${schema}\``)
      await admin.close()
    }
  }
}

export async function sqliteSandbox(area: string): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), `qg-${area}-`))
  const path = join(dir, 'fixture.db')
  const session = sqliteSession(path)
  return {
    dialect: 'sqlite',
    schema: 'main',
    session,
    open: async () => sqliteSession(path),
    async dispose() {
      await session.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const engines: { dialect: Dialect; available: boolean; skipReason: string; create: (area: string) => Promise<Sandbox> }[] = [
  { dialect: 'postgres', available: !!process.env.PG_URL, skipReason: 'PG_URL not set', create: pgSandbox },
  { dialect: 'mysql', available: !!process.env.MYSQL_URL, skipReason: 'MYSQL_URL not set: skipping MySQL/MariaDB schema tests', create: mysqlSandbox },
  { dialect: 'sqlite', available: true, skipReason: '', create: sqliteSandbox }
]
