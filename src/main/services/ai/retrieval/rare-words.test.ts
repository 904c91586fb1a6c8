import { describe, expect, it } from 'vitest'
import { columnIndex } from './column-matches'
import type { RetrievalTable } from './chunk'
import { foreignKeyGraph, type RankedTable } from './rank'
import { bringInRareWordTables } from './rare-words'

const table = (key: string, columns: string[], refs: string[] = []): RetrievalTable =>
  ({ key, comment: null, columns: columns.map((name) => ({ name, type: 'text' })), foreignKeys: refs.map((refTable) => ({ columns: ['x'], refTable, refColumns: ['id'] })) }) as unknown as RetrievalTable

// A lab whose results table holds its tests as abbreviated columns, a vehicle table with a "plate", and filler.
const filler = Array.from({ length: 300 }, (_, i) => table(`f.t${i}`, ['id', 'name']))
const tables = [
  table('lab.patients', ['patient_id', 'name']),
  table('lab.orders', ['ord_id', 'patient_id'], ['lab.patients']),
  table('lab.results', ['res_id', 'ord_id', 'T_PLT', 'T_CREA'], ['lab.orders']),
  table('lab_archive.results_2021', ['res_id', 'T_PLT']),
  table('fleet.vehicles', ['veh_id', 'plate']),
  ...filler
]
const index = columnIndex(tables)
const graph = foreignKeyGraph(new Map(tables.map((t) => [t.key, t])))
const ranked = (keys: string[]): RankedTable[] => keys.map((key, i) => ({ key, score: 1 / (i + 1), via: 'match' }))

describe('bringInRareWordTables', () => {
  const order = ['lab.patients', 'lab.orders', 'f.t0', 'f.t1', 'fleet.vehicles', 'f.t2', 'f.t3', 'f.t4', 'f.t5', 'f.t6', 'f.t7', 'lab.results']
  it('moves the table whose columns abbreviate a rare question word behind the first matches', () => {
    const out = bringInRareWordTables(ranked(order), new Map([['platelet', ['plt', 'plate']]]), index, graph)
    expect(out.map((r) => r.key).slice(0, 4)).toEqual(['lab.patients', 'lab.orders', 'lab.results', 'f.t0'])
    const scores = out.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })
  it('leaves alone a word many tables hold, a table already in front, and a table that cannot join the best matches', () => {
    expect(bringInRareWordTables(ranked(order), new Map([['identity', ['id']]]), index, graph).map((r) => r.key)).toEqual(order)
    const front = ['lab.patients', 'lab.results', ...order.slice(1, -1)]
    expect(bringInRareWordTables(ranked(front), new Map([['creatinine', ['crea']]]), index, graph).map((r) => r.key)).toEqual(front)
    const fleetFirst = ['f.t9', 'f.t8', 'f.t10', ...order]
    expect(bringInRareWordTables(ranked(fleetFirst), new Map([['platelet', ['plt']]]), index, graph).map((r) => r.key)).toEqual(fleetFirst)
  })
})
