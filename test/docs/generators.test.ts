import { describe, expect, it } from 'vitest'
import { buildDocSite } from '../../src/main/services/docs/doc-site'
import { dbml } from '../../src/main/services/docs/dbml'
import { layoutSchemaDiagram, neighbourhoodSvg, schemaDiagramSvg } from '../../src/main/services/docs/er-diagrams'
import { generateSchemaModel } from '../../bench/generate-schema-model'
import { filterModel } from '../../src/main/services/docs/filter'
import { lintSchema } from '../../src/main/services/docs/lint'
import { markdownSite, markdownTable } from '../../src/main/services/docs/markdown'
import { mermaidEr } from '../../src/main/services/docs/mermaid'
import { parseSchemaModelJson, schemaModelJson, schemaModelJsonSchema } from '../../src/main/services/docs/json'
import { SchemaModel } from '../../src/shared/schema-model'
import { shopModel, shopNotes } from '../fixtures/docs/shop-model'
import { mermaidBlocks, parseDbml, parseMermaid } from './validators'

const site = () => buildDocSite(shopModel, shopNotes)

describe('docs generators on the hand-built shop model', () => {
  it('writes an index and one Markdown page per table, matching the golden files', async () => {
    const s = site()
    const files = markdownSite(s, lintSchema(s), { svgFile: 'schema.svg' })
    expect(Object.keys(files).sort()).toEqual(['README.md', 'audit.events.md', 'public.customers.md', 'public.order_items.md', 'public.order_totals.md', 'public.orders.md', 'public.products.md'])
    for (const [name, content] of Object.entries(files)) await expect(content).toMatchFileSnapshot(`../fixtures/docs/golden/shop/md/${name}`)
  })

  it('marks AI text and never lets it replace a real comment', () => {
    const s = site()
    const files = markdownSite(s, lintSchema(s))
    expect(files['public.orders.md']).toContain('*AI:* Lifecycle state of the order.')
    expect(files['public.customers.md']).toContain('Login &lt;email&gt;, unique')
    expect(files['public.customers.md']).not.toContain('Should never replace the real comment')
    expect(files['public.customers.md']).toContain('**Note:** Lower-cased before insert.')
    expect(files['audit.events.md']).toContain('**AI-generated description:** Append-only audit log')
  })

  it('escapes pipes and newlines so tables stay intact', () => {
    const s = site()
    const files = markdownSite(s, lintSchema(s))
    expect(files['README.md']).toContain('People who buy \\| things')
    expect(files['audit.events.md']).toContain('Raw "change" payload<br>second line')
  })

  it('produces Mermaid that the real Mermaid parser accepts, for the whole schema and every table page', async () => {
    const s = site()
    const whole = mermaidEr(s)
    await expect(whole).toMatchFileSnapshot('../fixtures/docs/golden/shop/schema.mmd')
    expect(await parseMermaid(whole)).toBe('er')
    const pages = Object.values(markdownSite(s, lintSchema(s)))
    const blocks = pages.flatMap(mermaidBlocks)
    expect(blocks.length).toBe(pages.length)
    for (const b of blocks) expect(await parseMermaid(b)).toBe('er')
  })

  it('the Mermaid parser does reject broken ER text (the check can fail)', async () => {
    await expect(parseMermaid('erDiagram\n  "a" {\n    int 1x\n  }')).rejects.toThrow()
  })

  it('produces DBML that @dbml/core parses, with every table and ref', async () => {
    const text = dbml(site())
    await expect(text).toMatchFileSnapshot('../fixtures/docs/golden/shop/schema.dbml')
    const parsed = parseDbml(text)
    expect(parsed.public.sort()).toEqual(['customers', 'order_items', 'orders', 'products'])
    expect(parsed.audit).toEqual(['events'])
    expect(() => parseDbml('Table x { id int [pk')).toThrow()
  })

  it('JSON round-trips through the model and the published JSON Schema describes it', async () => {
    const json = schemaModelJson(site())
    await expect(json).toMatchFileSnapshot('../fixtures/docs/golden/shop/schema.json')
    expect(parseSchemaModelJson(json)).toEqual({ ...SchemaModel.parse(shopModel), tables: site().tables })
    const schema = JSON.parse(schemaModelJsonSchema())
    await expect(schemaModelJsonSchema()).toMatchFileSnapshot('../fixtures/docs/golden/schema-model.schema.json')
    expect(schema.$schema).toContain('2020-12')
    expect(schema.required).toEqual(expect.arrayContaining(['dialect', 'tables', 'fingerprint']))
    expect(schema.properties.tables.items.properties.columns.items.required).toEqual(expect.arrayContaining(['name', 'type', 'nullable']))
  })

  it('lints like tbls', () => {
    const findings = lintSchema(site())
    const by = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.table + (f.columns ? `(${f.columns.join(',')})` : ''))
    expect(by('no-primary-key')).toEqual(['audit.events'])
    expect(by('unindexed-foreign-key').sort()).toEqual(['public.order_items(product_id)', 'public.orders(customer_id)'])
    expect(by('nullable-foreign-key')).toEqual(['public.orders(customer_id)'])
    expect(by('duplicate-index')).toEqual(['public.customers(email)', 'public.customers(email)'])
    // orders has a user note, so it counts as documented; audit.events only has AI text.
    expect(by('missing-table-comment')).toEqual(['audit.events'])
    // order_items.order_id leads the primary key: indexed, no finding.
    expect(by('unindexed-foreign-key').some((x) => x.includes('order_id'))).toBe(false)
  })

  it('filters with include/exclude globs and keeps slugs unique', () => {
    expect(filterModel(shopModel, { include: ['public.*'], exclude: ['*order*'] }).tables.map((t) => t.name).sort()).toEqual(['customers', 'products'])
    expect(filterModel(shopModel, { include: ['events'] }).tables.map((t) => t.name)).toEqual(['events'])
    const clash = SchemaModel.parse({
      ...shopModel,
      tables: [
        { schema: 'a', name: 'T', kind: 'table', columns: [] },
        { schema: 'a', name: 't', kind: 'table', columns: [] },
        { schema: '', name: 'README', kind: 'table', columns: [] },
        { schema: 'x y', name: 'z/../w', kind: 'table', columns: [] }
      ]
    })
    const s = buildDocSite(clash)
    const slugs = s.tables.map((t) => s.slug(t))
    expect(new Set(slugs.map((x) => x.toLowerCase())).size).toBe(4)
    expect(slugs).not.toContain('README')
    for (const slug of slugs) expect(slug).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/)
  })
})

