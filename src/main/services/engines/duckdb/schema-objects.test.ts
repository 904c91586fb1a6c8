import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SchemaModel, type SchemaObjectRef } from '../../../../shared/schema-model'
import type { CatalogSession } from '../../schema/catalog-session'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { generateDdl, generateObjectDdl, getDriver, introspectorFor } from '../../engines'
import { finalizeModel } from '../../schema/normalize'

/**
 * Issue 12 for DuckDB: sequences with their parameters, enums, type aliases with their whole type, macros (kind 'macro',
 * overloads, typed parameters, table macros) with a definition, column collations and checks, each recreated from
 * generated DDL (generateObjectDdl, generateDdl) into an empty file with an equal model. And unreadable objects never
 * hide the rest.
 */
const fixture = `
create schema billing;
create sequence invoice_seq start with 1000 increment by 5 minvalue 1000 maxvalue 999999 cycle;
create sequence billing.plain_seq;
create type mood as enum ('sad', 'ok', 'it''s fine');
create type billing.amount as decimal(12, 2);
create type tag_list as varchar[];
create table people (
  id integer primary key default nextval('invoice_seq'),
  name varchar collate nocase not null,
  nick varchar collate nocase.noaccent,
  feeling mood,
  tags tag_list,
  score integer check (score between 0 and 100),
  constraint people_name_check check (length(name) > 0 and length(nick) < 40)
);
create table billing.invoices (id bigint primary key default nextval('billing.plain_seq'), total billing.amount, person_id integer);
create macro add_up(a, b) as a + b;
create macro typed_concat(a integer, b varchar) as a || b;
create macro pick(a) as a, (a, b) as a * b;
create macro billing.top_people(n) as table select name from people order by score desc limit n;
`

const dir = mkdtempSync(join(tmpdir(), 'qg-duckdb-objects-'))
const open = (name: string): Promise<DriverSession> =>
  getDriver('duckdb').connect({ dialect: 'duckdb', filePath: join(dir, name), readOnly: false, connectTimeoutMs: 5000 })
const run = async (session: DriverSession, sql: string): Promise<void> => {
  await session.execute(sql, new CollectingSink())
}
const introspect = async (session: CatalogSession): Promise<SchemaModel> => SchemaModel.parse(finalizeModel(await introspectorFor('duckdb').introspect(session)))
const shape = (m: SchemaModel) => ({ ...m, database: '', fingerprint: '', introspectedAt: '', tables: m.tables.map(({ rowEstimate: _r, ...t }) => t) })

