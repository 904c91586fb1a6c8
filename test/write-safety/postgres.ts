import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { paramsFromUrl, uniqueName } from '../conformance/engines'
import type { Fixture, SafetyHarness } from './types'

const url = process.env.PG_URL

async function setup(): Promise<Fixture> {
  const schema = uniqueName('ws')
  // the server runs as another user: the scratch folder must be writable by it for a slipped-through COPY TO to show
  const dir = mkdtempSync(join(tmpdir(), 'qg-ws-pg-'))
  chmodSync(dir, 0o777)
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const victim = new pg.Client({ connectionString: url, application_name: `${schema}_victim` })
  await victim.connect()
  const victimPid = (await victim.query('select pg_backend_pid() as pid')).rows[0].pid as number
  const notifications: string[] = []
  admin.on('notification', (n) => notifications.push(`${n.channel}:${n.payload}`))
  await admin.query(`
    create schema ${schema};
    set search_path = ${schema};
    create table t (id int primary key, v text);
    insert into t values (1, 'a'), (2, 'b');
    create sequence s;
    create table audit (n int);
    create function purge() returns int language sql volatile as $$ delete from ${schema}.t returning 1 $$;
    create function purge_pair(a int, b int) returns boolean language sql volatile as $$ delete from ${schema}.t returning true $$;
    create operator === (leftarg = int, rightarg = int, function = purge_pair);
    create view v_purge as select purge() as n;
    create view v_on_v as select * from v_purge;
    create view v_op as select * from t where 1 === id;
    create function wipe_step(a int, b int) returns int language sql volatile as $$ delete from ${schema}.t returning a $$;
    create aggregate wipe_agg(int) (sfunc = wipe_step, stype = int);
    create table t_rls (id int);
    insert into t_rls values (1);
    alter table t_rls enable row level security;
    alter table t_rls force row level security;
    create policy p_read on t_rls for select using (purge() is not null);
    create function stamp() returns trigger language plpgsql as $$ begin insert into ${schema}.audit values (1); return new; end $$;
    create procedure p() language plpgsql as $$ begin insert into ${schema}.t values (900, 'p'); commit; end $$;
    create extension if not exists dblink schema ${schema};
    listen ${schema}_chan;
    reset search_path;
  `)
  const snapshot = async (): Promise<unknown> => {
    const q = async (sql: string, params: unknown[] = []): Promise<unknown[]> => (await admin.query({ text: sql, values: params, rowMode: 'array' })).rows
    return {
      relations: await q(`select relname, relkind from pg_class where relnamespace = $1::regnamespace order by 1`, [schema]),
      t: await q(`select * from ${schema}.t order by id`),
      audit: await q(`select count(*) from ${schema}.audit`),
      sequence: await q(`select last_value, is_called from ${schema}.s`),
      largeObjects: await q('select count(*) from pg_largeobject_metadata'),
      advisoryLocks: await q(`select count(*) from pg_locks where locktype = 'advisory'`),
      // locks left behind (a transaction still open), not those of a statement running right now: other suites read
      // the whole database at the same time (introspection, sampling) and hold AccessShareLocks while they do
      relationLocks: await q(
        `select l.mode from pg_locks l join pg_class c on c.oid = l.relation join pg_stat_activity a on a.pid = l.pid
         where c.relnamespace = $1::regnamespace and l.pid <> pg_backend_pid() and a.state is distinct from 'active' order by 1`,
        [schema]
      ),
      victimAlive: await q('select count(*) from pg_stat_activity where pid = $1', [victimPid]),
      roles: await q(`select rolname from pg_roles where rolname like 'qg\\_%' order by 1`),
      databases: await q(`select datname from pg_database where datname like 'qg\\_%' order by 1`),
      autoConf: await q(`select name, setting from pg_file_settings where sourcefile like '%postgresql.auto.conf' order by 1`),
      dbSettings: await q(`select setconfig from pg_db_role_setting order by 1`),
      files: readdirSync(dir).sort(),
      notifications: [...notifications]
    }
  }
  return {
    readOnly: paramsFromUrl(url!, { readOnly: true, defaultSchema: schema }),
    writable: paramsFromUrl(url!, { defaultSchema: schema }),
    vars: { schema, dir, file: join(dir, 'out.txt') },
    snapshot,
    async teardown() {
      await admin.query(`drop schema ${schema} cascade`).catch(() => undefined)
      await victim.end().catch(() => undefined)
      await admin.end().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const postgresHarness: SafetyHarness = {
  label: 'PostgreSQL',
  dialect: 'postgres',
  skipReason: url ? undefined : 'PG_URL is not set',
  setup,
  forms: [
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'MERGE', sql: "merge into t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm'" },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on conflict (id) do update set v = 'u'" },
    { name: 'CREATE TABLE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TEMP TABLE', sql: 'create temp table tt (a int)' },
    { name: 'ALTER TABLE', sql: 'alter table t add column z int' },
    { name: 'DROP TABLE', sql: 'drop table t' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'data-modifying CTE', sql: 'with gone as (delete from t returning *) select count(*) from gone' },
    { name: 'SELECT INTO', sql: 'select * into t_copy from t' },
    { name: 'write after a read in one script', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'setval', sql: "select setval('s', 500)" },
    { name: 'nextval', sql: "select nextval('s')" },
    { name: 'volatile function that deletes', sql: 'select purge()' },
    { name: 'volatile function in WHERE', sql: 'select * from t where purge() > 0' },
    { name: 'CALL procedure that commits', sql: 'call p()' },
    { name: 'lo_import', sql: "select lo_import('/etc/hostname')" },
    { name: 'lo_create', sql: 'select lo_create(0)' },
    { name: 'lo_export', sql: "select lo_export(0, '{file}')" },
    { name: 'set_config switch to read-write', sql: "select set_config('default_transaction_read_only', 'off', false); insert into t values (105, 'f')" },
    { name: 'SET read-write then write', sql: "set default_transaction_read_only = off; insert into t values (102, 'c')" },
    { name: 'SET SESSION CHARACTERISTICS read write', sql: "set session characteristics as transaction read write; insert into t values (104, 'e')" },
    { name: 'BEGIN READ WRITE', sql: "begin read write; insert into t values (103, 'd'); commit" },
    { name: 'SET TRANSACTION READ WRITE', sql: "begin; set transaction read write; insert into t values (107, 'h'); commit" },
    { name: 'DO block with dynamic switch and COMMIT', sql: "do $$ begin execute 'set default_' || 'transaction_read_only = off'; commit; insert into t values (106, 'g'); end $$" },
    { name: 'DO body as a plain quoted string', sql: "do 'begin perform set_config(''default_transaction_read_only'', ''off'', false); commit; insert into t values (108, ''i''); end'" },
    { name: 'dblink running an INSERT', sql: "select * from dblink('dbname=' || current_database(), 'insert into {schema}.t values (109, ''j'') returning 1') as x(n int)" },
    { name: 'dblink_exec', sql: "select dblink_exec('dbname=' || current_database(), 'delete from {schema}.t')" },
    { name: 'COPY TO PROGRAM', sql: "copy t to program 'touch {file}'" },
    { name: 'COPY TO file', sql: "copy t to '{file}'" },
    { name: 'COPY FROM file', sql: "copy t from '/dev/null'" },
    { name: 'pg_read_file', sql: "select pg_read_file('/etc/hostname')" },
    { name: 'pg_terminate_backend', sql: "select pg_terminate_backend(pid) from pg_stat_activity where application_name = '{schema}_victim'" },
    { name: 'LOCK TABLE ACCESS EXCLUSIVE', sql: 'begin; lock table t in access exclusive mode' },
    { name: 'SELECT FOR UPDATE', sql: 'begin; select * from t for update' },
    { name: 'advisory lock', sql: 'select pg_advisory_lock(42)' },
    { name: 'advisory transaction lock', sql: 'begin; select pg_advisory_xact_lock(43)' },
    { name: 'NOTIFY', sql: "notify {schema}_chan, 'x'" },
    { name: 'pg_notify', sql: "select pg_notify('{schema}_chan', 'y')" },
    { name: 'VACUUM', sql: 'vacuum t' },
    { name: 'ANALYZE', sql: 'analyze t' },
    { name: 'CREATE ROLE', sql: 'create role qg_intruder' },
    { name: 'ALTER SYSTEM', sql: "alter system set work_mem = '77MB'" },
    { name: 'ALTER DATABASE SET', sql: 'alter database test set default_transaction_read_only = off' },
    { name: 'GRANT', sql: 'grant all on t to public' },
    { name: 'COMMENT ON', sql: "comment on table t is 'x'" },
    { name: 'REFRESH / REINDEX', sql: 'reindex table t' },
    { name: 'PREPARE then EXECUTE a write', sql: "prepare w as insert into t values (110, 'k'); execute w" },
    { name: 'EXPLAIN ANALYZE of a DELETE', sql: 'explain analyze delete from t' },
    { name: 'write in a comment-disguised script', sql: "select 1 /* ; */; delete from t -- ;" },
    { name: 'SET ROLE', sql: 'set role postgres; insert into t values (111, \'l\')' },
    { name: 'trigger-firing insert via function in VALUES', sql: 'values (purge())' },
    { name: 'volatile function in a CTE', sql: 'with x as (select purge()) select * from x' },
    { name: 'volatile function in LATERAL', sql: 'select * from t, lateral purge() p' },
    { name: 'schema-qualified volatile function', sql: 'select {schema}.purge()' },
    { name: 'operator backed by a volatile function', sql: 'select 1 === 2' },
    { name: 'query_to_xml running a DELETE', sql: "select query_to_xml('delete from {schema}.t returning 1', true, true, '')" },
    { name: 'SELECT INTO in a UNION arm', sql: 'select * into t_copy2 from t union select * from t' },
    { name: 'FOR SHARE in a subquery', sql: 'begin; select * from t where id in (select id from t for share)' },
    { name: 'CREATE TABLE AS', sql: 'create table t_ctas as select * from t' },
    { name: 'COPY of a DELETE to STDOUT', sql: 'copy (delete from t returning *) to stdout' },
    { name: 'session_replication_role then write', sql: "set session_replication_role = replica; insert into t values (112, 'm')" },
    { name: 'RESET ALL then write', sql: "reset all; insert into t values (113, 'n')" },
    { name: 'view calling a volatile function', sql: 'select * from v_purge' },
    { name: 'view on a view calling a volatile function', sql: 'select count(*) from v_on_v' },
    { name: 'view on a view joined in a subquery', sql: 'select * from t where id in (select t2.id from t t2 join v_on_v on true)' },
    { name: 'schema-qualified view calling a volatile function', sql: 'select * from {schema}.v_purge' },
    { name: 'view using an operator backed by a volatile function', sql: 'select * from v_op' },
    { name: 'aggregate with a volatile transition function', sql: 'select wipe_agg(id) from t' },
    { name: 'table with a row-level security policy calling a volatile function', sql: 'select * from t_rls' }
  ]
}