describe('docs generators on a generated 300-table schema', () => {
  const big = buildDocSite(generateSchemaModel(300))

  it('packs the ER diagram without overlapping boxes and keeps every foreign-key edge', async () => {
    const { graph, positions } = await layoutSchemaDiagram(big)
    expect(positions.size).toBe(300)
    const fkCount = big.tables.reduce((n, t) => n + t.foreignKeys.length, 0)
    expect(graph.edges.length).toBe(fkCount)
    const boxes = graph.nodes.map((n) => ({ id: n.id, ...positions.get(n.id)!, width: n.width, height: n.height })).sort((a, b) => a.x - b.x)
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].width; j++) {
        const a = boxes[i]
        const b = boxes[j]
        const overlap = a.y < b.y + b.height && b.y < a.y + a.height
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false)
      }
    }
    const svg = schemaDiagramSvg(big, { graph, positions })
    expect((svg.match(/class="er-table"/g) ?? []).length).toBe(300)
    expect((svg.match(/class="er-edge"/g) ?? []).length).toBe(fkCount)
  })

  it('whole-schema Mermaid and DBML stay valid at that size', async () => {
    expect(await parseMermaid(mermaidEr(big))).toBe('er')
    expect(Object.values(parseDbml(dbml(big))).flat().length).toBe(300)
  })
})

