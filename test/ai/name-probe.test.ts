import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qualifiedName } from '../../src/shared/schema-model'
import { getDriver } from '../../src/main/services/engines'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { tablesFromSchema } from '../../src/main/services/ai/retrieval/chunk'
import { offlineEmbedder } from '../../src/main/services/ai/retrieval/embedder'
import { nameColumns } from '../../src/main/services/ai/retrieval/name-columns'
import { lookUpNames, tablesHoldingNames } from '../../src/main/services/ai/retrieval/name-probe'
import { foreignKeyGraph } from '../../src/main/services/ai/retrieval/rank'
import { SchemaIndex } from '../../src/main/services/ai/retrieval/schema-index'
import { ValueIndex, valueEntriesOf, valueMatchedTables } from '../../src/main/services/ai/retrieval/value-index'
import { openLocalStore } from '../../src/main/services/store/local-store'
import { datasetTables, loadDataset } from '../../bench/retrieval-dataset'
import { exec, paramsFromUrl, uniqueName } from '../conformance/engines'
import { modelOfSession } from '../support/model-of-session'
import { recording } from '../support/recording-session'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import { createTestApp, REPO_ROOT } from '../app-harness'
import { dispatchValue } from '../support/dispatch-value'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { fakeProviderConfig } from './provider-config'
import { seededEngines, type SeededEngine } from '../support/seeded-engines'

/** 400 artists with made-up names plus two real ones (one with a quote), products, customers with a last name. */
function seed(t: (name: string) => string): string {
  const artists = Array.from({ length: 400 }, (_, i) => `(${i + 3}, 'Artist ${i + 3}')`)
  return [
    `insert into ${t('artist')} (artist_id, name) values (1, 'Metallica'), (2, 'Guns N'' Roses'), ${artists.join(', ')}`,
    `insert into ${t('items')} (item_id, artist_id, descr) values (1, 1, 'Tour shirt'), (2, 2, 'Poster')`,
    `insert into ${t('products')} (product_id, name, brand) values (1, 'Metal water bottle', 'Acme'), (2, 'Rock tee', 'Umbro')`,
    `insert into ${t('customers')} (customer_id, first_name, last_name, email) values (1, 'Jean', 'Dupont', 'jean@example.com'), (2, 'Ann', 'Lee', 'ann@example.com')`
  ].join(';\n')
}
const ddl = (t: (name: string) => string, text: string) => `
  create table ${t('artist')} (artist_id int primary key, name ${text});
  create table ${t('items')} (item_id int primary key, artist_id int references ${t('artist')} (artist_id), descr ${text});
  create table ${t('products')} (product_id int primary key, name ${text}, brand ${text});
  create table ${t('customers')} (customer_id int primary key, first_name ${text}, last_name ${text}, email ${text})`

const TEXT = { postgres: 'text', mysql: 'varchar(80)', sqlite: 'text', duckdb: 'varchar' } as const
const engineCases = seededEngines('names', (engine, prefix) => {
  const t = (name: string) => prefix + name
  return `${ddl(t, TEXT[engine])}; ${seed(t)}`
})

