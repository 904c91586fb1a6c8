import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Cell, CellKind, Dialect } from '../../src/shared/cells'
import { ConnectionProfile } from '../../src/shared/contract/connections'
import { connectParamsFor } from '../../src/main/services/connections/connect-params'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { getDriver } from '../../src/main/services/engines'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import type { ConnectParams, DriverSession } from '../../src/main/services/drivers/types'

/** What one engine must do; the suite runs the same assertions over every entry. */
export interface Engine {
  label: string
  dialect: Dialect
  /** Set when the engine cannot run here (no URL); the suite prints it and skips. */
  skipReason?: string
  /** An isolated, uniquely named database/schema with table t(id, v) holding 2 rows. */
  setup(): Promise<{ params: ConnectParams; teardown(): Promise<void> }>
  /** Creates and fills table rt; `select * from rt` must return `expected` with these kinds. */
  roundTripSetup: string
  roundTripPrelude?: string
  expected: Record<string, { value: Cell; kind: CellKind; nullable?: boolean }>
  syntaxError: { sql: string; line: number; column: number }
  /** Long enough that only a cancel stops it. */
  longStatement: string
  writeForms: { name: string; sql: string }[]
}

export const uniqueName = (area: string): string => `qg_${area}_${randomBytes(4).toString('hex')}`

export function paramsFromUrl(url: string, extra: Partial<ConnectionProfile> = {}): ConnectParams {
  const parsed = parseConnectionUrl(url)
  const profile = ConnectionProfile.parse({ ...parsed, ...extra, id: 'test', name: parsed.name ?? 'test' })
  return connectParamsFor(profile, parsed.password ?? undefined)
}

export async function exec(session: DriverSession, sql: string): Promise<CollectingSink> {
  const sink = new CollectingSink()
  await session.execute(sql, sink)
  return sink
}

const seed = `create table t (id int primary key, v varchar(20)); insert into t values (1, 'a'); insert into t values (2, 'b')`

const common = () => ({
  syntaxError: { sql: 'select 1;\nselect * fromm t', line: 2, column: 10 }
})

const postgres: Engine = {
  label: 'PostgreSQL',
  dialect: 'postgres',
  skipReason: process.env.PG_URL ? undefined : 'PG_URL is not set',
  async setup() {
    const schema = uniqueName('conn')
    const admin = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    await exec(admin, `create schema ${schema}; set search_path = ${schema}; ${seed}`)
    return {
      params: paramsFromUrl(process.env.PG_URL!, { defaultSchema: schema }),
      async teardown() {
        await exec(admin, `drop schema ${schema} cascade`)
        await admin.close()
      }
    }
  },
  roundTripPrelude: "set time zone 'UTC'",
  roundTripSetup: `create table rt (big int8 not null, small int4, num numeric(30,9), d date, tstz timestamptz, ts timestamp, j jsonb, bin bytea, u uuid, b boolean, n text, arr int[]);
    insert into rt values (9223372036854775807, -42, 12345678901234567890.123456789, '2024-02-29', '2024-01-02 03:04:05.123456+02', '2024-01-02 03:04:05',
      '{"a": [1, 2.5, null]}', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, null, '{1,2,3}')`,
  expected: {
    big: { value: '9223372036854775807', kind: 'bigint', nullable: false },
    small: { value: -42, kind: 'number', nullable: true },
    num: { value: '12345678901234567890.123456789', kind: 'decimal' },
    d: { value: '2024-02-29', kind: 'date' },
    tstz: { value: '2024-01-02 01:04:05.123456+00', kind: 'datetime' },
    ts: { value: '2024-01-02 03:04:05', kind: 'datetime' },
    j: { value: '{"a": [1, 2.5, null]}', kind: 'json' },
    bin: { value: '\\x00ff10', kind: 'binary' },
    u: { value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', kind: 'uuid' },
    b: { value: true, kind: 'boolean' },
    n: { value: null, kind: 'text' },
    arr: { value: '{1,2,3}', kind: 'array' }
  },
  ...common(),
  longStatement: 'select pg_sleep(30)',
  writeForms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'MERGE', sql: "merge into t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm'" },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'CREATE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TEMP', sql: 'create temp table tt (a int)' },
    { name: 'ALTER', sql: 'alter table t add column z int' },
    { name: 'DROP', sql: 'drop table t' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'writable CTE', sql: 'with x as (delete from t returning *) select count(*) from x' },
    { name: 'write hidden in a batch', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'COPY FROM', sql: "copy t from '/dev/null'" },
    { name: 'SET read-write then write', sql: "set default_transaction_read_only = off; insert into t values (102, 'c')" },
    { name: 'BEGIN READ WRITE then write', sql: "begin read write; insert into t values (103, 'd'); commit" },
    { name: 'SESSION CHARACTERISTICS then write', sql: "set session characteristics as transaction read write; insert into t values (104, 'e')" },
    { name: 'set_config then write', sql: "select set_config('default_transaction_read_only', 'off', false); insert into t values (105, 'f')" },
    { name: 'DO block switching and committing', sql: "do $$ begin execute 'set default_' || 'transaction_read_only = off'; commit; insert into t values (106, 'g'); end $$" }
  ]
}

