import { beforeAll, describe, expect, it } from 'vitest'
import { buildErdGraph, searchTables } from '../../src/shared/erd/erd-graph'
import { foldTallLayers, layoutErd } from '../../src/shared/erd/erd-layout'
import { erdToSvg } from '../../src/shared/erd/erd-svg'
import type { SchemaModel } from '../../src/shared/schema-model'
import { sampleModel } from '../completion/models'

describe('ERD graph, layout and SVG on the sample database', () => {
  let model: SchemaModel
  beforeAll(async () => {
    model = await sampleModel()
  })

  it('shows every table and every foreign key between them', () => {
    const g = buildErdGraph(model)
    expect(g.nodes.map((n) => n.name).sort()).toEqual(model.tables.filter((t) => t.kind === 'table').map((t) => t.name).sort())
    expect(g.edges.length).toBe(model.tables.reduce((n, t) => n + t.foreignKeys.length, 0))
    const items = g.nodes.find((n) => n.name === 'order_items')!
    expect(items.columns.filter((c) => c.pk).map((c) => c.name)).toEqual(['order_id', 'line_no'])
    expect(items.columns.filter((c) => c.fk).map((c) => c.name)).toEqual(['order_id', 'product_id'])
  })

  it('lists only key columns in compact mode', () => {
    const items = buildErdGraph(model, { focus: ['main.order_items'], hops: 0, columns: 'keys' }).nodes[0]!
    expect(items.columns.map((c) => c.name)).toEqual(['order_id', 'line_no', 'product_id'])
    expect(items.hiddenColumns).toBe(3)
  })

  it('keeps a selection plus N hops of neighbours', () => {
    const one = buildErdGraph(model, { focus: ['main.returns'], hops: 1 })
    expect(one.nodes.map((n) => n.name).sort()).toEqual(['order_items', 'returns'])
    expect(one.nodes.find((n) => n.name === 'returns')!.focus).toBe(true)
    const two = buildErdGraph(model, { focus: ['main.returns'], hops: 2 })
    expect(two.nodes.map((n) => n.name).sort()).toEqual(['order_items', 'orders', 'products', 'returns'])
    expect(two.edges.map((e) => e.label).sort()).toEqual(['order_items_order_id_fkey', 'order_items_product_id_fkey', 'returns_order_id_line_no_fkey'])
    expect(buildErdGraph(model, { focus: ['main.orders'], hops: 3, maxTables: 5 }).nodes.length).toBe(5)
  })

  it('lays the graph out without overlaps and exports a standalone SVG', async () => {
    const g = buildErdGraph(model)
    const { positions } = await layoutErd(g)
    expect(positions.size).toBe(g.nodes.length)
    const boxes = g.nodes.map((n) => ({ ...positions.get(n.id)!, w: n.width, h: n.height }))
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!
        const b = boxes[j]!
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true)
      }
    const svg = erdToSvg(g, positions)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.match(/class="er-table"/g)!.length).toBe(g.nodes.length)
    expect(svg.match(/class="er-edge"/g)!.length).toBe(g.edges.length)
    // one schema: boxes are titled by the bare name
    expect(svg).toContain('data-id="main.customers" data-table="customers"')
  })

  it('folds a layer taller than the drawing into side-by-side columns without overlaps', () => {
    const boxes = [{ id: 'hub', x: 0, y: 2000, w: 200, h: 200 }, ...Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, x: 300, y: i * 240, w: 220, h: 200 })), { id: 'leaf', x: 600, y: 0, w: 200, h: 100 }]
    foldTallLayers(boxes)
    const children = boxes.filter((b) => b.id.startsWith('c'))
    expect(Math.max(...children.map((b) => b.y + b.h))).toBeLessThan(120 * 240 / 3)
    expect(new Set(children.map((b) => b.x)).size).toBeGreaterThan(3)
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!
        const b = boxes[j]!
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true)
      }
    // The next layer moved right, past the folded columns.
    expect(boxes.at(-1)!.x).toBeGreaterThan(Math.max(...children.map((b) => b.x + b.w)))
  })

  it('finds tables by name, exact and prefix matches first', () => {
    expect(searchTables(model, 'order').slice(0, 2)).toEqual(['main.orders', 'main.order_items'])
    expect(searchTables(model, 'zzz')).toEqual([])
  })
})
