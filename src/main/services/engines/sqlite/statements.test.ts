import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { StatementKind } from '../../statements/types'
import { analyseSql, allowedReadOnly } from '../../statements'
import { HOST_FUNCTIONS, SAFE_FUNCTIONS } from './function-rules'
import { PRAGMAS_READING_WITH_ARGUMENT, PRAGMAS_READING_WITHOUT_VALUE } from './pragma-rules'
import { classifySqlite } from './statements'

type Case = [sql: string, kind: StatementKind, readOnlySafe?: boolean]

const reads: Case[] = [
  ['select * from t', 'read'],
  ['SELECT id, upper(v) AS u FROM t WHERE v LIKE \'a%\' ORDER BY 1 LIMIT 5 OFFSET 1', 'read'],
  ["select replace(v, 'a', 'b'), replace (v, 'x', 'y') from t", 'read'],
  ["select 'delete from t; insert into t values (1)' as s", 'read'],
  ['select "insert", [update], `delete` from (select 1 as "insert", 2 as [update], 3 as `delete`)', 'read'],
  ['select 1 -- ; delete from t', 'read'],
  ['select 1 /* delete from t */', 'read'],
  ['with x as (select 1 as a) select a from x', 'read'],
  ['with recursive n(i) as (select 1 union all select i + 1 from n where i < 5) select i from n', 'read'],
  ['with x(a) as materialized (select 1), y(b) as not materialized (select 2) select * from x, y', 'read'],
  ['values (1, 2), (3, 4)', 'read'],
  ['select count(*), sum(id), group_concat(v, \',\') filter (where id > 0) from t', 'read'],
  ['select row_number() over (partition by v order by id), rank() over w from t window w as (order by id)', 'read'],
  ['select cast(id as text), coalesce(v, \'-\'), iif(id > 1, 1, 0), if(id > 1, 1, 0) from t where id in (1, 2) and exists (select 1)', 'read'],
  ["select json_extract('{\"a\":1}', '$.a'), json_set('{}', '$.b', 2), v ->> '$.x' from t", 'read'],
  ["select key, value from json_each('[1,2]')", 'read'],
  ["select date('now'), strftime('%Y', 'now'), unixepoch(), random(), randomblob(4), abs(-1), round(1.5)", 'read'],
  ["select * from pragma_table_info('t')", 'read'],
  ['select name from sqlite_master where type = \'table\'', 'read'],
  ['select * from t where id = (select max(id) from t)', 'read'],
  ['select id from t union select id from t except select 3', 'read'],
  ['select id from t;', 'read'],
  ['explain query plan select * from t where id = 1', 'read'],
  ['explain select 1', 'read'],
  ['pragma table_info(t)', 'read'],
  ['PRAGMA main.table_info("t")', 'read'],
  ['pragma table_xinfo(t)', 'read'],
  ['pragma index_list(t)', 'read'],
  ['pragma index_info(t_v)', 'read'],
  ['pragma foreign_key_list(t)', 'read'],
  ['pragma foreign_key_check', 'read'],
  ['pragma integrity_check(10)', 'read'],
  ['pragma database_list', 'read'],
  ['pragma compile_options', 'read'],
  ['pragma user_version', 'read'],
  ['pragma schema_version', 'read'],
  ['pragma main.page_count', 'read'],
  ['pragma query_only', 'read']
]

const transactions: Case[] = [
  ['begin', 'transaction', true],
  ['BEGIN DEFERRED TRANSACTION', 'transaction', true],
  ['commit', 'transaction', true],
  ['end transaction', 'transaction', true],
  ['rollback', 'transaction', true],
  ['rollback to savepoint s1', 'transaction', true],
  ['savepoint s1', 'transaction', true],
  ['release savepoint s1', 'transaction', true]
]

