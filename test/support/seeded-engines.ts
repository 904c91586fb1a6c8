import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectParams } from '../../src/main/services/drivers/types'
import { getDriver } from '../../src/main/services/engines'
import { exec, paramsFromUrl, uniqueName } from '../conformance/engines'

export type SeededEngineId = 'postgres' | 'mysql' | 'sqlite' | 'duckdb'

export interface SeededEngine {
  id: SeededEngineId
  label: string
  /** Why the engine's suites do not run here (its server URL is not set). */
  skip?: string
  /** A fresh schema (PostgreSQL), database (MariaDB) or file (SQLite, DuckDB) that the script created and filled. */
  setup(): Promise<{ params: ConnectParams; schema: string; teardown(): Promise<void> }>
}

/**
 * The four engines of this machine, each set up by `script(engine, prefix)`: SQL that creates and fills its tables,
 * with `prefix` before each table name (`schema.` on the servers, nothing in the file databases).
 */
export function seededEngines(area: string, script: (engine: SeededEngineId, prefix: string) => string): SeededEngine[] {
  const file = async (id: 'sqlite' | 'duckdb', write: (path: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), `qg-${area}-${id}-`))
    const path = join(dir, `${area}.${id}`)
    await write(path)
    const params: ConnectParams = { dialect: id, filePath: path, readOnly: false, connectTimeoutMs: 5000 }
    return { params, schema: 'main', teardown: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  return [
    {
      id: 'postgres',
      label: 'PostgreSQL',
      skip: process.env.PG_URL ? undefined : 'PG_URL is not set',
      async setup() {
        const schema = uniqueName(area)
        const admin = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
        await exec(admin, `create schema ${schema}; ${script('postgres', `${schema}.`)}`)
        return {
          params: paramsFromUrl(process.env.PG_URL!),
          schema,
          async teardown() {
            await exec(admin, `drop schema ${schema} cascade`)
            await admin.close()
          }
        }
      }
    },
    {
      id: 'mysql',
      label: 'MariaDB/MySQL',
      skip: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set',
      async setup() {
        const db = uniqueName(area)
        const admin = await getDriver('mysql').connect(paramsFromUrl(process.env.MYSQL_URL!))
        await exec(admin, `create database ${db} character set utf8mb4; ${script('mysql', `${db}.`)}`)
        return {
          params: paramsFromUrl(process.env.MYSQL_URL!, { database: db }),
          schema: db,
          async teardown() {
            await exec(admin, `drop database ${db}`)
            await admin.close()
          }
        }
      }
    },
    {
      id: 'sqlite',
      label: 'SQLite',
      setup: () =>
        file('sqlite', async (path) => {
          const db = new Database(path)
          db.exec(script('sqlite', ''))
          db.close()
        })
    },
    {
      id: 'duckdb',
      label: 'DuckDB',
      setup: () =>
        file('duckdb', async (path) => {
          const instance = await DuckDBInstance.create(path)
          const connection = await instance.connect()
          await connection.run(script('duckdb', ''))
          connection.closeSync()
          instance.closeSync()
        })
    }
  ]
}