for (const engine of engineCases) {
  describe.skipIf(!!engine.skip)(`proper names looked up on ${engine.label}`, () => {
    let setup: Awaited<ReturnType<SeededEngine['setup']>>
    beforeAll(async () => {
      setup = await engine.setup()
    }, 60_000)
    afterAll(async () => setup?.teardown())

    it('finds the table that holds a name, case-insensitively and with reads only, on a read-only connection', async () => {
      const session = await getDriver(setup.params.dialect).connect({ ...setup.params, readOnly: true })
      try {
        const model = await modelOfSession(session, setup.schema)
        const key = (name: string) => qualifiedName(model.tables.find((t) => t.name === name)!)
        const tables = new Map(tablesFromSchema(model).map((t) => [t.key, t]))
        const columns = nameColumns([...tables.keys()], tables, foreignKeyGraph(tables))
        // email is no name column; the others are
        expect(columns.map((c) => `${c.tableKey.split('.').at(-1)}.${c.column}`).sort()).toEqual(['artist.name', 'customers.first_name', 'customers.last_name', 'products.brand', 'products.name'])
        const rec = recording(session)
        const holding = async (names: string[]) => (await tablesHoldingNames(rec.session, model, columns, names)).tables
        expect(await holding(['Metallica'])).toEqual([key('artist')])
        expect(await holding(['metallica'])).toEqual([key('artist')])
        expect(await holding(['Dupont'])).toEqual([key('customers')])
        expect(await holding(["Guns N' Roses"])).toEqual([key('artist')])
        expect(await holding(['The Beatles'])).toEqual([])
        // a wildcard in the name is not one: "100%" must not match every row
        expect(await holding(['%%%'])).toEqual([])
        expect(rec.statements).toBeGreaterThan(0)
        expect(new Set(rec.kinds)).toEqual(new Set(['read']))
        // no time left: nothing is looked up, and the result says so
        expect(await tablesHoldingNames(session, model, columns, ['Metallica'], { budgetMs: 0 })).toEqual({ tables: [], searched: 0, unsearched: 5 })
        expect(await tablesHoldingNames(session, model, columns, ['Dupont'])).toMatchObject({ tables: [key('customers')], unsearched: 0 })
      } finally {
        await session.close()
      }
    }, 60_000)

    it('looks up on a session of its own that it closes, and gives up on time when the server is slow to answer', async () => {
      const connect = () => getDriver(setup.params.dialect).connect({ ...setup.params, readOnly: true })
      const meta = await connect()
      try {
        const model = await modelOfSession(meta, setup.schema)
        const tables = new Map(tablesFromSchema(model).map((t) => [t.key, t]))
        const columns = nameColumns([...tables.keys()], tables, foreignKeyGraph(tables))
        let own: DriverSession | undefined
        const found = await lookUpNames(async () => (own = await connect()), model, columns, ['Metallica'])
        expect(found?.tables).toEqual([qualifiedName(model.tables.find((t) => t.name === 'artist')!)])
        await expect.poll(() => own?.closed).toBe(true)
        expect(meta.closed).toBe(false)
        // a connection that takes 1.5 s to open: the answer comes after the budget, empty-handed, and the session is
        // closed once it arrives
        const slow = await connect()
        const started = Date.now()
        const late = await lookUpNames(() => new Promise<DriverSession>((resolve) => setTimeout(() => resolve(slow), 1_500)), model, columns, ['Metallica'], { budgetMs: 200, perColumnMs: 100 })
        expect(late).toBeUndefined()
        expect(Date.now() - started).toBeLessThan(1_200)
        await expect.poll(() => slow.closed, { timeout: 5_000 }).toBe(true)
      } finally {
        await meta.close()
      }
    }, 60_000)
  })
  if (engine.skip) console.log(`[name-probe] ${engine.label}: ${engine.skip}, skipped`)
}

