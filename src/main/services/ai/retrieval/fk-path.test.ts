import { describe, expect, it } from 'vitest'
import { fkGraph } from './testing/fk-graph'
import { bringInBridges, connectingBridges, shortestPath } from './fk-path'
import type { RankedTable } from './rank'



// drivers <- drv_veh -> vehicles <- routes <- route_stops, and a chain far1..far4 hanging off drivers.
const g = fkGraph([
  ['l.drv_veh', 'l.drivers'],
  ['l.drv_veh', 'l.vehicles'],
  ['l.routes', 'l.vehicles'],
  ['l.route_stops', 'l.routes'],
  ['l.far1', 'l.drivers'],
  ['l.far2', 'l.far1'],
  ['l.far3', 'l.far2'],
  ['l.far4', 'l.far3']
])

describe('shortestPath', () => {
  // The same graph plus a cross-schema shortcut x.link between drivers and routes.
  const gx = fkGraph([...[...g].flatMap(([a, ns]) => [...ns].map((b): [string, string] => [a, b])), ['x.link', 'l.drivers'], ['x.link', 'l.routes']])
  it('prefers a path inside one schema over a shorter one through another schema', () => {
    expect(shortestPath(gx, 'l.drivers', new Set(['l.routes']))).toEqual(['l.drivers', 'l.drv_veh', 'l.vehicles', 'l.routes'])
  })
  it('takes the other schema when its own has no path, and skips unknown tables', () => {
    const known = (k: string) => k !== 'l.vehicles'
    expect(shortestPath(gx, 'l.drivers', new Set(['l.routes']), 3, undefined, known)).toEqual(['l.drivers', 'x.link', 'l.routes'])
    expect(shortestPath(gx, 'l.drivers', new Set(['l.routes']), 3, undefined, (k) => known(k) && k !== 'x.link')).toBeNull()
  })
  it('is bounded to three joins', () => {
    expect(shortestPath(g, 'l.drivers', new Set(['l.far3']))).toEqual(['l.drivers', 'l.far1', 'l.far2', 'l.far3'])
    expect(shortestPath(g, 'l.drivers', new Set(['l.far4']))).toBeNull()
    expect(shortestPath(g, 'l.drivers', new Set(['l.route_stops']))).toBeNull()
  })
})

describe('connectingBridges', () => {
  it('connects the best matches through the smallest set of tables, not one hop at a time', () => {
    // drivers is 4 joins from route_stops but 3 from routes: the spanning tree goes through routes.
    expect(connectingBridges(['l.route_stops', 'l.drivers', 'l.routes', 'l.far4'], g)).toEqual([
      { key: 'l.vehicles', after: 'l.routes' },
      { key: 'l.drv_veh', after: 'l.routes' }
    ])
    // Already-connected matches need nothing; a single match has nothing to connect.
    expect(connectingBridges(['l.routes', 'l.route_stops'], g)).toEqual([])
    expect(connectingBridges(['l.routes'], g)).toEqual([])
  })
})

describe('bringInBridges', () => {
  const ranked = (keys: string[]): RankedTable[] => keys.map((key, i) => ({ key, score: 1 / (i + 1), via: 'match' }))
  const noise = Array.from({ length: 12 }, (_, i) => `n.t${i}`)
  it('moves bridges ranked below the top 10 right after the tables they connect', () => {
    const out = bringInBridges(ranked(['l.route_stops', 'l.drivers', 'l.routes', ...noise, 'l.vehicles']), g, () => true)
    expect(out.slice(0, 6).map((r) => r.key)).toEqual(['l.route_stops', 'l.drivers', 'l.routes', 'l.vehicles', 'l.drv_veh', 'n.t0'])
    expect(out.find((r) => r.key === 'l.drv_veh')?.via).toBe('join')
    expect(out.find((r) => r.key === 'l.vehicles')?.via).toBe('match')
    const scores = out.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })
  it('connects a match ranked just behind the seeds when it lies in the leading schema, over up to four joins', () => {
    // drivers -> far1 -> far2 -> far3 -> far4: far4 ranked 6th is joined to drivers (1st) through far1..far3.
    const keys = ['l.drivers', 'n.t0', 'n.t1', 'n.t2', 'n.t3', 'l.far4', ...noise.slice(4)]
    const out = bringInBridges(ranked(keys), g, () => true).map((r) => r.key)
    expect(out.slice(0, 10)).toEqual(expect.arrayContaining(['l.far1', 'l.far2', 'l.far3', 'l.far4']))
    // ...but not one of another schema
    const other = bringInBridges(ranked(['l.drivers', 'n.t0', 'n.t1', 'n.t2', 'n.t3', 'm.far4', ...noise.slice(4)]), fkGraph([['m.far4', 'l.drivers']]), () => true)
    expect(other.map((r) => r.key)).toEqual(['l.drivers', 'n.t0', 'n.t1', 'n.t2', 'n.t3', 'm.far4', ...noise.slice(4)])
  })
  it('leaves bridges already in the top 10 where they are', () => {
    const keys = ['l.route_stops', 'l.drivers', 'l.routes', 'n.t0', 'l.vehicles', 'l.drv_veh', ...noise.slice(1)]
    expect(bringInBridges(ranked(keys), g, () => true).map((r) => r.key)).toEqual(keys)
  })
})
