/**
 * What the results bench needs per engine: a connection for QueryGenie, one 10-column query of `rows` rows, and the
 * fastest raw way a user could read that query in Node with the engine's own driver (measured in the same run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import mysql from 'mysql2'
import pg from 'pg'
import type { ConnectionInput } from '../src/shared/contract'
import { parseConnectionUrl } from '../src/main/services/connections/url'

export interface RawMethod {
  /** Said in the BENCH line, so the reader knows what the ratio is against. */
  name: string
  /** Reads every row of `sql`; resolves with the row count. */
  read(sql: string): Promise<number>
}

export interface BenchEngine {
  name: string
  connection: Partial<ConnectionInput> & Pick<ConnectionInput, 'dialect'>
  sql(rows: number): string
  /** The first is the fastest known; every one is measured and the fastest of the run is the baseline. */
  raw: RawMethod[]
  /** The first column of row n (1-based) is n: checked on the last row. */
  dispose(): Promise<void>
}

const pgSql = (rows: number): string => `select g as id, g * 1.5 as ratio, 'name ' || g as label, timestamp '2020-01-01' + g * interval '1 second' as created_at,
  g % 2 = 0 as active, md5(g::text) as hash, (g % 1000)::numeric(10, 2) as amount, g::bigint * 1000000 as big,
  date '2020-01-01' + (g % 1000) as day, case when g % 3 = 0 then null else 'x' end as maybe
  from generate_series(1, ${rows}) g`

export function postgresEngine(url: string): BenchEngine {
  const p = parseConnectionUrl(url)
  const client = async (types?: pg.CustomTypesConfig): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, ...(types && { types }) })
    await c.connect()
    return c
  }
  const rowEvents = (types?: pg.CustomTypesConfig) => async (sql: string): Promise<number> => {
    const c = await client(types)
    try {
      return await new Promise<number>((resolve, reject) => {
        let n = 0
        const q = c.query(new pg.Query({ text: sql, rowMode: 'array' } as never))
        q.on('row', () => n++)
        q.on('end', () => resolve(n))
        q.on('error', reject)
      })
    } finally {
      await c.end()
    }
  }
  const text = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig
  return {
    name: 'postgres',
    connection: { ...p, dialect: 'postgres', name: 'bench' } as BenchEngine['connection'],
    sql: pgSql,
    raw: [
      { name: 'pg-query-row-events', read: rowEvents() },
      { name: 'pg-query-row-events-text', read: rowEvents(text) }
    ],
    dispose: async () => undefined
  }
}

/**
 * A table of `rows` rows, made once and kept (MariaDB has no cheap row generator: a recursive CTE makes the server,
 * not the client, the bottleneck, which would hide the client's cost).
 */
export async function mysqlEngine(url: string, rows: number): Promise<BenchEngine> {
  const p = parseConnectionUrl(url)
  const setup = mysql.createConnection({ uri: url }).promise()
  try {
    const [[found]] = (await setup.query(`select count(*) as n from information_schema.tables where table_schema = database() and table_name = 'qg_bench_results'`)) as unknown as [[{ n: number }]]
    const [[count]] = found!.n ? ((await setup.query('select count(*) as n from qg_bench_results')) as unknown as [[{ n: number }]]) : [[{ n: -1 }]]
    if (Number(count!.n) !== rows) {
      await setup.query('drop table if exists qg_bench_results')
      await setup.query(`create table qg_bench_results(id int primary key, ratio double, label varchar(40), created_at datetime, active boolean, hash char(32), amount decimal(10, 2), big bigint, day date, maybe varchar(1))`)
      await setup.query(`insert into qg_bench_results with recursive d(n) as (select 0 union all select n + 1 from d where n < 9),
        g(id) as (select 1 + a.n + 10 * b.n + 100 * c.n + 1000 * e.n + 10000 * f.n + 100000 * h.n + 1000000 * i.n from d a, d b, d c, d e, d f, d h, d i)
        select id, id * 1.5, concat('name ', id), timestamp '2020-01-01 00:00:00' + interval id second, id % 2 = 0, md5(id), id % 1000,
          cast(id as signed) * 1000000, date '2020-01-01' + interval (id % 1000) day, case when id % 3 = 0 then null else 'x' end
        from g where id <= ${rows}`)
    }
  } finally {
    await setup.end()
  }
  const sql = (n: number): string => `select * from qg_bench_results where id <= ${n}`
  const resultEvents = (options: mysql.ConnectionOptions) => async (text: string): Promise<number> => {
    const conn = mysql.createConnection({ uri: url, ...options })
    try {
      return await new Promise<number>((resolve, reject) => {
        let n = 0
        conn
          .query({ sql: text, rowsAsArray: true })
          .on('result', () => n++)
          .on('end', () => resolve(n))
          .on('error', reject)
      })
    } finally {
      conn.destroy()
    }
  }
  return {
    name: 'mysql',
    connection: { ...p, dialect: 'mysql', name: 'bench' } as BenchEngine['connection'],
    sql,
    raw: [
      { name: 'mysql2-result-events', read: resultEvents({}) },
      // the fastest options mysql2 has: dates, decimals and big integers left as the text the server sent
      { name: 'mysql2-result-events-strings', read: resultEvents({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true }) }
    ],
    dispose: async () => undefined
  }
}

