import { beforeAll, describe, expect, it } from 'vitest'
import { paramsFromUrl, uniqueName } from '../../../../../test/conformance/engines'
import type { DriverSession } from '../../drivers/types'
import { getDriver } from '..'
import type { StatementContext, StatementKind } from '../../statements/types'
import { postgresStatements } from './statements'

type Row = [sql: string, kind: StatementKind, readOnlySafe?: boolean]

beforeAll(() => postgresStatements.ready!())

const classify = (sql: string, context: StatementContext = {}): ReturnType<typeof postgresStatements.classify> => postgresStatements.classify(sql, context)

function expectRows(rows: Row[], context: StatementContext = {}): void {
  for (const [sql, kind, readOnlySafe] of rows) {
    const verdict = classify(sql, context)
    expect({ sql, kind: verdict.kind }, verdict.reason).toEqual({ sql, kind })
    if (readOnlySafe !== undefined) expect({ sql, readOnlySafe: verdict.readOnlySafe === true }).toEqual({ sql, readOnlySafe })
  }
}

describe('PostgreSQL statement rules', () => {
  it('keeps plain reads reads', () => {
    expectRows([
      ['select 1', 'read'],
      ['select a.id, b.v from t a join u b on a.id = b.id left join w on true where a.id > 1 order by 1 limit 5', 'read'],
      ['select id, row_number() over (partition by v order by id), sum(id) over w from t window w as (order by id)', 'read'],
      ['select now(), current_timestamp, count(*), lower(v), upper(v), coalesce(v, \'x\') from t group by v', 'read'],
      ['select * from generate_series(1, 10) g(n)', 'read'],
      ["select jsonb_build_object('a', 1) -> 'a', json_agg(t), to_jsonb(t) #>> '{v}' from t group by t", 'read'],
      ["select '{\"a\":1}'::jsonb @> '{}' and 'x' ~~ 'x%' and v is distinct from 'y' from t", 'read'],
      ['with x as (select * from t) select * from x where id in (select id from t where v like \'a%\')', 'read'],
      ['with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select * from r', 'read'],
      ['select 1 union select 2 except select 3', 'read'],
      ['SHOW work_mem', 'read'],
      ['show all', 'read'],
      ['EXPLAIN SELECT * FROM t', 'read'],
      ['explain analyze select * from t', 'read'],
      ['VALUES (1), (2)', 'read'],
      ['TABLE t', 'read'],
      ['select random(), gen_random_uuid(), clock_timestamp(), pg_catalog.random()', 'read'],
      ["select pg_total_relation_size('t'), pg_size_pretty(pg_database_size(current_database())), currval('s')", 'read'],
      ['select pg_sleep(30)', 'read'],
      ["select extract(year from now()), substring('abc' from 2), trim(' x '), position('b' in 'abc'), now() at time zone 'UTC'", 'read'],
      ['declare c cursor for select * from t', 'read'],
      ['fetch 10 from c', 'read'],
      ['-- only a comment', 'read']
    ])
  })

  it('sees data changes wherever they are', () => {
    expectRows([
      ["insert into t values (1, 'a')", 'write'],
      ["update t set v = 'b'", 'write'],
      ['delete from t', 'write'],
      ["merge into t using (select 1 as id) s on t.id = s.id when matched then update set v = 'm'", 'write'],
      ["insert into t values (1, 'a') on conflict (id) do update set v = 'u'", 'write'],
      ['WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone', 'write'],
      ['select * from (select 1) x where exists (with g as (update t set v = null returning 1) select * from g)', 'write'],
      ['explain analyze delete from t', 'write'],
      ['explain (analyze, buffers) update t set v = null', 'write'],
      ['explain delete from t', 'write'],
      ["prepare w as insert into t values (110, 'k')", 'write'],
      ['prepare r as select * from t', 'read'],
      ['execute w', 'unknown'],
      ['call p()', 'write'],
      ['do $$ begin delete from t; end $$', 'write'],
      ["do 'begin perform set_config(''default_transaction_read_only'', ''off'', false); end'", 'write'],
      ['refresh materialized view mv', 'write']
    ])
  })

  it('calls writing, volatile and unknown functions writes; host and lock functions admin', () => {
    expectRows([
      ["SELECT setval('s', 500)", 'write'],
      ["select nextval('s')", 'write'],
      ['select purge()', 'write'],
      ['select * from t where purge() > 0', 'write'],
      ['values (purge())', 'write'],
      ["select query_to_xml('delete from t', true, true, '')", 'write'],
      ['select myschema.random()', 'write'],
      ["select lo_import('/etc/hostname')", 'admin'],
      ['select lo_create(0)', 'admin'],
      ["select lo_export(0, '/tmp/x')", 'admin'],
      ["select set_config('default_transaction_read_only', 'off', false)", 'admin'],
      ['select pg_advisory_lock(42)', 'admin'],
      ['select pg_try_advisory_xact_lock(1)', 'admin'],
      ["select * from dblink('dbname=test', 'insert into t values (1) returning 1') as x(n int)", 'admin'],
      ["select dblink_exec('dbname=test', 'delete from t')", 'admin'],
      ["select pg_read_file('/etc/hostname')", 'admin'],
      ["select pg_ls_dir('.')", 'admin'],
      ['select pg_terminate_backend(pid) from pg_stat_activity', 'admin'],
      ["select pg_notify('c', 'x')", 'admin'],
      ['select pg_reload_conf()', 'admin'],
      ["select * from pg_create_physical_replication_slot('s')", 'admin'],
      ['select pg_catalog.lo_unlink(1)', 'admin'],
      ['select 1 === 2', 'write']
    ])
  })

  it('reads the catalog context: user functions by volatility, the most volatile overload deciding', () => {
    const context: StatementContext = { functionVolatility: new Map([['purge', 'v'], ['tidy', 's'], ['lower', 'v'], ['===', 'i'], ['set_config', 's']]) }
    expectRows(
      [
        ['select purge()', 'write'],
        ['select tidy(v) from t', 'read'],
        ['select lower(v) from t', 'write'],
        ['select upper(v) from t', 'read'],
        ['select 1 === 2', 'read'],
        ["select set_config('role', 'x', false)", 'admin'],
        ['select random()', 'read']
      ],
      context
    )
    expect(classify('select purge()', context).reason).toBe('purge() is a volatile function and may write')
  })

  it('flags reading a relation the catalog says runs a volatile function: views, views on views, row-level security', () => {
    const context: StatementContext = {
      writingRelations: new Map([
        ['ws.v_purge', 'view v_purge calls purge()'],
        ['v_purge', 'view v_purge calls purge()'],
        ['ws.v_on_v', 'view v_on_v calls purge() through v_purge'],
        ['v_on_v', 'view v_on_v calls purge() through v_purge'],
        ['ws.t_rls', 'table t_rls has a row-level security policy that calls purge()'],
        ['t_rls', 'table t_rls has a row-level security policy that calls purge()']
      ])
    }
    expectRows(
      [
        ['select * from v_purge', 'write'],
        ['select count(*) from v_on_v', 'write'],
        ['select * from t where id in (select t2.id from t t2 join v_on_v on true)', 'write'],
        ['select * from t left join lateral (select * from v_purge) x on true', 'write'],
        ['select * from t where exists (select 1 from ws.v_purge)', 'write'],
        ['with x as (select * from v_on_v) select * from x', 'write'],
        ['select 1 union all select n from v_purge', 'write'],
        ['table v_purge', 'write'],
        ['select * from only v_purge', 'write'],
        ['select * from pg_temp.v_purge', 'write'],
        ['select * from "V_PURGE"', 'write'],
        ['select * from t_rls', 'write'],
        ['explain select * from v_purge', 'write'],
        ['declare c cursor for select * from v_on_v', 'write'],
        ['prepare q as select * from v_purge', 'write'],
        ['select * from v_plain join t using (id)', 'read'],
        ['select * from other.v_purge', 'read'],
        ['select v_purge from t', 'read'],
        ["select 'v_purge'::regclass", 'read'],
        ['drop view v_purge', 'ddl'],
        ['create view v2 as select * from v_purge', 'ddl'],
        ['lock table v_purge', 'admin'],
        ['select * from v_purge for update', 'admin']
      ],
      context
    )
    expect(classify('select * from v_purge', context).reason).toBe('view v_purge calls purge(), which may write')
    expect(classify('select count(*) from ws.v_on_v', context).reason).toBe('view v_on_v calls purge() through v_purge, which may write')
    expect(classify('select * from t_rls', context).reason).toBe('table t_rls has a row-level security policy that calls purge(), which may write')
    expect(classify('delete from v_purge', context).reason).toBe('DELETE changes rows')
    // without the catalog nothing is known about a name, as before
    expect(classify('select * from v_purge').kind).toBe('read')
  })

  it('classifies DDL, admin and locking statements', () => {
    expectRows([
      ['SELECT * INTO new_table FROM t', 'ddl'],
      ['select * into t2 from t union select * from t', 'ddl'],
      ['create table t2 (a int)', 'ddl'],
      ['create temp table tt (a int)', 'ddl'],
      ['create table t3 as select * from t', 'ddl'],
      ['alter table t add column z int', 'ddl'],
      ['drop table t', 'ddl'],
      ['truncate t', 'ddl'],
      ["comment on table t is 'x'", 'ddl'],
      ['grant all on t to public', 'ddl'],
      ['revoke all on t from public', 'ddl'],
      ['alter table t rename to u', 'ddl'],
      ['create index on t (v)', 'ddl'],
      ['create view v as select 1', 'ddl'],
      ['create function f() returns int language sql as $$ select 1 $$', 'ddl'],
      ['alter database test set default_transaction_read_only = off', 'ddl'],
      ['create role qg_intruder', 'admin'],
      ['alter role postgres set work_mem = 1', 'admin'],
      ['select * from t for update', 'admin'],
      ['select * from t where id in (select id from t for share)', 'admin'],
      ['lock table t in access exclusive mode', 'admin'],
      ["copy t to program 'touch /tmp/x'", 'admin'],
      ["copy t to '/tmp/x'", 'admin'],
      ["copy t from '/dev/null'", 'admin'],
      ['copy (select 1) to stdout', 'admin'],
      ["notify chan, 'x'", 'admin'],
      ['listen chan', 'admin'],
      ['unlisten *', 'admin'],
      ['vacuum t', 'admin'],
      ['analyze t', 'admin'],
      ['cluster t using t_pkey', 'admin'],
      ['reindex table t', 'admin'],
      ['checkpoint', 'admin'],
      ["load 'plpgsql'", 'admin'],
      ["alter system set work_mem = '77MB'", 'admin'],
      ["prepare transaction 'x'", 'admin']
    ])
  })

  it('lets harmless session and transaction statements through a read-only connection, never ones that lift it', () => {
    expectRows([
      ['begin', 'transaction', true],
      ['start transaction isolation level serializable, read only', 'transaction', true],
      ['commit', 'transaction', true],
      ['end', 'transaction', true],
      ['rollback', 'transaction', true],
      ['savepoint a', 'transaction', true],
      ['release savepoint a', 'transaction', true],
      ['rollback to savepoint a', 'transaction', true],
      ['begin read write', 'transaction', false],
      ['start transaction read write', 'transaction', false],
      ['set constraints all deferred', 'transaction', true],
      ['set search_path = public', 'session', true],
      ["set time zone 'UTC'", 'session', true],
      ['set local statement_timeout = 1000', 'session', true],
      ["set work_mem = '64MB'", 'session', true],
      ['set datestyle to iso', 'session', true],
      ['set enable_seqscan = off', 'session', true],
      ['reset search_path', 'session', true],
      ['set transaction isolation level repeatable read', 'session', true],
      ['set transaction read only', 'session', true],
      ['set transaction read write', 'session', false],
      ['set session characteristics as transaction read write', 'session', false],
      ['set default_transaction_read_only = off', 'session', false],
      ['set transaction_read_only = off', 'session', false],
      ['set role postgres', 'session', false],
      ['reset role', 'session', false],
      ['set session authorization postgres', 'session', false],
      ['set session_replication_role = replica', 'session', false],
      ['set standard_conforming_strings = off', 'session', false],
      ['reset all', 'session', false],
      ['deallocate all', 'session', true],
      ['discard plans', 'session', true],
      ['discard all', 'session', false],
      ['close c', 'session', true]
    ])
  })

  it('takes the worst statement when one piece holds several', () => {
    expectRows([
      ['select 1; delete from t', 'write'],
      ['set search_path = public; begin read write', 'transaction', false],
      ['begin; set search_path = public', 'session', true]
    ])
  })

  it('never reads unparsable text as a read', () => {
    const verdict = classify('selec * from t')
    expect(verdict.kind).toBe('unknown')
    expect(verdict.reason).toContain('syntax error at or near "selec"')
    expectRows([
      ['select * from', 'unknown'],
      ["select 'unterminated", 'unknown']
    ])
  })

  it('gives reasons that read after "This connection is read-only: "', () => {
    expect(classify('delete from t').reason).toBe('DELETE changes rows')
    expect(classify('with g as (delete from t returning *) select * from g').reason).toBe('DELETE inside the query changes rows')
    expect(classify("copy t to '/tmp/x'").reason).toBe('COPY reaches files on the server')
    expect(classify('select purge()').reason).toBe('purge() is not a known read-only function and may write')
    expect(classify("select lo_import('/etc/hostname')").reason).toMatch(/^lo_import\(\) /)
    expect(classify('alter table t add column z int').reason).toBe('ALTER TABLE changes the schema')
    expect(classify('explain analyze delete from t').reason).toBe('EXPLAIN ANALYZE runs it, and DELETE changes rows')
    expect(classify('select * from t for update').reason).toBe('FOR UPDATE locks rows')
  })

  it('loads function and operator volatility, and the relations that may write when read, from the session', async () => {
    const asked: unknown[][] = []
    const session = {
      query: async (sql: string, params: unknown[] = []) => {
        asked.push(params)
        return sql.includes('pg_rewrite')
          ? {
              columns: [],
              rows: [
                ['ws', 'v_purge', 'v', 'purge', null, true],
                ['ws', 'V_On_V', 'v', 'purge', 'v_purge', true],
                ['ws', 't_rls', 'r', 'purge', null, true],
                ['other', 'v_purge', 'v', 'wipe', null, false],
                ['other', 'v_wipe', 'v', 'wipe', null, false],
                ['ws', 'odd', 'v', null, null, true]
              ]
            }
          : { columns: [], rows: [['purge', 'v'], ['lower', 'i'], ['===', 's'], ['odd', 'x'], ['agg', 'i'], ['agg', 'v'], ['agg', 's']] }
      }
    } as unknown as DriverSession
    const context = await postgresStatements.loadContext!(session)
    expect([...(context.functionVolatility ?? [])]).toEqual([['purge', 'v'], ['lower', 'i'], ['===', 's'], ['agg', 'v']])
    expect(Object.fromEntries(context.writingRelations ?? [])).toEqual({
      'ws.v_purge': 'view v_purge calls purge()',
      v_purge: 'view v_purge calls purge()',
      'ws.v_on_v': 'view V_On_V calls purge() through v_purge',
      v_on_v: 'view V_On_V calls purge() through v_purge',
      'ws.t_rls': 'table t_rls has a row-level security policy that calls purge()',
      t_rls: 'table t_rls has a row-level security policy that calls purge()',
      'other.v_purge': 'view other.v_purge calls wipe()',
      'other.v_wipe': 'view other.v_wipe calls wipe()',
      v_wipe: 'view other.v_wipe calls wipe()'
    })
    // the allow-list goes to the catalog query as a parameter
    expect(asked.some((params) => Array.isArray(params[0]) && (params[0] as string[]).includes('random'))).toBe(true)
  })

  it.skipIf(!process.env.PG_URL)('reads volatility from a live catalog through the session', async () => {
    const schema = uniqueName('stmt')
    const session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!, { defaultSchema: schema }))
    try {
      await session.query(`create schema ${schema}`)
      await session.query(`create function ${schema}.tidy(x int) returns int language sql stable as $$ select x $$`)
      await session.query(`create function ${schema}.purge() returns int language sql volatile as $$ select 1 $$`)
      const kinds = async (sql: string): Promise<string[]> => (await session.analyse(sql)).statements.map((s) => s.kind)
      expect(await kinds('select tidy(1), lower(\'A\'), now()')).toEqual(['read'])
      expect(await kinds('select purge()')).toEqual(['write'])
      expect((await session.analyse('select purge()')).statements[0]!.reason).toBe('purge() is a volatile function and may write')
    } finally {
      await session.query(`drop schema ${schema} cascade`).catch(() => undefined)
      await session.close()
    }
  })

  it.skipIf(!process.env.PG_URL)('reads from a live catalog which views and tables run a volatile function when read', async () => {
    const schema = uniqueName('stmt')
    const session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!, { defaultSchema: schema }))
    try {
      // the fixture is made (in the connection's default schema) before the first analyse, which loads the context once
      await session.query(`create schema ${schema}`)
      for (const sql of [
        'create table t (id int primary key, v text)',
        'create sequence s',
        'create function purge() returns int language sql volatile as $$ select 1 $$',
        'create function tidy(x int) returns int language sql stable as $$ select x $$',
        'create function purge_pair(a int, b int) returns boolean language sql volatile as $$ select true $$',
        'create operator === (leftarg = int, rightarg = int, function = purge_pair)',
        'create function step(a int, b int) returns int language sql volatile as $$ select a $$',
        'create aggregate wipe_agg(int) (sfunc = step, stype = int)',
        // writing: directly, through an operator, an aggregate, a built-in, a subquery, and on top of one another
        'create view v_purge as select purge() as n',
        'create view v_on_v as select * from v_purge',
        'create view v_on_v_on_v as select t.id from t join v_on_v on true',
        'create view v_op as select * from t where 1 === id',
        'create view v_agg as select wipe_agg(id) from t',
        "create view v_next as select nextval('s')",
        'create view v_sub as select * from t where exists (select 1 from (select purge()) x)',
        // row-level security: a policy for reads counts, one for updates does not
        'create table t_rls (id int)',
        'alter table t_rls enable row level security',
        'create policy p_read on t_rls for select using (purge() is not null)',
        'create view v_rls as select * from t_rls',
        'create table t_rls_update (id int)',
        'alter table t_rls_update enable row level security',
        'create policy p_update on t_rls_update for update using (purge() is not null)',
        // reads: allow-listed volatile built-ins, stable functions, a materialized view (reading it runs nothing)
        'create view v_plain as select * from t',
        'create view v_rand as select id, random() as r, gen_random_uuid() as u, clock_timestamp() as c, now() as n from t',
        'create view v_tidy as select tidy(id) from t',
        'create view v_on_plain as select * from v_plain join v_rand using (id)',
        'create materialized view mv as select purge() as n',
        'create view v_mv as select * from mv'
      ]) {
        await session.query(sql)
      }
      const verdict = async (sql: string): Promise<{ kind: string; reason: string }> => {
        const { kind, reason } = (await session.analyse(sql)).statements[0]!
        return { kind, reason }
      }
      for (const sql of [
        'select * from v_purge',
        'select count(*) from v_on_v',
        `select * from ${schema}.v_on_v_on_v`,
        'select * from t where id in (select t2.id from t t2 join v_on_v on true)',
        'select * from v_op',
        'select * from v_agg',
        'select wipe_agg(id) from t',
        'select * from v_next',
        'select * from v_sub',
        'select * from t_rls',
        'select * from v_rls'
      ]) {
        expect({ sql, kind: (await verdict(sql)).kind }).toEqual({ sql, kind: 'write' })
      }
      for (const sql of [
        'select * from t',
        'select * from v_plain',
        'select * from v_rand',
        'select * from v_tidy',
        'select * from v_on_plain',
        'select * from t_rls_update',
        'select * from mv',
        'select * from v_mv',
        'select * from pg_locks',
        'select * from pg_settings',
        'select * from pg_stat_activity',
        'select * from information_schema.tables'
      ]) {
        expect({ sql, kind: (await verdict(sql)).kind }).toEqual({ sql, kind: 'read' })
      }
      expect((await verdict('select * from v_purge')).reason).toBe('view v_purge calls purge(), which may write')
      expect((await verdict('select * from v_on_v')).reason).toBe('view v_on_v calls purge() through v_purge, which may write')
      expect((await verdict('select * from v_op')).reason).toBe('view v_op calls purge_pair(), which may write')
      expect((await verdict('select * from v_agg')).reason).toBe('view v_agg calls step(), which may write')
      expect((await verdict('select * from t_rls')).reason).toBe('table t_rls has a row-level security policy that calls purge(), which may write')
      expect((await verdict('select * from v_rls')).reason).toBe('view v_rls calls purge() through t_rls, which may write')
    } finally {
      await session.query(`drop schema ${schema} cascade`).catch(() => undefined)
      await session.close()
    }
  })
})
