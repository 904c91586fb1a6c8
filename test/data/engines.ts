import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import type { Cell, Dialect } from '../../src/shared/cells'

/** One engine's fixture: where it is, the DDL of the test tables, and how typed values read back. */
export interface DataEngine {
  name: string
  dialect: Dialect
  /** In process (SQLite, DuckDB); the others need their URL variable. */
  fileBased?: boolean
  urlVar?: string
  target: () => Promise<{ url?: string; file?: string } | undefined>
  /** Drops and creates dv_items, dv_pairs, dv_uniq, dv_nokey, dv_view, dv_types (and engine extras), one statement each. */
  setup: string[]
  /** Cleanup before setup (errors ignored). */
  drop: string[]
  /** Conditions the statement analyser must refuse (functions that write or reach the host), past the WHERE-text check. */
  writingFunction?: string[]
  /** The engine has enum types (dv_types.mood lists its labels). */
  enums?: boolean
  /** What typed values read back as, by dv_types column. */
  typed: Record<string, Cell>
}

const drops = (ifExists = 'IF EXISTS') => [
  `DROP VIEW ${ifExists} dv_view`,
  ...['dv_items', 'dv_pairs', 'dv_uniq', 'dv_nokey', 'dv_types', 'dv_big'].map((t) => `DROP TABLE ${ifExists} ${t}`)
]

const tmpFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'qg-data-file-')), name)

function sqliteFile(): string {
  const file = tmpFile('data.sqlite')
  new Database(file).close()
  return file
}

async function duckdbFile(): Promise<string> {
  const file = tmpFile('data.duckdb')
  const instance = await DuckDBInstance.create(file)
  instance.closeSync()
  return file
}

const common = (t: { int: string; text: string; dec: string; bool: string; ts: string; json: string; mood: string; bin: string; vc: string }) => [
  `CREATE TABLE dv_items (id ${t.int} PRIMARY KEY, name ${t.text}, price ${t.dec}, qty ${t.int} NOT NULL, flag ${t.bool}, d DATE)`,
  `CREATE TABLE dv_pairs (a ${t.int} NOT NULL, b ${t.int} NOT NULL, v ${t.text}, PRIMARY KEY (a, b))`,
  `CREATE TABLE dv_uniq (code ${t.vc} NOT NULL UNIQUE, v ${t.text})`,
  `CREATE TABLE dv_nokey (x ${t.int}, y ${t.text})`,
  `CREATE VIEW dv_view AS SELECT id, name FROM dv_items`,
  `CREATE TABLE dv_big (id BIGINT PRIMARY KEY, v ${t.text})`,
  `CREATE TABLE dv_types (id ${t.int} PRIMARY KEY, n ${t.int}, amount ${t.dec}, b ${t.bool}, d DATE, ts ${t.ts}, doc ${t.json}, mood ${t.mood}, bin ${t.bin}, note ${t.text})`
]

export const dataEngines: DataEngine[] = [
  {
    name: 'SQLite',
    dialect: 'sqlite',
    fileBased: true,
    target: async () => ({ file: sqliteFile() }),
    drop: drops(),
    setup: common({ int: 'INTEGER', text: 'TEXT', dec: 'NUMERIC(12,2)', bool: 'BOOLEAN', ts: 'TIMESTAMP', json: 'TEXT', mood: 'TEXT', bin: 'BLOB', vc: 'VARCHAR(20)' }),
    writingFunction: ["writefile('/tmp/qg-data-evil', 'x') > 0", "load_extension('evil') IS NULL"],
    typed: { n: 42, amount: 12345.67, b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a":[1,2]}', mood: 'sad', bin: '\\x00ff10', note: null }
  },
  {
    name: 'DuckDB',
    enums: true,
    dialect: 'duckdb',
    fileBased: true,
    target: async () => ({ file: await duckdbFile() }),
    drop: [...drops(), 'DROP TYPE IF EXISTS dv_mood'],
    setup: [
      `CREATE TYPE dv_mood AS ENUM ('happy', 'sad')`,
      ...common({ int: 'INTEGER', text: 'VARCHAR', dec: 'DECIMAL(12,2)', bool: 'BOOLEAN', ts: 'TIMESTAMP', json: 'JSON', mood: 'dv_mood', bin: 'BLOB', vc: 'VARCHAR' })
    ],
    writingFunction: ["(SELECT count(*) FROM read_text('/etc/hostname')) > 0", "(SELECT count(*) FROM (COPY dv_items TO '/tmp/qg-data-evil.csv')) > 0"],
    typed: { n: 42, amount: '12345.67', b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a":[1,2]}', mood: 'sad', bin: '\\x00ff10', note: null }
  },
  {
    name: 'PostgreSQL',
    enums: true,
    dialect: 'postgres',
    urlVar: 'PG_URL',
    target: async () => (process.env.PG_URL ? { url: process.env.PG_URL } : undefined),
    drop: [...drops(), 'DROP TYPE IF EXISTS dv_mood', 'DROP FUNCTION IF EXISTS dv_evil()'],
    setup: [
      `CREATE TYPE dv_mood AS ENUM ('happy', 'sad')`,
      ...common({ int: 'integer', text: 'text', dec: 'numeric(12,2)', bool: 'boolean', ts: 'timestamp', json: 'jsonb', mood: 'dv_mood', bin: 'bytea', vc: 'varchar(20)' }),
      `CREATE FUNCTION dv_evil() RETURNS integer LANGUAGE sql VOLATILE AS $$ DELETE FROM dv_items RETURNING 1 $$`
    ],
    writingFunction: ['dv_evil() > 0', 'id IN (SELECT dv_evil())'],
    typed: { n: 42, amount: '12345.67', b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a": [1, 2]}', mood: 'sad', bin: '\\x00ff10', note: null }
  },
  {
    name: 'MariaDB/MySQL',
    enums: true,
    dialect: 'mysql',
    urlVar: 'MYSQL_URL',
    target: async () => (process.env.MYSQL_URL ? { url: process.env.MYSQL_URL } : undefined),
    drop: [...drops(), 'DROP FUNCTION IF EXISTS dv_evil'],
    setup: [
      ...common({ int: 'int', text: 'text', dec: 'decimal(12,2)', bool: 'boolean', ts: 'datetime', json: 'json', mood: "enum('happy','sad')", bin: 'blob', vc: 'varchar(20)' }),
      'CREATE FUNCTION dv_evil() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM dv_items; RETURN 1; END'
    ],
    writingFunction: ['dv_evil() > 0', '1=1 /*! OR dv_evil() > 0 */', '1=1 /*!50000 OR (SELECT dv_evil()) */'],
    typed: { n: 42, amount: '12345.67', b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a":[1,2]}', mood: 'sad', bin: '\\x00ff10', note: null }
  },
  {
    name: 'SQL Server',
    dialect: 'mssql',
    urlVar: 'MSSQL_URL',
    target: async () => (process.env.MSSQL_URL ? { url: process.env.MSSQL_URL } : undefined),
    drop: drops(),
    setup: common({ int: 'int', text: 'nvarchar(max)', dec: 'decimal(12,2)', bool: 'bit', ts: 'datetime2(0)', json: 'nvarchar(max)', mood: 'varchar(10)', bin: 'varbinary(max)', vc: 'varchar(20)' }),
    typed: { n: 42, amount: '12345.67', b: true, d: '2024-02-29', ts: '2024-02-29 13:14:15', doc: '{"a":[1,2]}', mood: 'sad', bin: '\\x00ff10', note: null }
  }
]
