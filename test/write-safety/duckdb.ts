import { DuckDBInstance } from '@duckdb/node-api'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../src/shared/errors'
import type { ConnectParams } from '../../src/main/services/drivers/types'
import { getDriver } from '../../src/main/services/engines'
import type { Fixture, SafetyHarness } from './types'

/**
 * DuckDB runs in this process, and the driver keeps one instance per file here (a second instance would not see the
 * first one's writes; DuckDB's file lock only keeps other processes out). So the snapshot is a separate read-only
 * driver session, opened for the length of one snapshot: a second connection on the same instance as the session
 * under test. It reads what other sessions would see — committed rows, plus instance-wide state (attached
 * databases, secrets, loaded extensions, GLOBAL settings) — while the read-only session is still open. With no
 * session open it opens the file itself, read-only, as the read-only session then does: DuckDB opens it READ_ONLY
 * with external access off, so the read-only half of each form meets DuckDB's own refusal behind the analyser. The
 * EXPLAIN half runs on a writable instance, which the snapshot then joins.
 */

/** Settings that differ by how the instance was opened (read-only instances lock these down), not by anything run on it. */
const MODE_SETTINGS = ['access_mode', 'allowed_directories', 'allowed_paths', 'autoinstall_known_extensions', 'autoload_known_extensions', 'enable_external_access']

/** A folder's entries, recursively, as relative paths ([] when it does not exist). */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
}

async function setup(): Promise<Fixture> {
  const dbDir = mkdtempSync(join(tmpdir(), 'qg-ws-duckdb-db-'))
  const dir = mkdtempSync(join(tmpdir(), 'qg-ws-duckdb-'))
  const file = join(dbDir, 'fixture.duckdb')
  writeFileSync(join(dir, 'in.csv'), 'id,v\n900,csv\n')
  const db = await DuckDBInstance.create(file)
  const seed = await db.connect()
  await seed.run(`
    create table t (id integer primary key, v varchar);
    insert into t values (1, 'a'), (2, 'b');
    create table audit (n integer);
    create sequence s;
    create view tv as select * from t;
    create macro twice(x) as x * 2;
    comment on table t is 'canary';
  `)
  seed.closeSync()
  db.closeSync()

  const readOnly: ConnectParams = { dialect: 'duckdb', filePath: file, readOnly: true, connectTimeoutMs: 5000 }
  const snapshot = async (): Promise<unknown> => {
    const session = await getDriver('duckdb').connect(readOnly)
    const q = async (sql: string): Promise<unknown[][]> => (await session.query(sql)).rows
    // a read-only instance has external access off, where these two cannot be read: none can have appeared there
    const orNone = (sql: string): Promise<unknown[][]> => q(sql).catch((e: unknown) => (e instanceof AppError && e.code === 'READ_ONLY' ? [] : Promise.reject(e)))
    try {
      return {
        t: await q('select * from t order by id'),
        audit: await q('select count(*) from audit'),
        objects: await q(`select schema_name, table_name, comment, sql from duckdb_tables() where database_name = current_database() order by all`),
        views: await q(`select view_name, sql from duckdb_views() where not internal order by all`),
        columns: await q(`select table_name, column_name, data_type, column_default, is_nullable from duckdb_columns() where database_name = current_database() order by all`),
        indexes: await q('select index_name, sql from duckdb_indexes() order by all'),
        sequences: await q('select sequence_name, start_value, last_value from duckdb_sequences() order by all'),
        macros: await q(`select function_name, macro_definition from duckdb_functions() where not internal order by all`),
        functionCount: await q('select count(*) from duckdb_functions()'),
        types: await q('select schema_name, type_name from duckdb_types() where not internal order by all'),
        schemas: await q('select database_name, schema_name from duckdb_schemas() order by all'),
        databases: await q('select database_name, path, type from duckdb_databases() order by all'),
        settings: await q(`select name, value::varchar from duckdb_settings() where scope = 'GLOBAL' and name not in (${MODE_SETTINGS.map((n) => `'${n}'`).join(', ')}) order by all`),
        secrets: await orNone('select name, type, persistent, storage from duckdb_secrets() order by all'),
        loadedExtensions: await orNone(`select extension_name from duckdb_extensions() where loaded and install_mode <> 'STATICALLY_LINKED' order by all`),
        databaseFile: listing(dbDir).map((name) => [name, statSync(join(dbDir, name)).size, statSync(join(dbDir, name)).mtimeMs]),
        files: listing(dir),
        hostExtensions: listing(join(homedir(), '.duckdb', 'extensions')),
        hostSecrets: listing(join(homedir(), '.duckdb', 'stored_secrets'))
      }
    } finally {
      await session.close()
    }
  }

  return {
    readOnly,
    writable: { dialect: 'duckdb', filePath: file, readOnly: false, connectTimeoutMs: 5000 },
    vars: { schema: 'main', dir, file: join(dir, 'out.duckdb') },
    snapshot,
    async teardown() {
      rmSync(dir, { recursive: true, force: true })
      rmSync(dbDir, { recursive: true, force: true })
    }
  }
}