/** A file database with a table of `rows` rows (SQLite has no generate_series without an extension). */
export function sqliteEngine(rows: number): BenchEngine {
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-sqlite-'))
  const file = join(dir, 'bench.db')
  const db = new Database(file)
  db.exec(`create table t(id integer primary key, ratio real, label text, created_at text, active boolean, hash text, amount numeric, big integer, day text, maybe text);
    insert into t with recursive g(n) as (select 1 union all select n + 1 from g where n < ${rows})
    select n, n * 1.5, 'name ' || n, datetime('2020-01-01', '+' || n || ' seconds'), n % 2 = 0, hex(randomblob(16)), (n % 1000) * 1.0,
      n * 1000000, date('2020-01-01', '+' || (n % 1000) || ' days'), case when n % 3 = 0 then null else 'x' end from g`)
  db.close()
  return {
    name: 'sqlite',
    connection: { dialect: 'sqlite', name: 'bench', filePath: file },
    sql: (n) => `select * from t where id <= ${n}`,
    raw: [
      {
        name: 'better-sqlite3-iterate',
        read: async (text) => {
          const d = new Database(file, { readonly: true })
          try {
            let n = 0
            for (const _ of d.prepare(text).raw(true).iterate()) n++
            return n
          } finally {
            d.close()
          }
        }
      }
    ],
    dispose: async () => rmSync(dir, { recursive: true, force: true })
  }
}

export async function duckdbEngine(): Promise<BenchEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-duckdb-'))
  // connections open existing files only
  ;(await DuckDBInstance.create(join(dir, 'bench.duckdb'))).closeSync()
  const sql = (rows: number): string => `select g as id, g * 1.5 as ratio, 'name ' || g as label, timestamp '2020-01-01' + g * interval 1 second as created_at,
  g % 2 = 0 as active, md5(g::varchar) as hash, (g % 1000)::decimal(10, 2) as amount, g::bigint * 1000000 as big,
  date '2020-01-01' + (g % 1000)::int as day, case when g % 3 = 0 then null else 'x' end as maybe
  from range(1, ${rows} + 1) t(g)`
  return {
    name: 'duckdb',
    connection: { dialect: 'duckdb', name: 'bench', filePath: join(dir, 'bench.duckdb') },
    sql,
    raw: [
      {
        name: 'duckdb-stream-fetchChunk-getRows',
        read: async (text) => {
          const instance = await DuckDBInstance.create(':memory:')
          const conn = await instance.connect()
          try {
            const result = await conn.stream(text)
            let n = 0
            for (;;) {
              const chunk = await result.fetchChunk()
              if (!chunk || chunk.rowCount === 0) break
              n += chunk.getRows().length
            }
            return n
          } finally {
            conn.closeSync()
            instance.closeSync()
          }
        }
      }
    ],
    dispose: async () => rmSync(dir, { recursive: true, force: true })
  }
}
