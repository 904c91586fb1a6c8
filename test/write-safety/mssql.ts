import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mssql from 'mssql'
import type { ConnectParams } from '../../src/main/services/drivers/types'
import { paramsFromUrl, uniqueName } from '../conformance/engines'
import type { Fixture, SafetyHarness } from './types'

const url = process.env.MSSQL_URL

/** A plain mssql pool, apart from the driver under test, for seeding, snapshots and the victim session. */
async function openPool(params: ConnectParams, database: string | undefined, appName: string): Promise<mssql.ConnectionPool> {
  const pool = new mssql.ConnectionPool({
    server: params.host ?? '127.0.0.1',
    port: params.port,
    user: params.user,
    password: params.password ?? '',
    database,
    pool: { max: 1, min: 0 },
    options: { appName, encrypt: (params.ssl?.mode ?? 'disable') !== 'disable', trustServerCertificate: true }
  })
  await pool.connect()
  return pool
}

async function rows(pool: mssql.ConnectionPool, sql: string): Promise<unknown[][]> {
  const request = pool.request()
  request.arrayRowMode = true
  return ((await request.query(sql)).recordset ?? []) as unknown as unknown[][]
}

// CREATE TRIGGER / PROCEDURE / FUNCTION / VIEW must each open their own batch
const seedBatches = [
  `create table t (id int primary key, v nvarchar(20));
   insert into t values (1, N'a'), (2, N'b');
   create table audit (n int);
   create table ident (id int identity(1, 1) primary key, x int);
   insert into ident (x) values (1);
   create sequence s as int start with 1;`,
  'create trigger t_audit on t after insert as insert into audit select id from inserted',
  "create procedure p as insert into t values (900, N'p')",
  'create function dbo.f() returns int as begin return 1 end',
  'create view v as select id, v from t'
]

