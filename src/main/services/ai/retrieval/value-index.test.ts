import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../../store/local-store'
import { ValueIndex, valueEntriesOf, valueMatchedTables, valueWords, type ValueEntry } from './value-index'

const music: ValueEntry[] = [
  { tableKey: 'music.artists', column: 'name', values: ['The Beatles', 'The Rolling Stones', 'Nina Simone', 'Beatles Tribute Band'] },
  { tableKey: 'music.albums', column: 'title', values: ['Beatles for Sale', 'Abbey Road', 'Let It Be'] },
  { tableKey: 'sales.customers', column: 'city', values: ['Berlin', 'München', 'New York', 'York'] },
  { tableKey: 'sales.orders', column: 'status', values: ['shipped', 'pending', 'cancelled', 'yes', '12345'] },
  { tableKey: 'care.facilities', column: 'kind', values: ['nursing home', 'hospital', 'home care'] },
  { tableKey: 'care.staff', column: 'role', values: ['nurse', 'doctor'] }
]

describe('valueWords', () => {
  it('folds accents and case, drops stop words, stems as schema words are', () => {
    expect(valueWords('The Beatles')).toEqual(['beatle'])
    expect(valueWords('München')).toEqual(['munchen'])
    expect(valueWords('songs by the Beatles in MUNCHEN')).toEqual(['song', 'beatle', 'munchen'])
  })
})