const changes: Case[] = [
  ["insert into t values (100, 'x')", 'write'],
  ['insert into t default values', 'write'],
  ["INSERT OR REPLACE INTO t VALUES (1, 'r')", 'write'],
  ["insert or ignore into t values (1, 'i')", 'write'],
  ["replace into t values (1, 'r')", 'write'],
  ["update t set v = 'y'", 'write'],
  ["update or rollback t set v = 'o'", 'write'],
  ['delete from t', 'write'],
  ["insert into t values (1, 'a') on conflict (id) do update set v = excluded.v", 'write'],
  ["insert into t values (300, 'r') returning *", 'write'],
  ['delete from t returning id', 'write'],
  ['with gone as (select id from t) delete from t where id in (select id from gone)', 'write'],
  ["with recursive n(i) as (select 500 union all select i + 1 from n where i < 505) insert into t select i, 'n' from n", 'write'],
  ["with x as (select 1) update t set v = 'c'", 'write'],
  ["with x as (select 1) replace into t values (1, 'w')", 'write'],
  ['/* select */ delete from t', 'write'],
  ['-- select\ndelete from t', 'write'],
  ['delete from [t]', 'write'],
  ['explain query plan delete from t', 'write'],
  ['create table t2 (a int)', 'ddl'],
  ['create table t3 as select * from t', 'ddl'],
  ['create temp table tt (a int)', 'ddl'],
  ['CREATE TEMPORARY VIEW tv AS SELECT 1', 'ddl'],
  ["create trigger tr after insert on t begin insert into audit values (1); end", 'ddl'],
  ['create temp trigger tr2 after update on main.t begin delete from main.t; end', 'ddl'],
  ['create index t_v2 on t(v)', 'ddl'],
  ['create virtual table f using fts5(x)', 'ddl'],
  ['alter table t add column z int', 'ddl'],
  ['alter table t rename to t9', 'ddl'],
  ['drop table t', 'ddl'],
  ['drop view v', 'ddl'],
  ["attach database '/tmp/x.db' as x", 'admin'],
  ["ATTACH 'file:/tmp/x.db?mode=rwc' AS x", 'admin'],
  ["attach ':memory:' as m", 'admin'],
  ['detach m', 'session', false],
  ['vacuum', 'admin'],
  ["vacuum into '/tmp/copy.db'", 'admin'],
  ["VACUUM main INTO 'file:/tmp/copy.db'", 'admin'],
  ['reindex', 'admin'],
  ['reindex t', 'admin'],
  ['analyze', 'admin'],
  ['analyze t', 'admin'],
  ['begin immediate', 'admin'],
  ['BEGIN EXCLUSIVE TRANSACTION', 'admin'],
  ['pragma user_version = 5', 'admin'],
  ['pragma main.user_version(7)', 'admin'],
  ['pragma schema_version = 99', 'admin'],
  ['pragma application_id = 42', 'admin'],
  ['pragma writable_schema = 1', 'admin'],
  ['PRAGMA writable_schema=ON', 'admin'],
  ['pragma journal_mode = wal', 'admin'],
  ['pragma journal_mode', 'admin'],
  ['pragma page_size = 1024', 'admin'],
  ['pragma auto_vacuum = full', 'admin'],
  ['pragma incremental_vacuum', 'admin'],
  ['pragma incremental_vacuum(10)', 'admin'],
  ['pragma optimize', 'admin'],
  ['pragma wal_checkpoint(truncate)', 'admin'],
  ['pragma query_only = 0', 'session', false],
  ['pragma query_only(0)', 'session', false],
  ['pragma foreign_keys = off', 'session', false],
  ['pragma locking_mode = exclusive', 'session', false],
  ['pragma cache_size = 10', 'session', false],
  ['pragma temp_store_directory', 'unknown'],
  ['pragma made_up_pragma', 'unknown'],
  ["select load_extension('/tmp/evil')", 'admin'],
  ["select \"load_extension\"('/tmp/evil')", 'admin'],
  ["select load_extension /* c */ ('/tmp/evil')", 'admin'],
  ["insert into t values (1, load_extension('/tmp/evil'))", 'admin'],
  ["select writefile('/tmp/out', 'x')", 'admin'],
  ["select readfile('/etc/hostname')", 'admin'],
  ["select edit('x', 'vi')", 'admin'],
  ["select * from fsdir('/')", 'admin'],
  ["select eval('delete from t')", 'admin'],
  ["select fts3_tokenizer('simple')", 'admin'],
  ['select optimize(f) from f limit 1', 'admin'],
  ['select made_up(1)', 'unknown'],
  ['select sqlite_log(1, 2)', 'unknown'],
  ['select 1 as replace from t', 'write'],
  ["select 1; delete from t", 'unknown'],
  ['(select 1)', 'unknown'],
  ['frobnicate t', 'unknown']
]

describe('sqlite statement rules', () => {
  for (const [sql, kind, readOnlySafe] of [...reads, ...transactions, ...changes]) {
    it(`${kind}${readOnlySafe === undefined ? '' : readOnlySafe ? ' (read-only safe)' : ' (not read-only safe)'}: ${sql}`, () => {
      const verdict = classifySqlite(sql)
      expect(verdict.kind).toBe(kind)
      if (readOnlySafe !== undefined) expect(verdict.readOnlySafe ?? false).toBe(readOnlySafe)
      expect(verdict.reason).not.toBe('')
    })
  }

  it('refuses each statement of a script on its own: the write after a read is found', async () => {
    const analysis = await analyseSql('sqlite', "select 1; pragma table_info(t);\ninsert into t values (1, 'x') -- ;")
    expect(analysis.statements.map((s) => s.kind)).toEqual(['read', 'read', 'write'])
    expect(analysis.statements.map(allowedReadOnly)).toEqual([true, true, false])
  })
})

/** The rules against SQLite itself: what they call a read must be what SQLite calls read-only. */
describe('sqlite statement rules agree with SQLite', () => {
  const db = new Database(':memory:')
  db.exec(`create table t (id integer primary key, v text);
    create index t_v on t (v);
    create table audit (n int);
    create view v as select * from t;
    create virtual table f using fts4 (x);`)
  afterAll(() => db.close())

  it('every read in the table is read-only according to sqlite3_stmt_readonly', () => {
    for (const [sql] of reads) expect(db.prepare(sql).readonly, sql).toBe(true)
  })

  it('every pragma on the read lists is read-only according to sqlite3_stmt_readonly', () => {
    for (const name of PRAGMAS_READING_WITHOUT_VALUE) expect(db.prepare(`pragma ${name}`).readonly, name).toBe(true)
    for (const name of PRAGMAS_READING_WITH_ARGUMENT) expect(db.prepare(`pragma ${name}(t)`).readonly, name).toBe(true)
  })

  it("every built-in function of this build is decided: allowed, refused, or left unknown on purpose", () => {
    const leftUnknown = new Set(['fts5', 'sqlite_log'])
    const builtins = db.prepare('select distinct name from pragma_function_list').pluck().all() as string[]
    const undecided = builtins.filter((name) => !SAFE_FUNCTIONS.has(name) && !HOST_FUNCTIONS.has(name) && !leftUnknown.has(name) && /^\w+$/.test(name))
    expect(undecided).toEqual([])
  })
})
