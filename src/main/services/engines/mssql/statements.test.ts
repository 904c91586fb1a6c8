import { describe, expect, it } from 'vitest'
import { analyseSql, allowedReadOnly } from '../../statements'
import type { StatementKind } from '../../statements/types'
import { classifyMssql } from './statements'

type Case = [sql: string, kind: StatementKind, readOnlySafe?: boolean]

const reads: Case[] = [
  ['select * from t', 'read'],
  ['SELECT TOP (10) id, v FROM dbo.t WITH (NOLOCK) WHERE v LIKE N\'a%\' ORDER BY id', 'read'],
  ['select * from dbo.t (nolock) join t2 (readpast) on t.id = t2.id', 'read'],
  ["select N'insert into t values (1); exec xp_cmdshell ''x''' as s", 'read'],
  ['select [delete], [insert] from [dbo].[t] as [update]', 'read'],
  ['select 1 -- ; delete from t', 'read'],
  ['select 1 /* exec sp_who */', 'read'],
  ['with x as (select 1 as a) select a from x', 'read'],
  ['with x(a, b) as (select 1, 2), y as (select 3 as c) select * from x, y', 'read'],
  [';with x as (select 1 as a) select a from x', 'read'],
  ['select count(*), sum(id), string_agg(v, \',\') within group (order by v) from t group by v having count(*) > 1', 'read'],
  ['select row_number() over (partition by v order by id) from t', 'read'],
  ['select cast(id as nvarchar(10)), convert(varchar(20), getdate(), 120), isnull(v, \'-\'), iif(id > 1, 1, 0) from t where id in (1, 2) and exists (select 1)', 'read'],
  ["select json_value(doc, '$.a'), x.value('(/r/@a)[1]', 'int'), geo.STArea(), node.GetAncestor(1) from docs", 'read'],
  ["select * from openjson(@j) with (a int '$.a')", 'read'],
  ["select value from string_split('a,b', ',')", 'read'],
  ['select * from sys.dm_exec_sessions cross apply sys.dm_exec_sql_text(most_recent_sql_handle)', 'read'],
  ['select geography::Point(47.6, -122.3, 4326)', 'read'],
  ['select * from (values (1), (2)) as v(a)', 'read'],
  ['select a from t union all select b from u except select c from w', 'read'],
  ['declare @x int = 1; select @x', 'read'],
  ['DECLARE @t TABLE (a int); SELECT * FROM @t', 'read'],
  ['declare @n int; set @n = (select count(*) from t); print @n', 'read'],
  ['declare c cursor for select id from t; open c; fetch next from c into @id; close c; deallocate c', 'read'],
  ["if exists (select 1 from t) begin select 1 end else begin print 'none' end", 'read'],
  ["begin try select 1/0 end try begin catch select error_message() end catch", 'read'],
  ["raiserror('careful', 10, 1) with nowait", 'read'],
  ["throw 50000, 'stop', 1", 'read'],
  ['print N\'ü\'', 'read'],
  ['select object_id(N\'dbo.t\'), db_name(), @@rowcount, scope_identity()', 'read'],
  ['select * from t for xml path(\'row\'), root(\'rows\')', 'read'],
  ['select * from t for json auto', 'read'],
  ['select 0xADD, 0xDE1E7E', 'read'],
  ['with log as (select 1 as a) select * from log', 'read'],
  ['select t.enable, output from t', 'read'],
  ['select * from t order by a, len(v)', 'read'],
  ["select * from sys.objects cross apply fn_my_permissions(null, 'database')", 'read'],
  ['/* only a comment */', 'read', true]
]

const sessionAndTransactions: Case[] = [
  ['set nocount on', 'session', true],
  ['SET STATISTICS IO, TIME ON', 'session', true],
  ['set ansi_nulls, quoted_identifier on', 'session', true],
  ['set transaction isolation level read uncommitted; select * from t', 'session', true],
  ['set showplan_text on', 'session', true],
  ["set language N'us_english'", 'session', true],
  ['set rowcount 10; select * from t', 'session', true],
  ['set lock_timeout 1000', 'session', true],
  ['begin tran; select 1; commit', 'transaction', true],
  ['begin transaction', 'transaction', true],
  ['commit transaction', 'transaction', true],
  ['rollback', 'transaction', true],
  ['save tran s1', 'transaction', true],
  ['set context_info 0x1234', 'session', false],
  ['set identity_insert t on', 'session', false],
  ['set implicit_transactions on', 'session', false],
  ['set ansi_defaults on', 'session', false],
  ['set nocount, identity_insert t on', 'session', false],
  ['use master', 'session', false],
  ['use tempdb; select 1', 'session', false]
]