export const duckdbHarness: SafetyHarness = {
  label: 'DuckDB',
  dialect: 'duckdb',
  setup,
  forms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'INSERT OR REPLACE', sql: "insert or replace into t values (1, 'r')" },
    { name: 'INSERT OR IGNORE', sql: "insert or ignore into t values (101, 'i')" },
    { name: 'MERGE', sql: "merge into t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm'" },
    { name: 'CREATE TABLE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TABLE AS', sql: 'create table t3 as select * from t' },
    { name: 'CREATE OR REPLACE TABLE over the canary', sql: 'create or replace table t as select 1 as id' },
    { name: 'CREATE TEMP TABLE', sql: 'create temp table tt (a int)' },
    { name: 'CREATE VIEW', sql: 'create view v2 as select 1 as x' },
    { name: 'CREATE MACRO', sql: 'create or replace macro twice(x) as x * 3' },
    { name: 'CREATE SEQUENCE', sql: 'create sequence s2' },
    { name: 'CREATE TYPE', sql: "create type mood as enum ('sad', 'ok')" },
    { name: 'CREATE INDEX', sql: 'create index t_v_idx on t (v)' },
    { name: 'CREATE SCHEMA', sql: 'create schema other' },
    { name: 'ALTER TABLE ADD COLUMN', sql: 'alter table t add column z int' },
    { name: 'ALTER TABLE RENAME', sql: 'alter table t rename to t_old' },
    { name: 'DROP TABLE', sql: 'drop table t' },
    { name: 'DROP VIEW', sql: 'drop view tv' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'COMMENT ON', sql: "comment on table t is 'changed'" },
    { name: 'data-modifying CTE', sql: "with x as (select 105 as id, 'w' as v) insert into t select * from x" },
    { name: 'write after a read in one script', sql: "select 1; insert into t values (102, 'b')" },
    { name: 'write hidden by an escape string', sql: "select E'\\''; delete from t; --'" },
    { name: 'write in a comment-disguised script', sql: 'select 1 /* ; */; delete from t -- ;' },
    { name: 'BEGIN, write, COMMIT', sql: "begin; insert into t values (103, 'c'); commit" },
    { name: 'PREPARE then EXECUTE a write', sql: "prepare w as insert into t values (104, 'p'); execute w" },
    { name: 'EXPLAIN ANALYZE of a DELETE', sql: 'explain analyze delete from t' },
    { name: 'nextval', sql: "select nextval('s')" },
    { name: 'nextval in WHERE', sql: "select * from t where nextval('s') > 0" },
    { name: 'COPY TO file', sql: "copy t to '{file}'" },
    { name: 'COPY query TO parquet', sql: "copy (select * from t) to '{dir}/out.parquet' (format parquet)" },
    { name: 'COPY FROM file', sql: "copy t from '{dir}/in.csv'" },
    { name: 'INSERT from a host CSV', sql: "insert into t select * from '{dir}/in.csv'" },
    { name: 'EXPORT DATABASE', sql: "export database '{dir}/export'" },
    { name: 'IMPORT DATABASE', sql: "import database '{dir}'" },
    { name: 'COPY FROM DATABASE', sql: "attach ':memory:' as side; copy from database side to memory" },
    { name: 'ATTACH a new file', sql: "attach '{file}' as side" },
    { name: 'ATTACH memory then write into it', sql: "attach ':memory:' as side; create table side.x (a int)" },
    { name: 'DETACH', sql: 'detach database if exists side' },
    { name: 'USE another database then write', sql: "use memory; insert into t values (106, 'u')" },
    { name: 'INSTALL extension', sql: 'install spatial' },
    { name: 'FORCE INSTALL', sql: 'force install httpfs' },
    { name: 'LOAD extension', sql: 'load httpfs' },
    { name: 'UPDATE EXTENSIONS', sql: 'update extensions' },
    { name: 'SET GLOBAL', sql: 'set global threads = 1' },
    { name: 'SET a global option without scope', sql: "set memory_limit = '123MB'" },
    { name: 'SET default_order (global by default)', sql: "set default_order = 'desc'" },
    { name: 'SET enable_external_access', sql: 'set enable_external_access = false' },
    { name: 'RESET a global option', sql: 'reset threads' },
    { name: 'PRAGMA setting', sql: 'pragma threads = 1' },
    { name: 'PRAGMA enable_profiling to a file', sql: "pragma enable_profiling = 'json'; pragma profiling_output = '{dir}/profile.json'; select 1" },
    { name: 'CREATE SECRET', sql: "create secret qg_s (type s3, key_id 'k', secret 's')" },
    { name: 'CREATE PERSISTENT SECRET', sql: "create persistent secret qg_p (type s3, key_id 'k', secret 's')" },
    { name: 'CHECKPOINT', sql: 'checkpoint' },
    { name: 'FORCE CHECKPOINT', sql: 'force checkpoint' },
    { name: 'CALL checkpoint()', sql: 'call checkpoint()' },
    { name: 'checkpoint() as a table function', sql: 'select * from checkpoint()' },
    { name: 'VACUUM', sql: 'vacuum' },
    { name: 'ANALYZE', sql: 'analyze' },
    { name: 'read_text of a host file', sql: "select * from read_text('/etc/hostname')" },
    { name: 'read_blob of a host file', sql: "select * from read_blob('/etc/hostname')" },
    { name: 'FROM a host CSV file', sql: "select * from '{dir}/in.csv'" },
    { name: 'FROM a quoted host path', sql: 'select * from "{dir}/in.csv"' },
    { name: 'read_csv', sql: "select * from read_csv('{dir}/in.csv')" },
    { name: 'glob', sql: "select * from glob('{dir}/*')" },
    { name: 'query() runs hidden SQL', sql: "select * from query('select 1')" },
    { name: 'getenv', sql: "select getenv('HOME')" }
  ]
}
