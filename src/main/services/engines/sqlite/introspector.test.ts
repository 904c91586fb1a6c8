import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SchemaModel, type TableModel } from '../../../../shared/schema-model'
import type { DriverSession } from '../../drivers/types'
import { generateDdl, generateObjectDdl, getDriver, introspectorFor } from '../../engines'
import { finalizeModel } from '../../schema/normalize'

/**
 * Issue 12: one object the app's connection cannot read never hides the rest. SQLite accepts a view calling a function
 * it does not know (LCASE), and a view calling a function the creating program registered (slug) is just as unreadable
 * to the app; `pragma table_xinfo` fails for each of them, and for a view built on one of them.
 */
const dir = mkdtempSync(join(tmpdir(), 'qg-sqlite-introspect-'))
const file = join(dir, 'broken.db')

beforeAll(() => {
  const db = new Database(file)
  db.function('slug', { deterministic: true }, (s: unknown) => String(s).toLowerCase().replace(/\s+/g, '-'))
  db.exec(`
    create table authors (id integer primary key autoincrement, name text not null collate nocase);
    create table books (
      id integer primary key,
      author_id integer not null references authors (id) on delete cascade,
      title text not null,
      title_slug text generated always as (slug(title)) stored
    );
    create index books_title_idx on books (title collate nocase);
    create index books_slug_idx on books (slug(title));
    create view lower_names as select lcase(name) as name from authors;
    create view slugs as select slug(title) as s from books;
    create view lower_names_again as select name from lower_names;
    create view book_titles as select b.title, a.name from books b join authors a on a.id = b.author_id;
    create trigger books_touch after insert on books begin update books set title = trim(title) where id = new.id; end;
    insert into authors (name) values ('Ann');
    insert into books (author_id, title) values (1, 'A Book');
  `)
  db.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sqlite introspection with unreadable objects', () => {
  let session: DriverSession
  let model: SchemaModel
  const table = (name: string): TableModel => model.tables.find((t) => t.name === name) ?? expect.fail(`no table ${name}`)

  beforeAll(async () => {
    session = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: file, readOnly: true, connectTimeoutMs: 5000 })
    model = SchemaModel.parse(finalizeModel(await introspectorFor('sqlite').introspect(session)))
  })
  afterAll(async () => session?.close())

  it('the set-based query really fails on this file (the premise of the test)', async () => {
    await expect(session.query(`select * from pragma_table_xinfo('lower_names')`)).rejects.toThrow(/no such function: lcase/i)
  })

  it('names each unreadable view in errors and still lists it with its SQL and no columns', () => {
    expect(model.errors).toEqual([
      { kind: 'view', schema: 'main', name: 'lower_names', message: expect.stringMatching(/no such function: lcase/i) },
      { kind: 'view', schema: 'main', name: 'lower_names_again', message: expect.stringMatching(/no such function: lcase/i) },
      { kind: 'view', schema: 'main', name: 'slugs', message: expect.stringMatching(/no such function: slug/i) }
    ])
    expect(table('lower_names')).toMatchObject({ kind: 'view', columns: [], definition: 'select lcase(name) as name from authors' })
    expect(table('slugs')).toMatchObject({ kind: 'view', columns: [] })
  })

  it('reads every other object in full', () => {
    expect(model.tables.map((t) => t.name)).toEqual(['authors', 'book_titles', 'books', 'lower_names', 'lower_names_again', 'slugs'])
    expect(table('book_titles').columns.map((c) => c.name)).toEqual(['title', 'name'])
    const books = table('books')
    expect(books.columns.map((c) => c.name)).toEqual(['id', 'author_id', 'title', 'title_slug'])
    expect(books.columns.find((c) => c.name === 'title_slug')).toMatchObject({ generated: 'slug(title)', generatedKind: 'stored' })
    expect(books.foreignKeys).toEqual([expect.objectContaining({ columns: ['author_id'], refTable: 'authors', refColumns: ['id'], onDelete: 'CASCADE' })])
    expect(books.indexes.map((i) => [i.name, i.columns])).toEqual([
      ['books_slug_idx', ['slug(title)']],
      ['books_title_idx', ['title COLLATE nocase']]
    ])
    expect(books.triggers.map((t) => t.name)).toEqual(['books_touch'])
    expect(table('authors')).toMatchObject({ options: { autoincrement: 'id' } })
    expect(table('authors').columns[1]).toMatchObject({ name: 'name', collation: 'nocase' })
  })

  it('lists names without touching the broken views', async () => {
    const names = await introspectorFor('sqlite').listNames(session)
    expect(names.tables.map((t) => t.name)).toEqual(model.tables.map((t) => t.name))
  })

  it('gives the DDL of a broken view and of the rest', () => {
    expect(generateDdl('sqlite', table('lower_names'))).toBe('CREATE VIEW lower_names AS\nselect lcase(name) as name from authors;\n')
    expect(generateDdl('sqlite', table('authors'))).toContain('PRIMARY KEY (id AUTOINCREMENT)')
    expect(generateDdl('sqlite', table('authors'))).toContain('name TEXT NOT NULL COLLATE nocase')
  })
})

