import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import { paramsFromUrl, uniqueName } from '../conformance/engines'
import type { Fixture, SafetyHarness } from './types'

const url = process.env.MYSQL_URL

/**
 * The server writes OUTFILE/DUMPFILE where secure_file_priv allows: a scratch folder of ours when it is unset (same
 * host), otherwise that folder, where only files named after the fixture count.
 */
async function scratchFolder(admin: mysql.Connection, schema: string): Promise<{ dir: string; file: string; ours: boolean }> {
  const [[row]] = (await admin.query('select @@secure_file_priv as p')) as unknown as [{ p: string | null }[]]
  if (row?.p) return { dir: row.p, file: join(row.p, `${schema}.out`), ours: false }
  const dir = mkdtempSync(join(tmpdir(), 'qg-ws-mysql-'))
  chmodSync(dir, 0o777) // the server runs as its own user
  return { dir, file: join(dir, 'out.txt'), ours: true }
}

async function setup(): Promise<Fixture> {
  const schema = uniqueName('ws')
  const base = paramsFromUrl(url!)
  const connect = (extra: mysql.ConnectionOptions = {}): Promise<mysql.Connection> =>
    mysql.createConnection({ host: base.host, port: base.port, user: base.user, password: base.password ?? '', multipleStatements: true, ...extra })
  const admin = await connect()
  const scratch = await scratchFolder(admin, schema)
  const victimPassword = `v${Math.random().toString(36).slice(2)}`
  const appPassword = `a${Math.random().toString(36).slice(2)}`
  const [[globalsBefore]] = (await admin.query(
    `select @@global.max_connections as mc, @@global.read_only as ro, (select count(*) from information_schema.plugins where plugin_name = 'METADATA_LOCK_INFO') as mli`
  )) as unknown as [{ mc: number; ro: number; mli: number }[]]
  await admin.query(`
    create database ${schema};
    use ${schema};
    create table t (id int primary key, v varchar(20)) engine=InnoDB;
    insert into t values (1, 'a'), (2, 'b');
    create table audit (n int) engine=InnoDB;
    insert into audit values (1), (2);
    create sequence s nocache;
    create procedure p() modifies sql data insert into t values (900, 'p');
    create function wipe() returns int deterministic modifies sql data begin delete from audit; return 1; end;
    create function \`count\`(x int) returns int modifies sql data begin delete from audit; return 1; end;
    create function \`9wipe\`() returns int modifies sql data begin delete from audit; return 1; end;
    create view v_wipe as select wipe() as w;
    create user '${schema}'@'%' identified by '${victimPassword}';
    grant select on ${schema}.* to '${schema}'@'%';
    create user '${schema}_app'@'%' identified by '${appPassword}';
    grant all privileges on *.* to '${schema}_app'@'%' with grant option;
    revoke shutdown on *.* from '${schema}_app'@'%';
  `)
  // rows for LOAD XML; where the server's folder is not ours to write, that form only checks the analyser
  try {
    writeFileSync(join(scratch.dir, `${schema}.xml`), '<resultset><row><field name="id">302</field><field name="v">xml</field></row></resultset>')
  } catch {
    /* not writable from here */
  }
  const victim = await connect({ user: schema, password: victimPassword, multipleStatements: false })
  // a lock that slipped through must show in the snapshot, not hang it
  await admin.query('set session lock_wait_timeout = 2, innodb_lock_wait_timeout = 1')
  const q = async (sql: string, values: unknown[] = []): Promise<unknown[]> => ((await admin.query({ sql, values, rowsAsArray: true })) as unknown as [unknown[]])[0]
  const lockOnT = async (): Promise<string> => {
    try {
      await admin.query('start transaction')
      await q(`select id from ${schema}.t for update nowait`)
      return 'free'
    } catch (e) {
      return `locked: ${(e as { code?: string }).code}`
    } finally {
      await admin.query('rollback')
    }
  }
  const rowsOfEveryTable = async (): Promise<Record<string, unknown[]>> => {
    const tables = (await q(`select table_name from information_schema.tables where table_schema = ? and table_type <> 'VIEW' order by 1`, [schema])) as string[][]
    const out: Record<string, unknown[]> = {}
    for (const [name] of tables) out[name!] = await q(`select * from ${schema}.\`${name}\` order by 1`).catch((e: { code?: string }) => [`blocked: ${e.code}`])
    return out
  }
  const snapshot = async (): Promise<unknown> => ({
    rows: await rowsOfEveryTable(),
    tables: await q(`select table_name, table_type, engine from information_schema.tables where table_schema = ? order by 1`, [schema]),
    columns: await q(`select table_name, column_name from information_schema.columns where table_schema = ? order by 1, 2`, [schema]),
    routines: await q(`select routine_name, routine_type, last_altered from information_schema.routines where routine_schema = ? order by 1, 2`, [schema]),
    triggersAndEvents: await q(`select (select count(*) from information_schema.triggers where trigger_schema = ?), (select count(*) from information_schema.events where event_schema = ?)`, [schema, schema]),
    databases: await q(`select schema_name from information_schema.schemata where schema_name like ? order by 1`, [`${schema}%`]),
    accounts: await q(`select user, host, priv from mysql.global_priv where user like ? order by 1, 2`, [`${schema}%`]),
    grants: await q(`select * from mysql.db where user like ? order by host, db, user`, [`${schema}%`]),
    tableGrants: await q(`select count(*) from mysql.tables_priv where user like ?`, [`${schema}%`]),
    globals: await q('select @@global.max_connections, @@global.read_only, @@global.sql_mode, @@global.event_scheduler, @@global.general_log, @@global.tx_read_only, @@global.local_infile'),
    plugins: await q(`select plugin_name, plugin_status from information_schema.plugins order by 1`),
    replication: ((await admin.query('show all slaves status')) as unknown as [unknown[]])[0].length,
    namedLock: await q('select is_used_lock(?)', [schema]),
    rowLock: await lockOnT(),
    openTables: await q(`show open tables from ${schema} where in_use > 0`),
    victimAlive: await q('select count(*) from information_schema.processlist where user = ?', [schema]),
    files: existsSync(scratch.dir) ? readdirSync(scratch.dir).filter((f) => scratch.ours || f.startsWith(schema)).sort() : 'scratch folder not visible'
  })
  // the forms run as an account with every privilege but SHUTDOWN: a regression must never stop a shared server
  const asApp = { database: schema, user: `${schema}_app`, password: appPassword }
  return {
    readOnly: { ...paramsFromUrl(url!, { readOnly: true }), ...asApp },
    writable: { ...paramsFromUrl(url!), ...asApp },
    vars: { schema, dir: scratch.dir, file: scratch.file },
    snapshot,
    async teardown() {
      // put back what a slipped-through form could have changed for everyone else on this server
      await admin.query(`set global max_connections = ${Number(globalsBefore!.mc)}, global read_only = ${Number(globalsBefore!.ro)}`).catch(() => undefined)
      await admin.query(`stop slave '${schema}'; reset slave '${schema}' all`).catch(() => undefined)
      if (Number(globalsBefore!.mli) === 0) await admin.query(`uninstall soname 'metadata_lock_info'`).catch(() => undefined)
      await admin.query(`drop database if exists ${schema}; drop database if exists ${schema}_x`).catch(() => undefined)
      for (const host of ['%', 'localhost']) {
        await admin.query(`drop user if exists '${schema}'@'${host}', '${schema}_u'@'${host}', '${schema}_app'@'${host}'`).catch(() => undefined)
      }
      await victim.end().catch(() => undefined)
      await admin.end().catch(() => undefined)
      if (scratch.ours) rmSync(scratch.dir, { recursive: true, force: true })
      else for (const f of [scratch.file, join(scratch.dir, `${schema}.xml`)]) rmSync(f, { force: true })
    }
  }
}