describe('ValueIndex', () => {
  let store: LocalStore
  let index: ValueIndex
  beforeEach(() => {
    store = openLocalStore(':memory:')
    index = new ValueIndex(store.db)
  })
  afterEach(() => store.close())

  it('stores values per connection and says how many', () => {
    const status = index.replace('c1', music)
    expect(status).toMatchObject({ columns: 6, values: 19, truncated: false, maxPerColumn: 200 })
    expect(status.updatedAt).not.toBeNull()
    // numbers-only values are not kept, nor flag words such as "yes"
    expect(index.match('c1', 'orders 12345')).toEqual([])
    expect(index.status('c2')).toMatchObject({ enabled: false, columns: 0, values: 0, updatedAt: null })
    expect(index.match('c2', 'songs by The Beatles')).toEqual([])
  })

  it('finds the tables whose values a question names', () => {
    index.replace('c1', music)
    const beatles = index.match('c1', 'songs by The Beatles')
    expect(beatles[0]).toMatchObject({ tableKey: 'music.artists', column: 'name', value: 'The Beatles' })
    expect(valueMatchedTables(beatles)[0]).toBe('music.artists')
    expect(valueMatchedTables(index.match('c1', "orders with status 'shipped'"))).toEqual(['sales.orders'])
    expect(index.match('c1', 'customers in Munchen')[0]).toMatchObject({ tableKey: 'sales.customers', value: 'München' })
  })

  it('takes the values an evaluation dataset carries per table', () => {
    const entries = valueEntriesOf([{ name: 'geo.cities', values: { name: ['Lisbon', 'Porto'], country: ['Portugal'] } }, { name: 'geo.rivers' }])
    expect(entries).toEqual([
      { tableKey: 'geo.cities', column: 'name', values: ['Lisbon', 'Porto'] },
      { tableKey: 'geo.cities', column: 'country', values: ['Portugal'] }
    ])
    index.replace('eval', entries)
    expect(valueMatchedTables(index.match('eval', 'hotels in Porto'))).toEqual(['geo.cities'])
  })

  it('ranks a whole multi-word value in the question over values it names only in part', () => {
    index.replace('c1', music)
    const ny = index.match('c1', 'customers from New York')
    expect(ny[0]!.value).toBe('New York')
    expect(ny[0]!.score).toBeGreaterThan(ny.find((m) => m.value === 'York')!.score)
    const care = index.match('c1', 'residents of each nursing home')
    expect(care.map((m) => m.value)).toEqual(['nursing home', 'home care'])
    expect(care[0]!.score).toBeGreaterThan(care[1]!.score * 3)
    // the whole value "The Beatles" over "Beatles for Sale" and "Beatles Tribute Band", which the question names in part
    const beatles = index.match('c1', 'the beatles')
    expect(beatles.map((m) => m.value)).toEqual(['The Beatles', 'Beatles for Sale', 'Beatles Tribute Band'])
  })

  it('weighs a word found in many columns less than a rare one', () => {
    const entries: ValueEntry[] = Array.from({ length: 30 }, (_, i) => ({ tableKey: `t${i}`, column: 'status', values: i < 8 ? ['open', 'closed'] : ['draft'] }))
    entries.push({ tableKey: 'regions', column: 'name', values: ['Open Plains', 'Highlands'] })
    index.replace('c1', entries)
    const hits = index.match('c1', 'open tickets in the Highlands')
    expect(hits[0]).toMatchObject({ tableKey: 'regions', value: 'Highlands' })
    expect(hits.find((h) => h.value === 'open')!.score).toBeLessThan(hits[0]!.score)
    // a word in more than half of the columns is ignored altogether
    expect(index.match('c1', 'draft documents')).toEqual([])
  })

  it('keeps at most maxPerColumn per column and maxValues in all, the most frequent first', () => {
    const small = new ValueIndex(store.db, { maxPerColumn: 5, maxValues: 12 })
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${String.fromCharCode(97 + i)}x`)
    const status = small.replace('c1', [
      { tableKey: 'a', column: 'x', values: many('alpha', 8) },
      { tableKey: 'b', column: 'y', values: many('beta', 5) },
      { tableKey: 'c', column: 'z', values: many('gamma', 3) }
    ])
    expect(status).toMatchObject({ values: 11, columns: 3, truncated: true, maxPerColumn: 5, maxValues: 12 })
    // an even cut (4 each, 3 for the column that has only 3): the first, most frequent values stay
    expect(small.match('c1', 'alpha dx').map((m) => m.value)).toContain('alpha dx')
    expect(small.match('c1', 'alpha ex').map((m) => m.value)).not.toContain('alpha ex')
    expect(index.replace('c1', [{ tableKey: 'a', column: 'x', values: ['x'.repeat(81), 'Rome'] }]).values).toBe(1)
  })

  it('replaces everything of a connection, and clear and opt-out remove the values', () => {
    index.replace('c1', music)
    index.replace('c2', music)
    index.replace('c1', [{ tableKey: 'geo.cities', column: 'name', values: ['Lisbon'] }])
    expect(index.match('c1', 'The Beatles')).toEqual([])
    expect(index.match('c1', 'Lisbon')[0]!.tableKey).toBe('geo.cities')
    expect(index.match('c2', 'The Beatles')).not.toEqual([])

    expect(index.setEnabled('c1', true).enabled).toBe(true)
    expect(index.clear('c1')).toMatchObject({ enabled: true, values: 0, columns: 0, updatedAt: null })
    expect(index.match('c1', 'Lisbon')).toEqual([])
    index.replace('c2', music)
    index.setEnabled('c2', true)
    expect(index.setEnabled('c2', false)).toMatchObject({ enabled: false, values: 0 })
    index.forget('c2')
    const left = (table: string) => (store.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
    index.forget('c1')
    for (const table of ['ai_value_meta', 'ai_value_sets', 'ai_values', 'ai_value_words', 'ai_value_df', 'ai_value_columns']) expect(left(table)).toBe(0)
  })

  it('replaces in steps: matching sees the old values until the new ones are whole, and an abort keeps the old ones', async () => {
    const small = new ValueIndex(store.db)
    small.replace('c1', music)
    const many: ValueEntry[] = Array.from({ length: 60 }, (_, t) => ({ tableKey: `geo.t${t}`, column: 'name', values: Array.from({ length: 200 }, (_, v) => `${['Lisbon', 'Porto', 'Faro'][t % 3]} ${v}`) }))
    many.push({ tableKey: 'geo.rivers', column: 'name', values: ['Tagus'] })
    const writing = small.replaceInSteps('c1', many)
    // the write has yielded to the event loop: the old set is still the one matched
    await new Promise((r) => setImmediate(r))
    expect(small.match('c1', 'The Beatles')[0]!.tableKey).toBe('music.artists')
    expect(await writing).toMatchObject({ values: 12_001, columns: 61 })
    expect(small.match('c1', 'The Beatles')).toEqual([])
    expect(small.match('c1', 'the Tagus')[0]!.tableKey).toBe('geo.rivers')

    const ac = new AbortController()
    const aborted = small.replaceInSteps('c1', [...music, ...many], ac.signal)
    ac.abort()
    await expect(aborted).rejects.toThrow()
    expect(small.status('c1').values).toBe(12_001)
    expect(small.match('c1', 'The Beatles')).toEqual([])
    const sets = (store.db.prepare('select count(*) as n from ai_value_sets').get() as { n: number }).n
    expect(sets).toBe(1)
    await small.purgeOrphans()
  })
})