const mysql: Engine = {
  label: 'MySQL/MariaDB',
  dialect: 'mysql',
  skipReason: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set',
  async setup() {
    const db = uniqueName('conn')
    const admin = await getDriver('mysql').connect(paramsFromUrl(process.env.MYSQL_URL!))
    await exec(admin, `create database ${db}; use ${db}; ${seed}`)
    return {
      params: { ...paramsFromUrl(process.env.MYSQL_URL!), database: db },
      async teardown() {
        await exec(admin, `drop database ${db}`)
        await admin.close()
      }
    }
  },
  roundTripSetup: `create table rt (big bigint not null, small int, num decimal(30,9), d date, ts timestamp(6) null, dt datetime, j json, bin varbinary(10), u char(36), b boolean, n varchar(10));
    insert into rt values (9223372036854775807, -42, 12345678901234567890.123456789, '2024-02-29', '2024-01-02 01:04:05.123456', '2024-01-02 03:04:05',
      '{"a": [1, 2.5, null]}', x'00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, null)`,
  expected: {
    big: { value: '9223372036854775807', kind: 'bigint', nullable: false },
    small: { value: -42, kind: 'number', nullable: true },
    num: { value: '12345678901234567890.123456789', kind: 'decimal' },
    d: { value: '2024-02-29', kind: 'date' },
    ts: { value: '2024-01-02 01:04:05.123456', kind: 'datetime' },
    dt: { value: '2024-01-02 03:04:05', kind: 'datetime' },
    j: { value: '{"a": [1, 2.5, null]}', kind: 'json' },
    bin: { value: '\\x00ff10', kind: 'binary' },
    u: { value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', kind: 'text' },
    b: { value: true, kind: 'boolean' },
    n: { value: null, kind: 'text' }
  },
  ...common(),
  longStatement: 'select sleep(30)',
  writeForms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on duplicate key update v = 'u'" },
    { name: 'REPLACE', sql: "replace into t values (1, 'r')" },
    { name: 'CREATE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TEMPORARY', sql: 'create temporary table tt (a int)' },
    { name: 'ALTER', sql: 'alter table t add column z int' },
    { name: 'DROP', sql: 'drop table t' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'CTE-fed write', sql: "insert into t with x as (select 105 as id, 'w' as v) select * from x" },
    { name: 'write hidden in a batch', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'LOAD DATA', sql: "load data infile '/etc/hostname' into table t" },
    { name: 'SET SESSION read-write then write', sql: "set session transaction read write; insert into t values (102, 'c')" },
    { name: 'transaction_read_only = 0 then write', sql: "set session tx_read_only = 0; insert into t values (103, 'd')" },
    { name: 'START TRANSACTION READ WRITE then write', sql: "start transaction read write; insert into t values (104, 'e'); commit" },
    { name: 'PREPARE/EXECUTE', sql: "prepare s from 'insert into t values (106, ''g'')'; execute s" }
  ]
}