beforeAll(async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  // typed macro parameters need a file stored in v1.4.0's format or later
  for (const name of ['source.duckdb', 'target.duckdb', 'broken.duckdb'])
    (await DuckDBInstance.create(join(dir, name), { storage_compatibility_version: 'v1.4.0' })).closeSync()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('duckdb schema objects', () => {
  let session: DriverSession
  let model: SchemaModel

  beforeAll(async () => {
    session = await open('source.duckdb')
    await run(session, fixture)
    model = await introspect(session)
  })
  afterAll(async () => session?.close())

  it('reads sequences with their parameters', () => {
    expect(model.sequences).toEqual([
      { schema: 'billing', name: 'plain_seq', dataType: 'BIGINT', start: '1', increment: '1', min: '1', max: '9223372036854775807', cycle: false },
      { schema: 'main', name: 'invoice_seq', dataType: 'BIGINT', start: '1000', increment: '5', min: '1000', max: '999999', cycle: true }
    ])
  })

  it('reads enums, and type aliases with their whole type', () => {
    expect(model.enums).toEqual([{ schema: 'main', name: 'mood', values: ['sad', 'ok', "it's fine"] }])
    expect(model.domains).toEqual([
      { schema: 'billing', name: 'amount', baseType: 'DECIMAL(12,2)', check: null },
      { schema: 'main', name: 'tag_list', baseType: 'VARCHAR[]', check: null }
    ])
  })

  it('reads macros as routines of kind macro with a definition, overloads together', () => {
    expect(model.routines.map((r) => [r.schema, r.kind, r.signature, r.returns, r.definition])).toEqual([
      ['billing', 'macro', 'top_people(n)', 'TABLE', 'CREATE MACRO top_people(n) AS TABLE SELECT "name" FROM people ORDER BY score DESC LIMIT n'],
      ['main', 'macro', 'add_up(a, b)', null, 'CREATE MACRO add_up(a, b) AS (a + b)'],
      ['main', 'macro', 'pick(a)', null, 'CREATE MACRO pick(a) AS a, (a, b) AS (a * b)'],
      ['main', 'macro', 'pick(a, b)', null, 'CREATE MACRO pick(a) AS a, (a, b) AS (a * b)'],
      ['main', 'macro', 'typed_concat(a INTEGER, b VARCHAR)', null, 'CREATE MACRO typed_concat(a INTEGER, b VARCHAR) AS (a || b)']
    ])
  })

  it('reads column collations and checks', () => {
    const people = model.tables.find((t) => t.name === 'people')!
    expect(people.columns.map((c) => [c.name, c.collation ?? null])).toEqual([
      ['id', null],
      ['name', 'nocase'],
      ['nick', 'nocase.noaccent'],
      ['feeling', null],
      ['tags', null],
      ['score', null]
    ])
    expect(people.constraints.filter((c) => c.kind === 'check').map((c) => [c.name, c.columns, c.expression])).toEqual([
      // DuckDB names checks after their columns, whatever CONSTRAINT said
      ['people_name_nick_check', ['name', 'nick'], '((length("name") > 0) AND (length(nick) < 40))'],
      ['people_score_check', ['score'], '(score BETWEEN 0 AND 100)']
    ])
    expect(generateDdl('duckdb', people)).toContain('  name VARCHAR COLLATE nocase NOT NULL,')
  })

  it('gives DDL for each object, qualified as asked', () => {
    const ddl = (ref: SchemaObjectRef, qualify = true) => generateObjectDdl('duckdb', model, ref, { qualify })
    expect(ddl({ kind: 'sequence', schema: 'main', name: 'invoice_seq' })).toBe('CREATE SEQUENCE main.invoice_seq INCREMENT BY 5 MINVALUE 1000 MAXVALUE 999999 START WITH 1000 CYCLE;\n')
    expect(ddl({ kind: 'enum', schema: 'main', name: 'mood' }, false)).toBe("CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine');\n")
    expect(ddl({ kind: 'domain', schema: 'billing', name: 'amount' })).toBe('CREATE TYPE billing.amount AS DECIMAL(12,2);\n')
    expect(ddl({ kind: 'routine', schema: 'billing', name: 'top_people', signature: 'top_people(n)' })).toBe(
      'CREATE MACRO billing.top_people(n) AS TABLE SELECT "name" FROM people ORDER BY score DESC LIMIT n;\n'
    )
    expect(ddl({ kind: 'routine', schema: 'main', name: 'pick', signature: 'pick(a, b)' }, false)).toBe('CREATE MACRO pick(a) AS a, (a, b) AS (a * b);\n')
    expect(ddl({ kind: 'trigger', schema: 'main', name: 'x' })).toBeNull()
    expect(ddl({ kind: 'routine', schema: 'main', name: 'nope' })).toBeNull()
  })

  it('recreates every object from generated DDL into an empty file with an equal model', async () => {
    const target = await open('target.duckdb')
    try {
      const statements = new Set<string>()
      const add = (ref: SchemaObjectRef) => {
        const text = generateObjectDdl('duckdb', model, ref)
        if (!text) throw new Error(`no DDL for ${ref.kind} ${ref.schema}.${ref.name}`)
        statements.add(text)
      }
      for (const s of model.schemas) if (s !== 'main') statements.add(`CREATE SCHEMA ${s};`)
      for (const s of model.sequences) add({ kind: 'sequence', schema: s.schema, name: s.name })
      for (const e of model.enums) add({ kind: 'enum', schema: e.schema, name: e.name })
      for (const d of model.domains) add({ kind: 'domain', schema: d.schema, name: d.name })
      for (const t of model.tables) statements.add(generateDdl('duckdb', t))
      // overloads share one statement: the Set keeps it once
      for (const r of model.routines) add({ kind: 'routine', schema: r.schema, name: r.name, signature: r.signature })
      for (const sql of statements) await run(target, sql).catch((e: unknown) => expect.fail(`${(e as Error).message}\n${sql}`))
      expect(shape(await introspect(target))).toEqual(shape(model))
    } finally {
      await target.close()
    }
  })
})

describe('duckdb introspection with unreadable objects', () => {
  let session: DriverSession

  beforeAll(async () => {
    session = await open('broken.duckdb')
    await run(
      session,
      `create table base (x integer);
       create macro twice(x) as x * 2;
       create view base_view as select x from base;
       create view twice_view as select twice(x) as y from base;
       create table kept (id integer primary key, label varchar);
       create type amount as decimal(10, 2);
       drop macro twice;
       drop view base_view; create view base_view as select x from base;
       drop table base cascade;`
    )
  })
  afterAll(async () => session?.close())

  it('lists views whose table or macro is gone, with the columns DuckDB stored', async () => {
    const model = await introspect(session)
    expect(model.errors).toBeUndefined()
    expect(model.tables.map((t) => [t.name, t.kind, t.columns.map((c) => c.name)])).toEqual([
      ['base_view', 'view', ['x']],
      ['kept', 'table', ['id', 'label']],
      ['twice_view', 'view', ['y']]
    ])
  })

  it('names the objects a failing catalog query could not read and reads the rest in full', async () => {
    // A catalog that fails the way an unreadable object makes it fail: for every query that touches it.
    const failing: CatalogSession = {
      query: async (sql, params) => {
        if (sql.includes('duckdb_columns()') && (!sql.includes('table_name = ') || sql.includes("'twice_view'"))) throw new Error('Binder Error: twice does not exist')
        if (sql.includes('duckdb_functions()')) throw new Error('Catalog Error: cannot list functions')
        if (sql.includes('typeof(cast(null as main.amount))')) throw new Error('Catalog Error: Type with name amount does not exist')
        return session.query(sql, params)
      }
    }
    const model = await introspect(failing)
    expect(model.errors).toEqual([
      { kind: 'view', schema: 'main', name: 'twice_view', message: 'Binder Error: twice does not exist' },
      { kind: 'routine', schema: 'main', name: '*', message: 'Catalog Error: cannot list functions' },
      { kind: 'domain', schema: 'main', name: 'amount', message: 'Catalog Error: Type with name amount does not exist' }
    ])
    expect(model.tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([
      ['base_view', ['x']],
      ['kept', ['id', 'label']],
      ['twice_view', []]
    ])
    expect(model.tables.find((t) => t.name === 'kept')!.primaryKey).toMatchObject({ columns: ['id'] })
    expect(model.domains).toEqual([{ schema: 'main', name: 'amount', baseType: 'DECIMAL', check: null }])
  })

  it('still fails as a whole when nothing at all can be read', async () => {
    const dead: CatalogSession = {
      query: async (sql, params) => {
        if (sql.includes('duckdb_columns()')) throw new Error('Connection Error: the database is closed')
        return session.query(sql, params)
      }
    }
    await expect(introspectorFor('duckdb').introspect(dead)).rejects.toThrow(/database is closed/)
  })
})