describe.skipIf(!process.env.PG_URL)('a proper name the value index does not hold, over the pooled 909-table schema', () => {
  const database = uniqueName('pooled')
  let admin: Awaited<ReturnType<ReturnType<typeof getDriver>['connect']>>
  beforeAll(async () => {
    admin = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    await exec(admin, `create database ${database}`)
    const db = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!, { database }))
    try {
      // the server holds a few of the schema's tables, with rows
      await exec(
        db,
        `create schema music; create schema shop;
         create table music.artist (artist_id int primary key, name text, sort_name text, artist_type text, country text, begin_year int, end_year int);
         create table music.items (item_id int primary key, artist_id int references music.artist, descr text, price numeric);
         create table shop.products (product_id int primary key, name text, brand text);
         insert into music.artist (artist_id, name, sort_name) select i, 'Artist ' || i, 'Artist ' || i from generate_series(2, 2000) i;
         insert into music.artist (artist_id, name, sort_name) values (1, 'Metallica', 'Metallica');
         insert into shop.products values (1, 'Metal water bottle', 'Acme')`
      )
    } finally {
      await db.close()
    }
  }, 60_000)
  afterAll(async () => {
    await exec(admin, `drop database ${database} with (force)`)
    await admin.close()
  })

  it('brings in the table whose rows it names', async () => {
    const ds = loadDataset('bench/datasets/pooled-tuning.json')
    const store = openLocalStore(':memory:')
    const session = await getDriver('postgres').connect({ ...paramsFromUrl(process.env.PG_URL!, { database }), readOnly: true })
    try {
      const model = await modelOfSession(session, 'music')
      const shop = await modelOfSession(session, 'shop')
      const live = { ...model, tables: [...model.tables, ...shop.tables] }
      const values = new ValueIndex(store.db)
      values.replace('pooled', valueEntriesOf(ds.tables))
      const probed: string[][] = []
      const index = new SchemaIndex(
        store.db,
        (cid, q) => valueMatchedTables(values.match(cid, q)),
        {
          lookUp: async (_cid, columns, names) => {
            probed.push(names)
            return tablesHoldingNames(session, live, columns, names)
          },
          isStoredValue: (cid, phrase) => values.holdsWhole(cid, phrase)
        }
      )
      await index.sync('pooled', datasetTables(ds), offlineEmbedder)
      const top = async (q: string, lookUp = true) => (await index.search('pooled', q, offlineEmbedder, { namesFrom: lookUp ? q : undefined })).slice(0, 10).map((r) => r.key)
      expect(await top('Merchandise sold for Metallica', false)).not.toContain('music.artist')
      expect((await top('Merchandise sold for Metallica')).slice(0, 5)).toContain('music.artist')
      expect(probed).toEqual([['Metallica']])
      // a name the value index holds (a city) is not looked up
      await top('Customers in Berlin who never left a review')
      expect(probed).toHaveLength(1)
    } finally {
      await session.close()
      store.close()
    }
  }, 60_000)
})

describe('through the app: the prompt preview says what was looked up, and only with the value index on', () => {
  let services: AppServices
  let dispatch: Dispatch
  let dataDir: string
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider()
    ;({ services, dispatch, dataDir } = await createTestApp())
  })
  afterAll(async () => {
    await services.close()
    await fake.close()
  })
  const value = <T,>(call: string, input: unknown): Promise<T> => dispatchValue<T>(dispatch, call, input)

  it('looks a product name up in the sample database (read-only) and names the table it was found in', async () => {
    const file = join(dataDir, 'names.db')
    copyFileSync(join(REPO_ROOT, 'resources/sample.db'), file)
    const { id } = await value<{ id: string }>('connections.create', { name: 'Names', dialect: 'sqlite', filePath: file, readOnly: true })
    await value('ai.settings.update', { providers: [fakeProviderConfig(fake, 'local', 'openai-compatible', 'qwen2.5-coder')] })
    const question = 'Which stores stock the Northwind Modern SUP Paddle?'
    const notesOf = async () => (await value<{ notes?: string[] }>('ai.previewPrompt', { connectionId: id, task: 'ask', question })).notes ?? []
    // off by default: the database is not asked
    expect((await notesOf()).join(' ')).not.toContain('Looked up')
    await value('ai.values.setEnabled', { connectionId: id, enabled: true })
    for (let i = 0; i < 600 && (await value<{ sampling: unknown }>('ai.values.status', { connectionId: id })).sampling; i++) await new Promise((r) => setTimeout(r, 50))
    const notes = (await notesOf()).join(' ')
    expect(notes).toContain('Looked up “Northwind Modern SUP Paddle” in this database')
    expect(notes).toContain('found in main.products.')
    // only a question the user asked is looked up: never SQL, nor the text other tasks carry (the activity view's sessions)
    const explain = await value<{ notes?: string[] }>('ai.previewPrompt', {
      connectionId: id,
      task: 'explain',
      question: 'Explain this blocking chain: Sales Northwind Modern SUP Paddle PostgreSQL JDBC Driver',
      sql: "SELECT Name FROM Products WHERE Name = 'Northwind Modern SUP Paddle'"
    })
    expect((explain.notes ?? []).join(' ')).not.toContain('Looked up')
  }, 60_000)
})