async function setup(): Promise<Fixture> {
  const server = paramsFromUrl(url!)
  const db = uniqueName('ws')
  const dir = mkdtempSync(join(tmpdir(), 'qg-ws-mssql-'))
  const admin = await openPool(server, undefined, 'qg-write-safety')
  await rows(admin, `create database [${db}]`)
  const seeder = await openPool(server, db, 'qg-write-safety')
  for (const batch of seedBatches) await rows(seeder, batch)
  await seeder.close()
  // a session the KILL form would end, found by its program name
  const victim = await openPool(server, db, `${db}_victim`)
  await rows(victim, 'select 1')

  const inDb = `[${db}]`
  const snapshot = async (): Promise<unknown> => {
    const q = (sql: string): Promise<unknown[][]> => rows(admin, sql)
    return {
      t: await q(`select id, v from ${inDb}.dbo.t order by id`),
      audit: await q(`select n from ${inDb}.dbo.audit order by n`),
      identity: await q(`select cast(last_value as bigint) from ${inDb}.sys.identity_columns where object_id = object_id('${inDb}.dbo.ident')`),
      sequence: await q(`select cast(current_value as bigint) from ${inDb}.sys.sequences where name = 's'`),
      objects: await q(`select name, type from ${inDb}.sys.objects where is_ms_shipped = 0 order by name`),
      columns: await q(`select name from ${inDb}.sys.columns where object_id = object_id('${inDb}.dbo.t') order by column_id`),
      triggers: await q(`select name, is_disabled from ${inDb}.sys.triggers order by name`),
      permissions: await q(`select count(*) from ${inDb}.sys.database_permissions where major_id = object_id('${inDb}.dbo.t')`),
      databases: await q(`select name, is_read_only, is_auto_close_on, recovery_model_desc, user_access_desc from sys.databases where left(name, ${db.length}) = '${db}' order by name`),
      logins: await q(`select name from sys.server_principals where name like 'qg[_]intruder%'`),
      configuration: await q(`select name, cast(value_in_use as int) from sys.configurations where name in ('show advanced options', 'xp_cmdshell', 'Ad Hoc Distributed Queries', 'clr enabled') order by name`),
      backups: await q(`select count(*) from msdb.dbo.backupset where database_name = '${db}'`),
      locks: await q(`select resource_type, request_mode, request_status from sys.dm_tran_locks where resource_database_id = db_id('${db}') and request_session_id <> @@spid and resource_type <> 'DATABASE' order by 1, 2, 3`),
      victimAlive: await q(`select count(*) from sys.dm_exec_sessions where program_name = '${db}_victim'`),
      contextInfo: await q(`select count(*) from sys.dm_exec_sessions where context_info = 0x5157`),
      globalTemp: await q(`select count(*) from tempdb.sys.objects where name = '##${db}_g'`),
      // meaningful when the server runs on this machine; elsewhere msdb's backup history above stands in for it
      files: readdirSync(dir).sort()
    }
  }

  return {
    readOnly: { ...paramsFromUrl(url!, { readOnly: true }), database: db },
    writable: { ...paramsFromUrl(url!), database: db },
    vars: { schema: db, dir, file: join(dir, 'out.bak') },
    snapshot,
    async teardown() {
      await victim.close().catch(() => undefined)
      await rows(admin, `if exists (select 1 from sys.server_principals where name = 'qg_intruder') drop login qg_intruder`).catch(() => undefined)
      for (const name of [`${db}_x`, db]) {
        await rows(admin, `if db_id('${name}') is not null begin alter database [${name}] set single_user with rollback immediate; drop database [${name}] end`).catch(() => undefined)
      }
      await admin.close().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const mssqlHarness: SafetyHarness = {
  label: 'SQL Server',
  dialect: 'mssql',
  skipReason: url ? undefined : 'MSSQL_URL is not set',
  setup,
  forms: [
    { name: 'INSERT (fires the audit trigger)', sql: "insert into t values (100, N'x')" },
    { name: 'INSERT without INTO', sql: "insert t values (101, N'x')" },
    { name: 'INSERT into an identity table', sql: 'insert into ident (x) values (2)' },
    { name: 'UPDATE', sql: "update t set v = N'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'MERGE', sql: "merge t using (select 1 as id) s on t.id = s.id when matched then update set v = N'm';" },
    { name: 'TRUNCATE TABLE', sql: 'truncate table audit' },
    { name: 'SELECT INTO', sql: 'select * into t_copy from t' },
    { name: 'SELECT INTO #temp', sql: 'select * into #qg_tmp from t' },
    { name: 'OUTPUT INTO', sql: 'delete from t output deleted.id into audit' },
    { name: 'UPDATE with OUTPUT', sql: "update t set v = N'o' output inserted.*" },
    { name: 'CTE then DELETE', sql: 'with x as (select * from t) delete from x' },
    { name: 'INSERT into a view', sql: "insert into v values (102, N'v')" },
    { name: 'write after a read in one batch', sql: "select 1; insert into t values (103, N'b')" },
    { name: 'write after a read without a semicolon', sql: "select 1 insert into t values (104, N'c')" },
    { name: 'write in a later GO batch', sql: "select 1\nGO\ninsert into t values (105, N'd')" },
    { name: 'write behind comments', sql: 'select 1 /* ; */ -- x\ndelete from t' },
    { name: 'bracketed names', sql: 'delete [dbo].[t]' },
    { name: 'NEXT VALUE FOR (not undone by rollback)', sql: 'select next value for s' },
    { name: 'EXEC dynamic SQL', sql: "exec('insert into t values (106, N''e'')')" },
    { name: 'EXEC of a variable', sql: "declare @q nvarchar(100) = N'delete from t'; exec (@q)" },
    { name: 'EXECUTE a procedure', sql: 'execute p' },
    { name: 'procedure call without EXEC', sql: 'p' },
    { name: 'bracketed procedure call without EXEC', sql: '[dbo].[p]' },
    { name: 'sp_executesql', sql: "exec sp_executesql N'delete from t'" },
    { name: 'sp_executesql without EXEC', sql: "sp_executesql N'delete from t'" },
    { name: 'sp_rename', sql: "exec sp_rename 'audit', 'audit2'" },
    { name: 'sp_getapplock held by the session', sql: "exec sp_getapplock @Resource = 'qg', @LockMode = 'Exclusive', @LockOwner = 'Session'" },
    { name: 'xp_cmdshell', sql: "exec master..xp_cmdshell 'echo x > {file}'" },
    { name: 'sp_configure then RECONFIGURE', sql: "exec sp_configure 'show advanced options', 1; reconfigure" },
    { name: 'RECONFIGURE', sql: 'reconfigure' },
    { name: 'OPENROWSET BULK', sql: "select * from openrowset(bulk '/etc/hostname', single_clob) as x" },
    { name: 'OPENQUERY', sql: "select * from openquery(loopback, 'insert into t values (107, ''f'')')" },
    { name: 'OPENDATASOURCE', sql: "select * from opendatasource('MSOLEDBSQL', 'Server=127.0.0.1;Trusted_Connection=yes').master.sys.objects" },
    { name: 'BULK INSERT', sql: "bulk insert t from '{file}'" },
    { name: 'WAITFOR DELAY', sql: "waitfor delay '00:00:02'" },
    { name: 'DBCC CHECKIDENT reseed', sql: "dbcc checkident ('ident', reseed, 100)" },
    { name: 'BACKUP DATABASE', sql: "backup database [{schema}] to disk = '{file}'" },
    { name: 'RESTORE DATABASE', sql: "restore database [{schema}] from disk = '{file}' with replace" },
    { name: 'KILL another session', sql: "declare @s int = (select top 1 session_id from sys.dm_exec_sessions where program_name = N'{schema}_victim'); declare @k nvarchar(30) = N'kill ' + cast(@s as nvarchar(10)); exec (@k)" },
    { name: 'CHECKPOINT', sql: 'checkpoint' },
    { name: 'CREATE TABLE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TABLE #temp', sql: 'create table #qg_t (a int)' },
    { name: 'CREATE global ##temp table', sql: 'create table ##{schema}_g (a int)' },
    { name: 'CREATE PROCEDURE', sql: 'create procedure p2 as select 1' },
    { name: 'ALTER TABLE', sql: 'alter table t add z int' },
    { name: 'DROP TABLE', sql: 'drop table audit' },
    { name: 'DISABLE TRIGGER', sql: 'disable trigger t_audit on t' },
    { name: 'GRANT', sql: 'grant select on t to public' },
    { name: 'CREATE LOGIN', sql: "create login qg_intruder with password = 'Qg-intruder-12345'" },
    { name: 'CREATE DATABASE', sql: 'create database [{schema}_x]' },
    { name: 'ALTER DATABASE SET', sql: 'alter database [{schema}] set auto_close on' },
    { name: 'UPDATE STATISTICS', sql: 'update statistics t' },
    { name: 'SET CONTEXT_INFO (seen by other sessions)', sql: 'set context_info 0x5157' },
    { name: 'SET IDENTITY_INSERT then INSERT', sql: 'set identity_insert ident on; insert into ident (id, x) values (50, 5)' },
    { name: 'USE another database then write', sql: 'use master; create table qg_ws_stray (a int)' },
    { name: 'EXECUTE AS then write', sql: "execute as user = 'dbo'; insert into t values (108, N'g')" },
    { name: 'user-defined function in a SELECT', sql: 'select dbo.f()' },
    { name: 'COMMIT inside, then write', sql: "commit; insert into t values (109, N'h')" },
    { name: 'BEGIN TRAN WITH MARK', sql: "begin tran m with mark 'qg'; commit" },
    { name: 'locking hints', sql: 'select * from t with (tablockx, holdlock)' },
    { name: 'RAISERROR WITH LOG', sql: "raiserror('qg write-safety', 10, 1) with log" },
    // last: if it ever slipped through, it stops the server
    { name: 'SHUTDOWN', sql: 'shutdown with nowait' }
  ]
}
