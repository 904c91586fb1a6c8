import { DuckDBInstance } from '@duckdb/node-api'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../support/run-cli'
import { SchemaModel } from '../../src/shared/schema-model'
import { sqliteSession } from '../schema/catalog-sessions'
import { pgSandbox, type Sandbox } from '../schema/engines'
import { applyFixture } from '../schema/fixtures'
import { loadedModules, medianMs, node22, PRINT_LOADED_MODULES, ROOT } from './cli-timing'

/** How many tables and views the schema fixture of an engine creates: its expected model says. */
const fixtureTables = (engine: 'postgres' | 'sqlite'): number =>
  (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schema', 'expected', `${engine}.json`), 'utf8')) as { tables: unknown[] }).tables.length

describe('querygenie docs (in process, real PostgreSQL)', () => {
  let box: Sandbox
  let dir: string
  const url = () => process.env.PG_URL!

  beforeAll(async () => {
    box = await pgSandbox('docscli')
    await applyFixture(box.session, 'postgres')
    dir = mkdtempSync(join(tmpdir(), 'qg-docs-cli-'))
  })
  afterAll(async () => {
    await box?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes every format for the chosen schema', async () => {
    const r = await cli('docs', '--url', url(), '--schema', box.schema, '--out', join(dir, 'all'), '--format', 'all')
    expect(r.err).not.toContain('querygenie:')
    expect(r.code).toBe(0)
    expect(r.out).toContain(`files for ${fixtureTables('postgres')} tables`)
    for (const f of ['README.md', `${box.schema}.orders.md`, 'index.html', 'schema.json', 'schema-model.schema.json', 'schema.mmd', 'schema.dbml', 'schema.svg', 'lint.json'])
      expect(existsSync(join(dir, 'all', f)), f).toBe(true)
    const model = SchemaModel.parse(JSON.parse(readFileSync(join(dir, 'all', 'schema.json'), 'utf8')))
    expect(model.tables.every((t) => t.schema === box.schema)).toBe(true)
  })

  it('applies include/exclude patterns', async () => {
    const r = await cli('docs', '--url', url(), '--schema', box.schema, '--out', join(dir, 'some'), '--format', 'json', '--include', `${box.schema}.order*`, '--exclude', '*totals')
    expect(r.code).toBe(0)
    const model = SchemaModel.parse(JSON.parse(readFileSync(join(dir, 'some', 'schema.json'), 'utf8')))
    expect(model.tables.map((t) => t.name).sort()).toEqual(['order_items', 'orders'])
  })

  it('merges a notes.json (as the app exports it) into the docs', async () => {
    const notes = join(dir, 'notes.json')
    writeFileSync(notes, JSON.stringify([{ schema: box.schema, table: 'orders', column: 'status', note: 'Set by the payment webhook.' }]))
    const r = await cli('docs', '--url', url(), '--schema', box.schema, '--out', join(dir, 'noted'), '--format', 'md,json', '--notes', notes)
    expect(r.code).toBe(0)
    expect(readFileSync(join(dir, 'noted', `${box.schema}.orders.md`), 'utf8')).toContain('**Note:** Set by the payment webhook.')
    expect(JSON.parse(readFileSync(join(dir, 'noted', 'notes.json'), 'utf8'))[0]).toMatchObject({ table: 'orders', column: 'status' })
    writeFileSync(notes, '{"not": "notes"}')
    const bad = await cli('docs', '--url', url(), '--schema', box.schema, '--out', join(dir, 'noted'), '--notes', notes)
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('is not a notes.json')
  })

  it('docs diff: no drift on the same schema, drift (exit 1) after a change', async () => {
    const snapshot = join(dir, 'all', 'schema.json')
    const same = await cli('docs', 'diff', snapshot, '--url', url(), '--schema', box.schema)
    expect(same.out).toContain('No drift')
    expect(same.code).toBe(0)

    await box.session.exec('alter table orders add column note text')
    await box.session.exec('alter table orders alter column placed_at type timestamptz')
    await box.session.exec('drop index orders_pending_idx')
    await box.session.exec('create table drift_probe (id integer primary key)')
    const changed = await cli('docs', 'diff', snapshot, '--url', url(), '--schema', box.schema)
    expect(changed.code).toBe(1)
    expect(changed.out).toContain(`+ table ${box.schema}.drift_probe`)
    expect(changed.out).toContain(`~ table ${box.schema}.orders`)
    expect(changed.out).toContain('    + column note text\n')
    expect(changed.out).toMatch(/~ column placed_at: type: timestamp\(3\) without time zone → timestamp with time zone/)
    expect(changed.out).toContain('- index orders_pending_idx')

    const asJson = await cli('docs', 'diff', snapshot, '--url', url(), '--schema', box.schema, '--json')
    const diff = JSON.parse(asJson.out)
    expect(diff.version).toBe(1)
    expect(diff.drift).toBe(true)
    expect(diff.objects.filter((o: { change: string }) => o.change === 'added').map((o: { name: string }) => o.name)).toEqual([`${box.schema}.drift_probe`])
  })

  it('explains a bad URL, an unreachable server, an unwritable folder and a bad snapshot', async () => {
    const bad = await cli('docs', '--url', 'nosuchdb://x/y', '--out', join(dir, 'x'))
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('Unknown database type "nosuchdb"')

    const down = await cli('docs', '--url', 'postgres://postgres@127.0.0.1:1/test', '--out', join(dir, 'x'))
    expect(down.code).toBe(2)
    expect(down.err).toMatch(/\[CONNECTION_REFUSED\]/)

    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    const blocked = await cli('docs', '--url', url(), '--schema', box.schema, '--out', join(file, 'docs'))
    expect(blocked.code).toBe(2)
    expect(blocked.err).toContain(`Cannot write to folder ${join(file, 'docs')}`)

    if (process.platform === 'linux') {
      // Node's recursive mkdir loops forever under /proc; the exporter must not.
      const proc = await cli('docs', '--url', 'postgres://postgres@127.0.0.1:1/test', '--out', '/proc/qg-docs-nope')
      expect(proc.code).toBe(2)
      expect(proc.err).toContain('Cannot write to folder /proc/qg-docs-nope')
    }

    const missing = await cli('docs', 'diff', join(dir, 'nope.json'), '--url', url())
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('no such file')
    const notModel = await cli('docs', 'diff', file, '--url', url())
    expect(notModel.code).toBe(2)
    expect(notModel.err).toContain('is not a schema.json')

    const badFormat = await cli('docs', '--url', url(), '--format', 'pdf')
    expect(badFormat.code).toBe(2)
    expect(badFormat.err).toContain('unknown format "pdf"')
  })
})

describe('querygenie docs (in process, DuckDB file)', () => {
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-docs-cli-duckdb-'))
    file = join(dir, 'shop.duckdb')
    const db = await DuckDBInstance.create(file)
    const c = await db.connect()
    await c.run(`
      create table customers (id integer primary key, name varchar not null);
      create table orders (order_id integer primary key, customer_id integer not null references customers (id), total decimal(10,2));
      create table order_items (order_id integer references orders (order_id), line_no integer, qty integer, primary key (order_id, line_no));
      create view order_totals as select customer_id, sum(total) as total from orders group by customer_id;
      insert into customers values (1, 'Ada');
      insert into orders values (10, 1, 12.50);`)
    c.closeSync()
    db.closeSync()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes Markdown, HTML and JSON from a duckdb:// URL, with the foreign keys and the view', async () => {
    const r = await cli('docs', '--url', `duckdb://${file}`, '--out', join(dir, 'out'), '--format', 'md,html,json')
    expect(r.err).not.toContain('querygenie:')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Wrote \d+ files for 4 tables/)
    for (const f of ['README.md', 'main.orders.md', 'index.html', 'schema.json']) expect(existsSync(join(dir, 'out', f)), f).toBe(true)
    const model = SchemaModel.parse(JSON.parse(readFileSync(join(dir, 'out', 'schema.json'), 'utf8')))
    expect(model.dialect).toBe('duckdb')
    expect(model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`).sort()).toEqual(['main.customers:table', 'main.order_items:table', 'main.order_totals:view', 'main.orders:table'])
    expect(model.tables.flatMap((t) => t.foreignKeys.map((fk) => `${t.name}→${fk.refTable}`)).sort()).toEqual(['order_items→orders', 'orders→customers'])
  })

  it('docs diff finds no drift on the same file, and a missing file is a clear error', async () => {
    const same = await cli('docs', 'diff', join(dir, 'out', 'schema.json'), '--url', `duckdb://${file}`)
    expect(same.out).toContain('No drift')
    expect(same.code).toBe(0)
    const missing = await cli('docs', '--url', `duckdb://${join(dir, 'nope.duckdb')}`, '--out', join(dir, 'x'))
    expect(missing.code).toBe(2)
    expect(missing.err).toContain(`No DuckDB database file at ${join(dir, 'nope.duckdb')}`)
  })
})