const changes: Case[] = [
  ["insert into t values (100, 'x')", 'write'],
  ["insert t values (100, N'x')", 'write'],
  ["update t set v = 'y'", 'write'],
  ['delete from t', 'write'],
  ['delete t where id = 1', 'write'],
  ["merge t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm';", 'write'],
  ['with x as (select * from t) delete from x', 'write'],
  ["select 1; insert into t values (101, 'b')", 'write'],
  ["select 1 insert into t values (101, 'b')", 'write'],
  ['select 1 /* ; */ -- x\ndelete from t', 'write'],
  ['delete from [t]', 'write'],
  ['delete [dbo].[t]', 'write'],
  ['select * into t_copy from t', 'write'],
  ['select * into #tmp from t', 'write'],
  ['delete from t output deleted.id into audit', 'write'],
  ["update t set v = 'o' output inserted.*", 'write'],
  ['select next value for s', 'write'],
  ["select 1 /* /* */ delete from t */", 'write'],
  ["receive top (1) * from q", 'write'],
  ["begin dialog @h from service a to service 'b'", 'write'],
  ['create table t2 (a int)', 'ddl'],
  ['create table #t (a int)', 'ddl'],
  ['create procedure p2 as select 1', 'ddl'],
  ['alter table t add z int', 'ddl'],
  ['drop table t', 'ddl'],
  ['truncate table t', 'ddl'],
  ['grant select on t to public', 'ddl'],
  ['deny select on t to public', 'ddl'],
  ['revoke select on t from public', 'ddl'],
  ["create login qg_intruder with password = 'Xx-12345678'", 'ddl'],
  ['alter database current set auto_close on', 'ddl'],
  ['disable trigger t_audit on t', 'ddl'],
  ['enable trigger all on database', 'ddl'],
  ['update statistics t', 'write'],
  ["exec('insert into t values (102, ''c'')')", 'admin'],
  ['execute p', 'admin'],
  ['exec p @a = 1', 'admin'],
  ['p', 'admin'],
  ['p 1, 2', 'admin'],
  ['[dbo].[p]', 'admin'],
  ['dbo.p', 'admin'],
  ["sp_executesql N'delete from t'", 'admin'],
  ["exec sp_executesql N'delete from t'", 'admin'],
  ["exec master..xp_cmdshell 'whoami'", 'admin'],
  ["select * from master.dbo.xp_msver()", 'admin'],
  ["sp_rename 't', 't9'", 'admin'],
  ["exec sp_configure 'show advanced options', 1; reconfigure", 'admin'],
  ['reconfigure with override', 'admin'],
  ["declare @q nvarchar(100) = N'delete from t'; exec (@q)", 'admin'],
  ["exec sp_getapplock @Resource = 'qg', @LockMode = 'Exclusive', @LockOwner = 'Session'", 'admin'],
  ["bulk insert t from 'C:\\x.csv'", 'admin'],
  ["select * from openrowset(bulk '/etc/hostname', single_clob) as x", 'admin'],
  ["select * from openquery(loopback, 'select 1')", 'admin'],
  ["select * from opendatasource('SQLNCLI', 'Data Source=x').db.dbo.t", 'admin'],
  ["waitfor delay '00:00:05'", 'admin'],
  ["select 1; waitfor time '23:59'", 'admin'],
  ["dbcc checkident ('ident', reseed, 100)", 'admin'],
  ['dbcc freeproccache', 'admin'],
  ["backup database d to disk = '/tmp/d.bak'", 'admin'],
  ["restore database d from disk = '/tmp/d.bak'", 'admin'],
  ['shutdown with nowait', 'admin'],
  ['kill 55', 'admin'],
  ['checkpoint', 'admin'],
  ["raiserror('x', 10, 1) with log", 'admin'],
  ["begin tran t with mark 'm'", 'admin'],
  ['begin distributed transaction', 'admin'],
  ["open symmetric key k decryption by password = 'x'", 'admin'],
  ["open master key decryption by password = 'x'", 'admin'],
  ['setuser', 'admin'],
  ['select * from t with (updlock)', 'admin'],
  ['select * from t with (tablockx, holdlock)', 'admin'],
  ['select * from t (xlock)', 'admin'],
  ["select * from sys.fn_get_audit_file('/var/opt/mssql/*', default, default)", 'admin'],
  ['select 1exec p', 'admin'],
  ['select 1eexec p', 'admin'],
  ['select 1\u00a0delete from t', 'write'],
  ['select t.\u00a0delete from t', 'write'],
  ['select dbo.f()', 'unknown'],
  ['select [dbo].[f](1) from t', 'unknown'],
  ['select * from dbo.tvf(1)', 'unknown'],
  ['select * from t cross apply tvf(t.id)', 'unknown'],
  ['select * from t, tvf(1)', 'unknown'],
  ['select x from linked.db.dbo.f()', 'unknown'],
  ['lbl: select 1', 'admin'],
  ['+ 1', 'unknown']
]

describe('mssql statement rules', () => {
  for (const [sql, kind, readOnlySafe] of [...reads, ...sessionAndTransactions, ...changes]) {
    it(`${kind}${readOnlySafe === undefined ? '' : readOnlySafe ? ' (read-only safe)' : ' (not read-only safe)'}: ${sql}`, () => {
      const verdict = classifyMssql(sql)
      expect(verdict.kind).toBe(kind)
      if (readOnlySafe !== undefined) expect(verdict.readOnlySafe ?? false).toBe(readOnlySafe)
      expect(verdict.reason).not.toBe('')
    })
  }

  it('judges each GO batch on its own, and a write in a later batch is found', async () => {
    const analysis = await analyseSql('mssql', "select 1\nGO\nset nocount on\ngo\ninsert into t values (1, 'x')\nGO")
    expect(analysis.statements.map((s) => s.kind)).toEqual(['read', 'session', 'write'])
    expect(analysis.statements.map(allowedReadOnly)).toEqual([true, true, false])
  })

  it('keeps a batch whole: statements without GO are judged together', async () => {
    const analysis = await analyseSql('mssql', "select 1; delete from t")
    expect(analysis.statements).toHaveLength(1)
    expect(analysis.statements[0]!.kind).toBe('write')
  })
})