const sqlite: Engine = {
  label: 'SQLite',
  dialect: 'sqlite',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'qg-conf-sqlite-'))
    const file = join(dir, 'conformance.db')
    const db = new Database(file)
    db.exec(seed.replace(/;/g, ';\n'))
    db.close()
    return {
      params: { dialect: 'sqlite', filePath: file, readOnly: false, connectTimeoutMs: 5000 },
      async teardown() {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  },
  // SQLite has no exact decimal type: exact decimals are kept as text
  roundTripSetup: `create table rt (big integer not null, small integer, num text, d date, ts datetime, j json, bin blob, u uuid, b boolean, n text);
    insert into rt values (9223372036854775807, -42, '12345678901234567890.123456789', '2024-02-29', '2024-01-02T01:04:05.123456Z',
      '{"a": [1, 2.5, null]}', x'00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1, null)`,
  expected: {
    big: { value: '9223372036854775807', kind: 'number', nullable: false },
    small: { value: -42, kind: 'number', nullable: true },
    num: { value: '12345678901234567890.123456789', kind: 'text' },
    d: { value: '2024-02-29', kind: 'date' },
    ts: { value: '2024-01-02T01:04:05.123456Z', kind: 'datetime' },
    j: { value: '{"a": [1, 2.5, null]}', kind: 'json' },
    bin: { value: '\\x00ff10', kind: 'binary' },
    u: { value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', kind: 'uuid' },
    b: { value: true, kind: 'boolean' },
    n: { value: null, kind: 'text' }
  },
  ...common(),
  // never yields a row: only a real cancel (the worker thread is stopped) ends it
  longStatement: 'with recursive c(i) as (select 1 union all select i + 1 from c) select count(*) from c',
  writeForms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'REPLACE', sql: "replace into t values (1, 'r')" },
    { name: 'CREATE', sql: 'create table t2 (a int)' },
    { name: 'CREATE INDEX', sql: 'create index ti on t(v)' },
    { name: 'ALTER', sql: 'alter table t add column z int' },
    { name: 'DROP', sql: 'drop table t' },
    { name: 'DELETE all (no TRUNCATE in SQLite)', sql: 'delete from t where 1 = 1' },
    { name: 'CTE-fed write', sql: "with x as (select 105 as id, 'w' as v) insert into t select * from x" },
    { name: 'write hidden in a batch', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'query_only off then write', sql: "pragma query_only = 0; insert into t values (102, 'c')" },
    { name: 'PRAGMA user_version', sql: 'pragma user_version = 7' }
  ]
}

const mssql: Engine = {
  label: 'SQL Server',
  dialect: 'mssql',
  skipReason: process.env.MSSQL_URL ? undefined : 'MSSQL_URL is not set',
  async setup() {
    const db = uniqueName('conn')
    const admin = await getDriver('mssql').connect(paramsFromUrl(process.env.MSSQL_URL!))
    await exec(admin, `create database ${db}`)
    const inDb = { ...paramsFromUrl(process.env.MSSQL_URL!), database: db }
    const seeder = await getDriver('mssql').connect(inDb)
    await exec(seeder, seed)
    await seeder.close()
    return {
      params: inDb,
      async teardown() {
        await exec(admin, `alter database ${db} set single_user with rollback immediate; drop database ${db}`)
        await admin.close()
      }
    }
  },
  roundTripSetup: `create table rt (big bigint not null, small int, num decimal(30,9), d date, tstz datetimeoffset(6), ts datetime2(0), j nvarchar(max), bin varbinary(10), u uniqueidentifier, b bit, n nvarchar(10));
    insert into rt values (9223372036854775807, -42, 12345678901234567890.123456789, '2024-02-29', '2024-01-02 03:04:05.123456 +02:00', '2024-01-02 03:04:05',
      '{"a": [1, 2.5, null]}', 0x00ff10, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1, null)`,
  expected: {
    big: { value: '9223372036854775807', kind: 'bigint', nullable: false },
    small: { value: -42, kind: 'number', nullable: true },
    num: { value: '12345678901234567890.123456789', kind: 'decimal' },
    d: { value: '2024-02-29', kind: 'date' },
    tstz: { value: '2024-01-02T01:04:05.123456Z', kind: 'datetime' },
    ts: { value: '2024-01-02T03:04:05', kind: 'datetime' },
    j: { value: '{"a": [1, 2.5, null]}', kind: 'text' },
    bin: { value: '\\x00ff10', kind: 'binary' },
    u: { value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', kind: 'uuid' },
    b: { value: true, kind: 'boolean' },
    n: { value: null, kind: 'text' }
  },
  syntaxError: { sql: 'select 1;\nselect * fromm t', line: 2, column: 1 },
  longStatement: "waitfor delay '00:00:30'",
  writeForms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'MERGE', sql: "merge t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm';" },
    { name: 'CREATE', sql: 'create table t2 (a int)' },
    { name: 'ALTER', sql: 'alter table t add z int' },
    { name: 'DROP', sql: 'drop table t' },
    { name: 'TRUNCATE', sql: 'truncate table t' },
    { name: 'CTE-fed write', sql: 'with x as (select * from t) delete from x' },
    { name: 'write hidden in a batch', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'SELECT INTO', sql: 'select * into t3 from t' },
    { name: 'BULK INSERT', sql: "bulk insert t from 'C:\\x.csv'" },
    { name: 'EXEC dynamic SQL', sql: "exec('insert into t values (102, ''c'')')" },
    { name: 'COMMIT inside', sql: "commit; insert into t values (103, 'd')" }
  ]
}

