/**
 * `docs diff` against real servers, one object kind per case: introspect, change one thing, introspect, and the
 * diff says exactly that one thing. A case whose property the engine's introspector does not record yet is
 * skipped with the reason (not passed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas, formatDiff, type ObjectChange, type SchemaDiff } from '../../src/main/services/docs/diff'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import type { SchemaModel } from '../../src/shared/schema-model'
import { mysqlSandbox, pgSandbox, type Sandbox } from '../schema/engines'
import { runScript } from '../schema/fixtures'

interface Ctx {
  skip(note?: string): never
}

function harness(box: () => Sandbox) {
  const introspect = async (): Promise<SchemaModel> => finalizeModel(await introspectorFor(box().dialect).introspect(box().session, { schemas: [box().schema] }))
  /** Runs `sql` between two introspections; returns the diff and both models. */
  const drift = async (sql: string): Promise<{ diff: SchemaDiff; before: SchemaModel; after: SchemaModel }> => {
    const before = await introspect()
    await runScript(box().session, box().dialect, sql)
    const after = await introspect()
    return { diff: diffSchemas(before, after), before, after }
  }
  /** The diff has exactly one object change, matching `expected`; returns it. */
  const one = (diff: SchemaDiff, expected: Partial<ObjectChange>): ObjectChange => {
    expect(diff.objects, formatDiff(diff)).toHaveLength(1)
    expect(diff.objects[0]).toMatchObject(expected)
    expect(diff.drift).toBe(true)
    expect(formatDiff(diff)).not.toContain('No drift')
    return diff.objects[0]
  }
  return { introspect, drift, one }
}