describe('sqlite DDL for table options and triggers', () => {
  const base: TableModel = {
    schema: 'main',
    name: 'kv',
    kind: 'table',
    columns: [
      { name: 'k', type: 'TEXT', nullable: false },
      { name: 'v', type: 'ANY', nullable: true }
    ],
    primaryKey: { columns: ['k'] },
    foreignKeys: [],
    indexes: [{ name: 'kv_v_idx', columns: ['v COLLATE nocase DESC'], unique: false }],
    constraints: [],
    triggers: [],
    options: { without_rowid: 'true', strict: 'true' }
  }

  it('writes WITHOUT ROWID and STRICT after the column list, and collated index keys', () => {
    const ddl = generateDdl('sqlite', base)
    expect(ddl).toContain('\n) WITHOUT ROWID, STRICT;')
    expect(ddl).toContain('CREATE INDEX kv_v_idx ON kv (v COLLATE nocase DESC);')
  })

  it('runs: the DDL of every option and an INSTEAD OF trigger on a view creates the same objects', () => {
    const db = new Database(':memory:')
    try {
      db.exec(generateDdl('sqlite', base))
      const trigger = 'CREATE TRIGGER kv_view_insert INSTEAD OF INSERT ON kv_view2 BEGIN INSERT INTO kv VALUES (new.k, new.v); END'
      const view: TableModel = { ...base, name: 'kv_view2', kind: 'view', definition: 'select k, v from kv', options: undefined, indexes: [], triggers: [{ name: 'kv_view_insert', definition: trigger }] }
      const ddl = generateDdl('sqlite', view)
      expect(ddl).toContain(`${trigger};`)
      db.exec(ddl)
      db.exec(`insert into kv_view2 values ('a', 1)`)
      expect(db.prepare('select k, v from kv').all()).toEqual([{ k: 'a', v: 1 }])
      expect(db.prepare(`select wr, strict from pragma_table_list where name = 'kv'`).get()).toEqual({ wr: 1, strict: 1 })
    } finally {
      db.close()
    }
  })

  it('gives a trigger on its own through generateObjectDdl', () => {
    const definition = 'CREATE TRIGGER t1 AFTER INSERT ON kv BEGIN SELECT 1; END'
    const model = SchemaModel.parse({
      dialect: 'sqlite',
      database: 'x',
      defaultSchema: 'main',
      schemas: ['main'],
      tables: [{ ...base, triggers: [{ name: 't1', definition }] }],
      fingerprint: 'f',
      introspectedAt: 'now'
    })
    expect(generateObjectDdl('sqlite', model, { kind: 'trigger', schema: 'main', name: 't1', table: 'kv' })).toBe(`${definition};\n`)
    expect(generateObjectDdl('sqlite', model, { kind: 'trigger', schema: 'main', name: 'nope' })).toBeNull()
    expect(generateObjectDdl('sqlite', model, { kind: 'sequence', schema: 'main', name: 't1' })).toBeNull()
  })
})
