import { describe, expect, it } from 'vitest'
import { analyseWith } from '../../statements/analyse'
import { allowedReadOnly } from '../../statements/policy'
import { duckdbStatements } from './statements'

const verdict = (sql: string) => duckdbStatements.classify(sql, {})
const kinds = async (sql: string) => (await analyseWith(duckdbStatements, 'duckdb', sql)).statements.map((s) => s.kind)

describe('duckdb statement rules', () => {
  it('reads plain queries, DuckDB-style reads and reporting pragmas', () => {
    for (const sql of [
      'select * from t',
      'from t select v',
      'with x as (select 1) select * from x',
      'describe t',
      'show tables',
      'summarize t',
      'pivot t on v using count(*)',
      "pragma table_info('t')",
      'pragma show_tables',
      "call pragma_table_info('t')",
      'call duckdb_tables()',
      "select extract(year from date '2024-01-01'), trim('x' from 'xax')",
      'explain select 1'
    ]) {
      expect(verdict(sql).kind, sql).toBe('read')
    }
  })

  it('treats host files in table position as admin, not as reads', () => {
    for (const sql of ["select * from 'sales.csv'", 'select * from "data/x.parquet"', "select * from t, 'x.json'", "describe 'x.csv'", "select * from t join 'y.csv' using (id)", "summarize 'z.parquet'"]) {
      expect(verdict(sql), sql).toMatchObject({ kind: 'admin', reason: expect.stringMatching(/file on this computer/) })
    }
    for (const fn of ['read_csv', 'read_parquet', 'read_json_auto', 'read_text', 'read_blob', 'glob', 'query', 'getenv']) {
      expect(verdict(`select * from ${fn}('x')`).kind, fn).toBe('admin')
    }
  })

  it('classifies DuckDB administration: files, attachments, extensions, secrets, checkpoints', () => {
    for (const sql of [
      "copy t to 'x.csv'",
      "copy (select 1) to 'x.parquet' (format parquet)",
      "export database 'dir'",
      "import database 'dir'",
      "attach 'x.duckdb' as x",
      'detach x',
      'install httpfs',
      'force install httpfs',
      'load httpfs',
      'update extensions',
      "create secret (type s3, key_id 'k', secret 's')",
      "create or replace persistent secret s (type s3)",
      'drop secret s',
      'checkpoint',
      'force checkpoint',
      'call checkpoint()',
      'select * from force_checkpoint()',
      "select nextval('s')",
      'pragma threads = 4',
      'pragma enable_profiling',
      'vacuum',
      "call dbgen(sf = 1)"
    ]) {
      expect(verdict(sql).kind, sql).toBe('admin')
    }
  })

  it('lets a read-only session change only its own, harmless settings', () => {
    const safe = (sql: string) => allowedReadOnly({ text: sql, offset: 0, ...verdict(sql) })
    for (const sql of ["set search_path = 'main'", "set TimeZone = 'UTC'", "set session calendar = 'gregorian'", 'set variable x = 1', 'reset variable x', 'use main']) {
      expect(safe(sql), sql).toBe(true)
    }
    for (const sql of ['set threads = 1', 'set global search_path = main', "set default_order = 'desc'", "set memory_limit = '1GB'", 'set enable_external_access = false', 'begin', 'commit']) {
      expect(safe(sql), sql).toBe(false)
    }
  })

  it('finds writes hidden in reads, and distrusts escape strings it cannot lex as DuckDB does', async () => {
    expect(verdict('explain analyze delete from t').kind).toBe('write')
    expect(verdict('with x as (select 1) insert into t select * from x').kind).toBe('write')
    expect(verdict('explain analyze create table x as select 1').kind).toBe('write')
    expect(await kinds("select E'\\''; delete from t; --'")).toEqual(['unknown'])
    expect(verdict("select E'plain'").kind).toBe('read')
    expect(await kinds('select 1; insert into t values (1)')).toEqual(['read', 'write'])
  })
})