export const mysqlHarness: SafetyHarness = {
  label: 'MySQL/MariaDB',
  dialect: 'mysql',
  skipReason: url ? undefined : 'MYSQL_URL is not set',
  setup,
  forms: [
    // plain data changes
    { name: 'INSERT', sql: "insert into t values (100, 'x')" },
    { name: 'REPLACE', sql: "replace into t values (1, 'r')" },
    { name: 'UPDATE', sql: "update t set v = 'y'" },
    { name: 'DELETE', sql: 'delete from t' },
    { name: 'multi-table UPDATE', sql: "update t join audit on t.id = audit.n set t.v = 'm', audit.n = 9" },
    { name: 'multi-table DELETE', sql: 'delete t, audit from t join audit on t.id = audit.n' },
    { name: 'INSERT … SELECT', sql: 'insert into audit select id from t' },
    { name: 'UPSERT', sql: "insert into t values (1, 'a') on duplicate key update v = 'u'" },
    { name: 'write after a read in one script', sql: "select 1; insert into t values (101, 'b')" },
    { name: 'LOAD DATA INFILE', sql: "load data infile '/etc/hostname' into table t (@line) set id = 300, v = left(@line, 20)" },
    { name: 'LOAD DATA LOCAL INFILE', sql: "load data local infile '/etc/hostname' into table t (@line) set id = 301, v = left(@line, 20)" },
    { name: 'LOAD XML', sql: "load xml infile '{dir}/{schema}.xml' into table t" },
    { name: 'HANDLER', sql: 'handler t open' },
    // stored code and dynamic SQL
    { name: 'CALL procedure that inserts', sql: 'call p()' },
    { name: 'PREPARE then EXECUTE a write', sql: "prepare w from 'insert into t values (110, ''k'')'; execute w" },
    { name: 'EXECUTE IMMEDIATE', sql: "execute immediate 'delete from t'" },
    { name: 'DO stored function', sql: 'do wipe()' },
    { name: 'stored function in SELECT', sql: 'select wipe()' },
    { name: 'stored function after a SELECT modifier', sql: 'select high_priority wipe()' },
    { name: 'stored function in WHERE (EXPLAIN evaluates deterministic calls)', sql: 'select * from t where id = wipe()' },
    { name: 'view over a stored function', sql: 'select * from v_wipe' },
    { name: 'schema-qualified stored function', sql: 'select {schema}.wipe()' },
    { name: 'backquoted stored function', sql: 'select `wipe`()' },
    // mysql2 connects with IGNORE_SPACE; without it `count (` resolves to a stored function
    { name: 'stored function named like a built-in, called with a space', sql: "set sql_mode = ''; select count (id) from t" },
    { name: 'stored function whose name starts with a digit', sql: 'select 9wipe()' },
    { name: 'stored function behind -- without a space', sql: 'select 1 --wipe()' },
    { name: 'stored function hidden by NO_BACKSLASH_ESCAPES', sql: "set sql_mode = 'NO_BACKSLASH_ESCAPES'; select 'a\\' , wipe(), ''" },
    { name: 'stored function as an ANSI_QUOTES name', sql: 'set sql_mode = \'ANSI_QUOTES\'; select "wipe"()' },
    { name: 'stored function as an MSSQL [name]', sql: "set sql_mode = 'MSSQL'; select [wipe]()" },
    { name: 'stored function in SET @var', sql: 'set @x = wipe()' },
    { name: 'stored function in SHOW … WHERE', sql: 'show tables where wipe() > 0' },
    { name: 'stored function in VALUES', sql: 'values (wipe())' },
    // executable comments and compound statements
    { name: '/*!CALL */', sql: '/*!CALL p() */' },
    { name: '/*M!100000 CALL */', sql: '/*M!100000 CALL p() */' },
    // MariaDB skips /*!50700…99999 (MySQL 5.7+ only) but runs lower versions
    { name: 'versioned executable comment hiding a DELETE', sql: '/*!50100 delete from t */' },
    { name: 'MySQL 5.7 executable comment hiding a DELETE', sql: '/*!50700 delete from t */' },
    { name: 'versioned executable comment hiding a call', sql: 'select 1 /*M!100000 , wipe() */' },
    { name: 'compound statement in an executable comment', sql: "/*!BEGIN NOT ATOMIC INSERT INTO t VALUES (120, 'c'); END */" },
    {
      name: 'compound statement lifting read-only with EXECUTE IMMEDIATE',
      sql: "DELIMITER //\nBEGIN NOT ATOMIC EXECUTE IMMEDIATE CONCAT('SET SESSION TRANSACTION READ', ' WRITE'); INSERT INTO t VALUES (121, 'd'); END //\nDELIMITER ;"
    },
    { name: 'SET STATEMENT tx_read_only=0 FOR INSERT', sql: "SET STATEMENT /*!tx_read_only*/=0 FOR INSERT INTO t VALUES (122, 'e')" },
    // lifting read-only
    { name: 'SET SESSION TRANSACTION READ WRITE then write', sql: "set session transaction read write; insert into t values (102, 'c')" },
    { name: 'SET TRANSACTION READ WRITE then write', sql: "set transaction read write; insert into t values (103, 'd')" },
    { name: 'tx_read_only = 0 then write', sql: "set session tx_read_only = 0; insert into t values (104, 'e')" },
    { name: 'transaction_read_only = 0 then write', sql: "set session transaction_read_only = 0; insert into t values (105, 'f')" },
    { name: 'START TRANSACTION READ WRITE', sql: "start transaction read write; insert into t values (106, 'g'); commit" },
    { name: 'XA transaction', sql: "xa start 'qg'; insert into t values (107, 'h'); xa end 'qg'; xa commit 'qg' one phase" },
    // files on the server's host
    { name: 'SELECT INTO OUTFILE', sql: "select * from t into outfile '{file}'" },
    { name: 'SELECT INTO DUMPFILE', sql: "select v from t limit 1 into dumpfile '{file}'" },
    { name: 'LOAD_FILE', sql: "select load_file('/etc/hostname')" },
    // locks and sequences
    { name: 'SELECT FOR UPDATE', sql: 'begin; select * from t for update' },
    { name: 'LOCK IN SHARE MODE', sql: 'begin; select * from t lock in share mode' },
    { name: 'GET_LOCK', sql: "select get_lock('{schema}', 0)" },
    { name: 'SLEEP holding row locks', sql: 'begin; select sleep(0.2) from t for update' },
    { name: 'LOCK TABLES', sql: 'lock tables t write' },
    { name: 'FLUSH TABLES WITH READ LOCK', sql: 'flush tables with read lock' },
    { name: 'NEXTVAL', sql: 'select nextval(s)' },
    { name: 'NEXT VALUE FOR', sql: 'select next value for s' },
    { name: 'sequence in WHERE (EXPLAIN evaluates it)', sql: 'select * from t where id = nextval(s)' },
    // schema, accounts, server
    { name: 'CREATE TABLE', sql: 'create table t2 (a int)' },
    { name: 'CREATE TEMPORARY TABLE', sql: 'create temporary table tt (a int)' },
    { name: 'CREATE DATABASE', sql: 'create database {schema}_x' },
    { name: 'CREATE VIEW', sql: 'create view v2 as select 1' },
    { name: 'CREATE EVENT', sql: 'create event e on schedule every 1 day do delete from t' },
    { name: 'ALTER TABLE', sql: 'alter table t add column z int' },
    { name: 'DROP TABLE', sql: 'drop table t' },
    { name: 'RENAME TABLE', sql: 'rename table t to t9' },
    { name: 'TRUNCATE', sql: 'truncate t' },
    { name: 'GRANT', sql: "grant all on {schema}.* to '{schema}'@'%'" },
    { name: 'REVOKE', sql: "revoke select on {schema}.* from '{schema}'@'%'" },
    { name: 'CREATE USER', sql: "create user '{schema}_u'@'%'" },
    { name: 'SET PASSWORD', sql: "set password for '{schema}'@'%' = password('changed')" },
    { name: 'OPTIMIZE TABLE', sql: 'optimize table t' },
    { name: 'ANALYZE TABLE', sql: 'analyze table t' },
    { name: 'REPAIR TABLE', sql: 'repair table t' },
    { name: 'MariaDB ANALYZE runs a DELETE', sql: 'analyze delete from t' },
    { name: 'INSTALL SONAME', sql: "install soname 'metadata_lock_info'" },
    { name: 'SET GLOBAL', sql: 'set global max_connections = 77' },
    { name: 'SET @@global', sql: 'set @@global.read_only = 1' },
    { name: 'SET GLOBAL in an executable comment', sql: 'set /*!50000 global */ max_connections = 78' },
    { name: 'KILL the victim session', sql: "kill user '{schema}'" },
    { name: 'BINLOG', sql: "binlog 'AAAA'" },
    { name: 'PURGE BINARY LOGS', sql: 'purge binary logs before now()' },
    { name: 'RESET', sql: 'reset query cache' },
    { name: 'CHANGE MASTER', sql: "change master '{schema}' to master_host = '127.0.0.9'" },
    { name: 'SHUTDOWN', sql: 'shutdown' }
  ]
}