describe('bin/querygenie.mjs', () => {
  it('answers --help from the bundle in out/cli/ fast, without loading a driver, the exporters or any package', () => {
    const node = node22()
    execFileSync(node, [join(ROOT, 'scripts', 'build-cli.mjs'), '--if-stale', '--quiet'], { stdio: 'inherit' })
    // QUERYGENIE_CLI=bundle: measure the bundle even if someone edits a source meanwhile (that makes it stale).
    const env = { ...process.env, QUERYGENIE_CLI: 'bundle' }
    const bin = join(ROOT, 'bin', 'querygenie.mjs')
    const r = spawnSync(node, ['--import', PRINT_LOADED_MODULES, bin, 'docs', '--help'], { encoding: 'utf8', env })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('Usage: querygenie docs [options] [command]')
    expect(r.stdout).toContain('--url <url>')
    expect(r.stdout).toMatch(/diff \[options\] <old\.json>/)
    const loaded = loadedModules(r.stderr)
    expect(loaded.some((u) => u.endsWith('/out/cli/querygenie.mjs'))).toBe(true)
    // commander and zod are bundled; drivers, ELK and the rest of the app load only when a command runs.
    expect(loaded.filter((u) => u.includes('/node_modules/') || u.includes('docs-services') || u.includes('/src/'))).toEqual([])

    const helpMs = medianMs(node, [bin, 'docs', '--help'], { env })
    // Started by the system Node (20 here), the launcher re-runs itself with Node 22: two Node start-ups.
    const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && p !== node)
    const viaSystemMs = systemNode ? medianMs(systemNode, [bin, 'docs', '--help'], { env }) : undefined
    console.log(`BENCH cli help_ms=${helpMs} where=checkout${viaSystemMs === undefined ? '' : ` via_system_node_ms=${viaSystemMs}`}`)
    expect(helpMs).toBeLessThan(3000)
    if (viaSystemMs !== undefined) expect(viaSystemMs).toBeLessThan(3000)
  }, 60_000)

  it('runs on a Node older than 22 by re-executing itself with the project Node (SQLite fixture)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-docs-bin-'))
    try {
      const db = join(dir, 'fixture.db')
      const s = sqliteSession(db)
      await applyFixture(s, 'sqlite')
      await s.close()
      // The system Node on PATH (v20 here); falls back to this Node where none is installed.
      const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p)) ?? process.execPath
      const version = execFileSync(systemNode, ['--version']).toString().trim()
      const r = spawnSync(systemNode, [join(ROOT, 'bin', 'querygenie.mjs'), 'docs', '--url', `sqlite:${db}`, '--out', join(dir, 'out'), '--format', 'md,dbml'], { encoding: 'utf8', timeout: 60_000 })
      expect(r.stderr).not.toContain('querygenie:')
      expect(r.status, `${version}: ${r.stderr}`).toBe(0)
      expect(r.stdout).toContain(`files for ${fixtureTables('sqlite')} tables`)
      expect(readFileSync(join(dir, 'out', 'schema.dbml'), 'utf8')).toContain('Table "main"."orders"')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 90_000)
})
