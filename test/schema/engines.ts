/** Fresh, uniquely named schema/database per suite on each engine the schema tests run against. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dialect } from '../../src/shared/cells'
import { getDriver } from '../../src/main/services/engines'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import { paramsFromUrl } from '../conformance/engines'
import { mysqlSession, pgSession, sqliteSession, type TestSession, uniqueName } from './catalog-sessions'

export interface Sandbox {
  dialect: Dialect
  /** The schema (PostgreSQL), database (MySQL) or `main` (SQLite) the objects live in. */
  schema: string
  session: TestSession
  /** The app's own driver session into the sandbox: what introspection runs on in the app. */
  catalog: DriverSession
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
  const catalog = await driverSession('postgres', url, { defaultSchema: schema })
  return {
    dialect: 'postgres',
    schema,
    session,
    catalog,
    open,
    async dispose() {
      await catalog.close()
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
  const catalog = await driverSession('mysql', url, { database: schema })
  return {
    dialect: 'mysql',
    schema,
    session,
    catalog,
    open,
    async dispose() {
      await catalog.close()
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
  const catalog = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: path, readOnly: false, connectTimeoutMs: 10_000 })
  return {
    dialect: 'sqlite',
    schema: 'main',
    session,
    catalog,
    open: async () => sqliteSession(path),
    async dispose() {
      await catalog.close()
      await session.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** SQL Server runs through the app's own driver for both the fixture (batch by batch) and introspection. */
function driverTestSession(session: DriverSession): TestSession {
  return {
    query: (sql, params) => session.query(sql, params),
    async exec(sql) {
      await session.execute(sql, new CollectingSink())
    },
    close: () => session.close()
  }
}

export async function mssqlSandbox(area: string): Promise<Sandbox> {
  const url = process.env.MSSQL_URL!
  const schema = uniqueName(area)
  const admin = await getDriver('mssql').connect(paramsFromUrl(url))
  await admin.execute(`create database ${schema}`, new CollectingSink())
  const open = async (): Promise<TestSession> => driverTestSession(await getDriver('mssql').connect({ ...paramsFromUrl(url), database: schema }))
  const session = await open()
  const catalog = await getDriver('mssql').connect({ ...paramsFromUrl(url), database: schema })
  return {
    dialect: 'mssql',
    // Objects live in dbo of the sandbox database.
    schema: 'dbo',
    session,
    catalog,
    open,
    async dispose() {
      await catalog.close()
      await session.close()
      await admin.execute(`alter database ${schema} set single_user with rollback immediate; drop database ${schema}`, new CollectingSink())
      await admin.close()
    }
  }
}

async function driverSession(dialect: Dialect, url: string, extra: { database?: string; defaultSchema?: string }): Promise<DriverSession> {
  const u = new URL(url)
  return getDriver(dialect).connect({
    dialect,
    host: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: extra.database ?? (u.pathname.replace(/^\//, '') || undefined),
    defaultSchema: extra.defaultSchema,
    readOnly: false,
    connectTimeoutMs: 10_000
  })
}

export const engines: { dialect: Dialect; available: boolean; skipReason: string; create: (area: string) => Promise<Sandbox> }[] = [
  { dialect: 'postgres', available: !!process.env.PG_URL, skipReason: 'PG_URL not set', create: pgSandbox },
  { dialect: 'mysql', available: !!process.env.MYSQL_URL, skipReason: 'MYSQL_URL not set: skipping MySQL/MariaDB schema tests', create: mysqlSandbox },
  { dialect: 'sqlite', available: true, skipReason: '', create: sqliteSandbox },
  { dialect: 'mssql', available: !!process.env.MSSQL_URL, skipReason: 'MSSQL_URL not set: skipping SQL Server schema tests', create: mssqlSandbox }
]