describe.skipIf(!process.env.PG_URL)('docs diff per object kind: PostgreSQL', () => {
  let box: Sandbox
  const h = harness(() => box)
  const q = (n: string) => `${box.schema}.${n}`

  beforeAll(async () => {
    box = await pgSandbox('drift')
    await runScript(
      box.session,
      'postgres',
      `create type mood as enum ('sad', 'ok');
       create domain posint as integer constraint posint_check check (value > 0);
       create type pair as (a integer, b text);
       create sequence seq_a increment by 1;
       create table t (id integer primary key, name text, qty integer, code text);
       create function f(x integer) returns integer language sql as $$ select x + 1 $$;
       create function f(x text) returns text language sql as $$ select x $$;
       create function trg_fn() returns trigger language plpgsql as $$ begin return new; end $$;
       create trigger t_trg before insert on t for each row execute function trg_fn();
       create view v as select id, name from t;
       create table p (id integer not null, parent_id integer) partition by range (id);
       create table p1 partition of p for values from (0) to (100);
       alter table p1 add constraint p1_parent_fkey foreign key (parent_id) references t (id);`
    )
  })
  afterAll(async () => box?.dispose())

  it('no drift without a change', async () => {
    expect((await h.drift('select 1')).diff.drift).toBe(false)
  })

  it('a dropped trigger', async () => {
    const { diff } = await h.drift('drop trigger t_trg on t')
    h.one(diff, { object: 'table', name: q('t'), change: 'changed', parts: [{ part: 'trigger', name: 't_trg', change: 'removed', definition: expect.stringContaining('CREATE TRIGGER t_trg BEFORE INSERT ON') }] })
  })

  it('an added CHECK constraint', async () => {
    const { diff } = await h.drift('alter table t add constraint t_qty_check check (qty > 0)')
    h.one(diff, { name: q('t'), parts: [{ part: 'constraint', name: 't_qty_check', change: 'added', definition: 'CHECK (qty > 0)' }] })
  })

  it('an added UNIQUE constraint', async () => {
    const { diff } = await h.drift('alter table t add constraint t_code_key unique (code)')
    h.one(diff, { name: q('t'), parts: [{ part: 'constraint', name: 't_code_key', change: 'added', definition: 'UNIQUE (code)' }] })
  })

  it('an added column, printed with its type', async () => {
    const { diff } = await h.drift(`alter table t add column note varchar(20) not null default 'x'`)
    h.one(diff, { name: q('t'), parts: [{ part: 'column', name: 'note', change: 'added', definition: "character varying(20) NOT NULL DEFAULT 'x'::character varying" }] })
    expect(formatDiff(diff)).toContain("    + column note character varying(20) NOT NULL DEFAULT 'x'::character varying\n")
  })

  it('an added index', async () => {
    const { diff } = await h.drift('create index t_name_idx on t (name)')
    h.one(diff, { name: q('t'), parts: [{ part: 'index', name: 't_name_idx', change: 'added', definition: 'USING btree (name)' }] })
  })

  it("a changed column's collation", async (ctx: Ctx) => {
    const { diff, after } = await h.drift('alter table t alter column code type text collate "C"')
    if (after.tables.find((t) => t.name === 't')!.columns.find((c) => c.name === 'code')!.collation === undefined) ctx.skip('the PostgreSQL introspector does not record column collations yet')
    h.one(diff, { name: q('t'), parts: [{ part: 'column', name: 'code', change: 'changed', fields: [{ field: 'collation', before: null, after: expect.stringContaining('C') }] }] })
  })

  it('a changed table comment', async () => {
    const { diff } = await h.drift(`comment on table t is 'Things'`)
    h.one(diff, { name: q('t'), fields: [{ field: 'comment', before: null, after: 'Things' }] })
  })

  it('a changed view, as a unified diff', async () => {
    const { diff } = await h.drift('create or replace view v as select id, name, qty from t')
    const o = h.one(diff, { object: 'view', name: q('v'), change: 'changed' })
    expect(o.fields!.map((f) => f.field)).toEqual(['definition'])
    expect(o.fields![0].diff).toMatch(/^@@ -1,\d+ \+1,\d+ @@\n/)
    expect(o.fields![0].diff).toContain('+    t.qty')
    expect(o.parts).toEqual([{ part: 'column', name: 'qty', change: 'added', definition: 'integer' }])
  })

  it('an added enum value', async () => {
    const { diff } = await h.drift(`alter type mood add value 'happy'`)
    h.one(diff, { object: 'enum', name: q('mood'), fields: [{ field: 'values', before: '(sad, ok)', after: '(sad, ok, happy)' }] })
  })

  it('a changed function body, as a diff', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('create or replace function f(x integer) returns integer language sql as $$ select x + 2 $$')
    if (!before.routines.some((r) => r.definition)) ctx.skip('the PostgreSQL introspector does not record routine definitions yet')
    const o = h.one(diff, { object: 'routine', name: q('f(x integer)'), change: 'changed' })
    expect(o.fields!.map((f) => f.field)).toEqual(['definition'])
    expect(o.fields![0].diff).toContain('-')
    expect(o.fields![0].diff).toMatch(/\+.*x \+ 2/)
  })

  it('a dropped function (one overload)', async () => {
    const { diff } = await h.drift('drop function f(text)')
    h.one(diff, { object: 'routine', name: q('f(x text)'), change: 'removed', definition: expect.stringContaining('function returns text') })
  })

  it("a dropped domain's check", async () => {
    const { diff } = await h.drift('alter domain posint drop constraint posint_check')
    h.one(diff, { object: 'domain', name: q('posint'), change: 'changed', fields: [{ field: 'checks', before: '(VALUE > 0)', after: '()' }] })
  })

  it('a created sequence', async () => {
    const { diff } = await h.drift('create sequence seq_b start with 10 increment by 5')
    h.one(diff, { object: 'sequence', name: q('seq_b'), change: 'added', definition: expect.stringContaining('bigint') })
  })

  it('a changed sequence', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('alter sequence seq_a increment by 7')
    if (before.sequences.every((s) => s.increment === undefined)) ctx.skip('the PostgreSQL introspector does not record sequence parameters yet')
    h.one(diff, { object: 'sequence', name: q('seq_a'), change: 'changed', fields: [{ field: 'increment', before: '1', after: '7' }] })
  })

  it('a changed composite type', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('alter type pair add attribute c date')
    if (!before.types) ctx.skip('the PostgreSQL introspector does not record composite types yet')
    h.one(diff, { object: 'type', name: q('pair'), change: 'changed', fields: [{ field: 'attributes', before: '(a integer, b text)', after: '(a integer, b text, c date)' }] })
  })

  it('a foreign key dropped on a partition', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('alter table p1 drop constraint p1_parent_fkey')
    if (!before.tables.some((t) => t.name === 'p1')) ctx.skip('the PostgreSQL introspector does not list partitions yet')
    h.one(diff, { object: 'table', name: q('p1'), parts: [{ part: 'foreign key', name: 'p1_parent_fkey', change: 'removed', definition: `(parent_id) → ${q('t')}(id)` }] })
  })

  it('an added partition, listed on its parent', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('create table p2 partition of p for values from (100) to (200)')
    if (!before.tables.find((t) => t.name === 'p')?.partitioning) ctx.skip('the PostgreSQL introspector does not record partitioning yet')
    expect(diff.objects.map((o) => `${o.change} ${o.object} ${o.name}`)).toEqual([`changed table ${q('p')}`, `added table ${q('p2')}`])
    expect(diff.objects[0].fields).toEqual([{ field: 'partitions', before: '(p1)', after: '(p1, p2)' }])
    expect(diff.objects[1].definition).toBe(`2 columns, partition of ${q('p')} FOR VALUES FROM (100) TO (200)`)
  })
})

