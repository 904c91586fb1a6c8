import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectParams } from '../../src/main/services/drivers/types'
import type { Fixture, SafetyHarness } from './types'

const schema = `
  create table t (id integer primary key, v text);
  insert into t values (1, 'a'), (2, 'b');
  create index t_v on t (v);
  create table audit (n int);
  create trigger t_audit after insert on t begin insert into audit values (new.id); end;
  create view v as select * from t;
  create trigger v_insert instead of insert on v begin insert into t values (new.id, new.v); end;
`

/** Whether another connection could take the write lock right now: a form that left a lock held would block it. */
function writeLockFree(file: string): boolean {
  const probe = new Database(file, { timeout: 0 })
  try {
    probe.exec('begin exclusive; rollback')
    return true
  } catch {
    return false
  } finally {
    probe.close()
  }
}

/** What a second connection reads; an exclusive lock left behind shows as 'locked out' rather than an error. */
function contentsOf(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 })
  try {
    // a table renamed or dropped shows as its error message, so the difference is readable in the failure
    const all = (sql: string): unknown => {
      try {
        return db.prepare(sql).raw().all()
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_BUSY') throw e
        return (e as Error).message
      }
    }
    return {
      t: all('select * from t order by id'),
      audit: all('select * from audit order by rowid'),
      master: all('select type, name, tbl_name, sql from sqlite_master order by type, name'),
      userVersion: db.pragma('user_version', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      pageSize: db.pragma('page_size', { simple: true }),
      autoVacuum: db.pragma('auto_vacuum', { simple: true })
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return 'locked out'
    throw e
  } finally {
    db.close()
  }
}

async function setup(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'qg-ws-sqlite-'))
  const file = join(dir, 'canary.db')
  const seed = new Database(file)
  seed.exec(schema)
  seed.close()
  const params = (readOnly: boolean): ConnectParams => ({ dialect: 'sqlite', filePath: file, readOnly, connectTimeoutMs: 5000 })

  const snapshot = async (): Promise<unknown> => {
    // Files first, before this snapshot opens anything. Nothing is excluded: in rollback-journal mode a -journal
    // exists only while a write transaction is open (or after a crash), and -wal/-shm only after journal_mode was
    // changed; between statements, with every write refused, any of them is itself a finding.
    const files = readdirSync(dir).sort()
    const bytes = createHash('sha256').update(readFileSync(file)).digest('hex')
    return { files, bytes, writeLockFree: writeLockFree(file), contents: contentsOf(file) }
  }

  return {
    readOnly: params(true),
    writable: params(false),
    vars: { schema: 'main', dir, file: join(dir, 'out.db') },
    snapshot,
    async teardown() {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const sqliteHarness: SafetyHarness = {
  label: 'SQLite',
  dialect: 'sqlite',
  setup,
  forms: [
    { name: 'INSERT (fires the audit trigger)', sql: "insert into t values (100, 'x')" },
    { name: 'INSERT DEFAULT VALUES', sql: 'insert into t default values' },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'UPDATE FROM', sql: "update t set v = s.v from (select 1 as id, 'z' as v) s where t.id = s.id" },
    { name: 'UPDATE OR ROLLBACK', sql: "update or rollback t set v = 'o'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'DELETE with LIMIT', sql: 'delete from t order by id limit 1' },
    { name: 'REPLACE INTO', sql: "replace into t values (1, 'r')" },
    { name: 'INSERT OR REPLACE', sql: "insert or replace into t values (1, 'r')" },
    { name: 'INSERT OR IGNORE', sql: "insert or ignore into t values (200, 'i')" },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'INSERT RETURNING', sql: "insert into t values (300, 'r') returning *" },
    { name: 'DELETE RETURNING', sql: 'delete from t returning id' },
    { name: 'CTE then DELETE', sql: 'with gone as (select id from t) delete from t where id in (select id from gone)' },
    { name: 'recursive CTE then INSERT', sql: "with recursive n(i) as (select 500 union all select i + 1 from n where i < 505) insert into t select i, 'n' from n" },
    { name: 'CTE then UPDATE', sql: "with x as (select 1) update t set v = 'c'" },
    { name: 'INSERT into a view with an INSTEAD OF trigger', sql: "insert into v values (600, 'view')" },
    { name: 'write after a read in one script', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'write in a comment-disguised script', sql: 'select 1 /* ; */; delete from t -- ;' },
    { name: 'write behind a leading comment', sql: '/* select */ delete from t' },
    { name: 'bracket-quoted table name', sql: 'delete from [t]' },
    { name: 'SAVEPOINT around a write', sql: "savepoint s1; insert into t values (700, 's'); release s1" },
    { name: 'BEGIN TRANSACTION, write, COMMIT', sql: 'begin transaction; delete from t; commit' },
    { name: 'BEGIN; write; COMMIT (one piece for the splitter)', sql: 'begin; delete from t; commit' },
    { name: 'BEGIN IMMEDIATE (write lock)', sql: 'begin immediate' },
    { name: 'BEGIN EXCLUSIVE (exclusive lock)', sql: 'begin exclusive' },
    { name: 'CREATE TABLE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TABLE AS SELECT', sql: 'create table t3 as select * from t' },
    { name: 'CREATE TEMP TABLE', sql: 'create temp table tt (a int)' },
    { name: 'CREATE TEMP TRIGGER on a main table', sql: 'create temp trigger tr2 after update on main.t begin delete from main.t; end' },
    { name: 'CREATE TRIGGER', sql: 'create trigger tr after delete on t begin insert into audit values (old.id); end' },
    { name: 'CREATE INDEX', sql: 'create index t_v2 on t (v)' },
    { name: 'CREATE VIEW', sql: 'create view v2 as select 1' },
    { name: 'CREATE VIRTUAL TABLE', sql: 'create virtual table ft using fts5 (x)' },
    { name: 'ALTER TABLE ADD COLUMN', sql: 'alter table t add column z int' },
    { name: 'ALTER TABLE RENAME', sql: 'alter table audit rename to audit2' },
    { name: 'ALTER TABLE DROP COLUMN', sql: 'alter table t drop column v' },
    { name: 'DROP TABLE', sql: 'drop table audit' },
    { name: 'DROP VIEW', sql: 'drop view v' },
    { name: 'DROP TRIGGER', sql: 'drop trigger t_audit' },
    { name: 'DROP INDEX', sql: 'drop index t_v' },
    { name: 'ATTACH a new file', sql: "attach database '{dir}/attached.db' as extra" },
    { name: 'ATTACH a URI with mode=rwc', sql: "attach 'file:{dir}/uri.db?mode=rwc' as extra" },
    { name: 'ATTACH then create a table in it', sql: "attach '{dir}/other.db' as o; create table o.x (a)" },
    { name: 'ATTACH in-memory', sql: "attach ':memory:' as m" },
    { name: 'DETACH', sql: 'detach database m' },
    { name: 'VACUUM', sql: 'vacuum' },
    { name: 'VACUUM INTO a file', sql: "vacuum into '{file}'" },
    { name: 'VACUUM schema INTO a URI', sql: "vacuum main into 'file:{dir}/copy.db'" },
    { name: 'REINDEX', sql: 'reindex' },
    { name: 'ANALYZE (creates sqlite_stat1)', sql: 'analyze' },
    { name: 'PRAGMA user_version =', sql: 'pragma user_version = 5' },
    { name: 'PRAGMA schema.user_version(…)', sql: 'pragma main.user_version(7)' },
    { name: 'PRAGMA application_id', sql: 'pragma application_id = 42' },
    { name: 'PRAGMA schema_version', sql: 'pragma schema_version = 99' },
    { name: 'PRAGMA writable_schema then edit sqlite_master', sql: "pragma writable_schema = on; delete from sqlite_master where name = 'v'" },
    { name: 'PRAGMA journal_mode = WAL', sql: 'pragma journal_mode = wal' },
    { name: 'PRAGMA query_only off then write', sql: "pragma query_only = 0; insert into t values (102, 'c')" },
    { name: 'PRAGMA page_size then VACUUM', sql: 'pragma page_size = 1024; vacuum' },
    { name: 'PRAGMA auto_vacuum then VACUUM', sql: 'pragma auto_vacuum = full; vacuum' },
    { name: 'PRAGMA incremental_vacuum', sql: 'pragma incremental_vacuum' },
    { name: 'PRAGMA optimize', sql: 'pragma optimize' },
    { name: 'PRAGMA wal_checkpoint', sql: 'pragma wal_checkpoint(truncate)' },
    { name: 'PRAGMA locking_mode exclusive then read', sql: 'pragma locking_mode = exclusive; select * from t' },
    { name: 'PRAGMA foreign_keys off', sql: 'pragma foreign_keys = off' },
    { name: 'load_extension()', sql: "select load_extension('{dir}/evil')" },
    { name: 'load_extension() inside an INSERT', sql: "insert into t values (103, load_extension('{dir}/evil'))" },
    { name: 'writefile() (fileio)', sql: "select writefile('{file}', 'x')" },
    { name: 'readfile() (fileio)', sql: "select readfile('/etc/hostname')" },
    { name: 'edit()', sql: "select edit('x', 'true')" },
    { name: 'fts3_tokenizer()', sql: "select fts3_tokenizer('simple')" },
    { name: 'unknown function in a SELECT', sql: 'select made_up_function(1)' },
    { name: 'write after a read-only PRAGMA', sql: 'pragma table_info(t); delete from t' }
  ]
}