const duckdb: Engine = {
  label: 'DuckDB',
  dialect: 'duckdb',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'qg-conf-duckdb-'))
    const file = join(dir, 'conformance.duckdb')
    const db = await DuckDBInstance.create(file)
    const connection = await db.connect()
    await connection.run(seed)
    connection.closeSync()
    db.closeSync()
    return {
      params: { dialect: 'duckdb', filePath: file, readOnly: false, connectTimeoutMs: 5000 },
      async teardown() {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  },
  roundTripSetup: `create table rt (big bigint not null, small integer, num decimal(30,9), d date, tstz timestamptz, ts timestamp, j json, bin blob, u uuid, b boolean, n varchar, arr integer[], st struct(a integer, b varchar), iv interval);
    insert into rt values (9223372036854775807, -42, 12345678901234567890.123456789, '2024-02-29', '2024-01-02 03:04:05.123456+02', '2024-01-02 03:04:05',
      '{"a": [1, 2.5, null]}', '\\x00\\xFF\\x10'::blob, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, null, [1, 2, 3], {'a': 1, 'b': 'x'}, interval '1 day 02:00:00')`,
  expected: {
    big: { value: '9223372036854775807', kind: 'bigint' },
    small: { value: -42, kind: 'number' },
    num: { value: '12345678901234567890.123456789', kind: 'decimal' },
    d: { value: '2024-02-29', kind: 'date' },
    tstz: { value: '2024-01-02 01:04:05.123456+00', kind: 'datetime' },
    ts: { value: '2024-01-02 03:04:05', kind: 'datetime' },
    j: { value: '{"a": [1, 2.5, null]}', kind: 'json' },
    bin: { value: '\\x00ff10', kind: 'binary' },
    u: { value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', kind: 'uuid' },
    b: { value: true, kind: 'boolean' },
    n: { value: null, kind: 'text' },
    arr: { value: '[1, 2, 3]', kind: 'array' },
    st: { value: "{'a': 1, 'b': x}", kind: 'other' },
    iv: { value: '1 day 02:00:00', kind: 'other' }
  },
  // DuckDB reads `fromm` as an alias of `*`: the syntax error is at `t`
  syntaxError: { sql: 'select 1;\nselect * fromm t', line: 2, column: 16 },
  // a join of 10^13 pairs that no row leaves: only an interrupt ends it
  longStatement: 'select count(*) from range(100000000) a, range(100000) b where a.range + b.range = -1',
  writeForms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'INSERT OR REPLACE', sql: "insert or replace into t values (1, 'r')" },
    { name: 'MERGE', sql: "merge into t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm'" },
    { name: 'CREATE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TEMP', sql: 'create temp table tt (a int)' },
    { name: 'ALTER', sql: 'alter table t add column z int' },
    { name: 'DROP', sql: 'drop table t' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'CTE-fed write', sql: "with x as (select 105 as id, 'w' as v) insert into t select * from x" },
    { name: 'write hidden in a batch', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'write hidden by an escape string', sql: "select E'\\''; delete from t; --'" },
    { name: 'COPY FROM', sql: "copy t from '/dev/null'" },
    { name: 'BEGIN then write', sql: "begin; insert into t values (102, 'c'); commit" },
    { name: 'ATTACH then write', sql: "attach ':memory:' as side; insert into t values (103, 'd')" },
    { name: 'EXPLAIN ANALYZE of a DELETE', sql: 'explain analyze delete from t' }
  ]
}

export const engines: Engine[] = [postgres, mysql, sqlite, mssql, duckdb]