describe.skipIf(!process.env.MYSQL_URL)('docs diff per object kind: MariaDB/MySQL', () => {
  let box: Sandbox
  const h = harness(() => box)
  const q = (n: string) => `${box.schema}.${n}`

  beforeAll(async () => {
    box = await mysqlSandbox('drift')
    await runScript(
      box.session,
      'mysql',
      `create table t (id int primary key, name varchar(40), qty int, code varchar(10)) engine=InnoDB;
       create table log (id int auto_increment primary key, at timestamp null);
       create trigger t_trg before insert on t for each row set new.qty = coalesce(new.qty, 0);
       create view v as select id, name from t;
       create function f(x int) returns int deterministic return x + 1;
       create procedure pr() select 1;`
    )
  })
  afterAll(async () => box?.dispose())

  it('no drift without a change', async () => {
    expect((await h.drift('select 1')).diff.drift).toBe(false)
  })

  it('a dropped trigger', async () => {
    const { diff } = await h.drift('drop trigger t_trg')
    h.one(diff, { name: q('t'), parts: [{ part: 'trigger', name: 't_trg', change: 'removed' }] })
  })

  it('an added CHECK constraint', async () => {
    const { diff } = await h.drift('alter table t add constraint t_qty_check check (qty > 0)')
    h.one(diff, { name: q('t'), parts: [{ part: 'constraint', name: 't_qty_check', change: 'added', definition: expect.stringMatching(/^CHECK \(.*qty.* > 0\)$/) }] })
  })

  it('an added UNIQUE constraint', async () => {
    const { diff } = await h.drift('alter table t add constraint t_code_key unique (code)')
    const o = h.one(diff, { name: q('t') })
    // MySQL/MariaDB list a unique key as a constraint (or as a unique index, by introspector): either way, once.
    expect(o.parts).toHaveLength(1)
    expect(o.parts![0]).toMatchObject({ name: 't_code_key', change: 'added' })
  })

  it('an added column, printed with its type', async () => {
    const { diff } = await h.drift(`alter table t add column note varchar(20) not null default 'x'`)
    h.one(diff, { name: q('t'), parts: [{ part: 'column', name: 'note', change: 'added', definition: expect.stringMatching(/^varchar\(20\) (COLLATE \S+ )?NOT NULL DEFAULT 'x'$/) }] })
  })

  it("a changed column's collation", async (ctx: Ctx) => {
    const { diff, after } = await h.drift('alter table t modify name varchar(40) collate utf8mb4_bin')
    if (after.tables.find((t) => t.name === 't')!.columns.find((c) => c.name === 'name')!.collation === undefined) ctx.skip('the MySQL introspector does not record column collations yet')
    h.one(diff, { name: q('t'), parts: [{ part: 'column', name: 'name', change: 'changed', fields: [expect.objectContaining({ field: 'collation', after: 'utf8mb4_bin' })] }] })
  })

  it('an added ON UPDATE', async (ctx: Ctx) => {
    const { diff, after } = await h.drift('alter table log modify at timestamp null default current_timestamp on update current_timestamp')
    if (after.tables.find((t) => t.name === 'log')!.columns.find((c) => c.name === 'at')!.onUpdate == null) ctx.skip('the MySQL introspector does not record ON UPDATE yet')
    const o = h.one(diff, { name: q('log') })
    expect(o.parts![0].fields!.map((f) => f.field)).toEqual(['default', 'on update'])
  })

  it('a changed view', async () => {
    const { diff } = await h.drift('create or replace view v as select id, name, qty from t')
    const o = h.one(diff, { object: 'view', name: q('v'), change: 'changed' })
    expect(o.fields!.map((f) => f.field)).toEqual(['definition'])
    // One-line definitions get a word diff.
    expect(o.fields![0].diff).toMatch(/\{\+.*qty.*\+\}/)
  })

  it('a changed function body', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('drop function f; create function f(x int) returns int deterministic return x + 2')
    if (!before.routines.some((r) => r.definition)) ctx.skip('the MySQL introspector does not record routine definitions yet')
    const o = h.one(diff, { object: 'routine', change: 'changed' })
    expect(o.fields!.map((f) => f.field)).toEqual(['definition'])
  })

  it('a dropped procedure', async () => {
    const { diff } = await h.drift('drop procedure pr')
    h.one(diff, { object: 'routine', change: 'removed', name: expect.stringContaining(q('pr')) })
  })

  it('a changed table option (engine)', async (ctx: Ctx) => {
    const { diff, before } = await h.drift('alter table log engine=MyISAM')
    if (!before.tables.find((t) => t.name === 'log')!.options) ctx.skip('the MySQL introspector does not record table options yet')
    h.one(diff, { name: q('log'), parts: [{ part: 'option', name: 'engine', change: 'changed', fields: [{ field: 'value', before: 'InnoDB', after: 'MyISAM' }] }] })
  })

  it('a created sequence (MariaDB)', async (ctx: Ctx) => {
    const version = (await box.session.query('select version()')).rows[0][0]
    if (!/mariadb/i.test(String(version))) ctx.skip('sequences are MariaDB only')
    const { diff } = await h.drift('create sequence seq_b start with 10 increment by 5')
    h.one(diff, { object: 'sequence', name: q('seq_b'), change: 'added' })
  })
})