describe('table neighbourhood diagrams', () => {
  const boxX = (svg: string, table: string): number => Number(new RegExp(`data-table="${table}" transform="translate\\(([\\d.]+),`).exec(svg)![1])

  it('puts referencing tables left, the table in the middle and referenced tables right', () => {
    const s = site()
    const svg = neighbourhoodSvg(s, s.byName.get('public.orders')!)
    expect(boxX(svg, 'order_items')).toBeLessThan(boxX(svg, 'orders'))
    expect(boxX(svg, 'orders')).toBeLessThan(boxX(svg, 'customers'))
    expect([...svg.matchAll(/data-fk="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['order_items_order_id_fkey', 'orders_customer_id_fkey'])
    expect(svg).toContain('class="er-table er-focus" data-id="public.orders"')
    expect(svg).toContain('href="#t-public.customers"')
  })

  it('draws a self-reference as a loop and keeps a table that is both parent and child once', () => {
    const model = SchemaModel.parse({
      ...shopModel,
      tables: [
        { schema: 's', name: 'node', kind: 'table', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'parent', type: 'int', nullable: true }, { name: 'other', type: 'int', nullable: true }], primaryKey: { columns: ['id'] }, foreignKeys: [{ name: 'self', columns: ['parent'], refSchema: 's', refTable: 'node', refColumns: ['id'] }, { name: 'to_other', columns: ['other'], refSchema: 's', refTable: 'other', refColumns: ['id'] }] },
        { schema: 's', name: 'other', kind: 'table', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'node', type: 'int', nullable: true }], primaryKey: { columns: ['id'] }, foreignKeys: [{ name: 'back', columns: ['node'], refSchema: 's', refTable: 'node', refColumns: ['id'] }] }
      ]
    })
    const s = buildDocSite(model)
    const svg = neighbourhoodSvg(s, s.byName.get('s.node')!)
    expect([...svg.matchAll(/data-table="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['node', 'other'])
    expect([...svg.matchAll(/data-fk="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['back', 'self', 'to_other'])
    const loop = /data-from="s.node" data-to="s.node" data-fk="self" d="M([\d.]+),[\d.]+ C([\d.]+),/.exec(svg)!
    expect(Number(loop[2])).toBeGreaterThan(Number(loop[1]))
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1])
    expect(width).toBeGreaterThan(Number(loop[2]))
  })
})

describe('Mermaid size on hub tables', () => {
  const hubSite = (spokeCount: number) => {
    const hub = { schema: 'h', name: 'hub', kind: 'table' as const, columns: [{ name: 'id', type: 'bigint', nullable: false }], primaryKey: { columns: ['id'] } }
    const spokes = Array.from({ length: spokeCount }, (_, i) => ({
      schema: 'h',
      name: `spoke_${i}`,
      kind: 'table' as const,
      columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'hub_id', type: 'bigint', nullable: false }, ...Array.from({ length: 20 }, (_, c) => ({ name: `c${c}`, type: 'character varying(100)', nullable: true }))],
      primaryKey: { columns: ['id'] },
      foreignKeys: [{ name: `spoke_${i}_hub`, columns: ['hub_id'], refSchema: 'h', refTable: 'hub', refColumns: ['id'] }]
    }))
    return buildDocSite(SchemaModel.parse({ ...shopModel, tables: [hub, ...spokes] }))
  }

  it("keeps a hub table's page diagram under GitHub's 50,000-character Mermaid limit", async () => {
    const s = hubSite(399)
    const [block] = mermaidBlocks(markdownTable(s, s.byName.get('h.hub')!))
    expect(block.length).toBeLessThan(50_000)
    expect(await parseMermaid(block)).toBe('er')
    // A spoke's own page still lists columns.
    expect(mermaidBlocks(markdownTable(s, s.byName.get('h.spoke_1')!))[0]).toContain('character_varying(100) c19')
  })

  it('still draws a diagram past 400 related tables, capped with a note of how many are left out', async () => {
    const s = hubSite(450)
    const [block] = mermaidBlocks(markdownTable(s, s.byName.get('h.hub')!))
    expect(block.length).toBeLessThan(50_000)
    expect(await parseMermaid(block)).toBe('er')
    expect(block).toMatch(/\d+ more/)
  })
})
