import { buildErdGraph, type ErdGraph, type ErdNode, tableId } from '../../../shared/erd/erd-graph'
import { type ErdPosition, layoutErd } from '../../../shared/erd/erd-layout'
import { layoutNeighbourhood } from '../../../shared/erd/erd-neighbourhood'
import { erdToSvg, type ErdSvgOptions } from '../../../shared/erd/erd-svg'
import type { TableModel } from '../../../shared/schema-model'
import { neighbourhood, type DocSite } from './doc-site'

/** The docs' ER diagrams, drawn by the same graph → layout → SVG pipeline as the app's ERD view. */
export interface SchemaDiagram {
  graph: ErdGraph
  positions: Map<string, ErdPosition>
}

/** Every documented table and the foreign keys between them, laid out once for every format. */
export async function layoutSchemaDiagram(site: DocSite): Promise<SchemaDiagram> {
  const graph = buildErdGraph({ tables: site.tables }, { includeViews: true, maxTables: Infinity })
  return { graph, positions: (await layoutErd(graph)).positions }
}

/** Standalone (Markdown's schema.svg), or `linked` for the HTML page: boxes link to table pages, the page carries the style. */
export function schemaDiagramSvg(site: DocSite, diagram: SchemaDiagram, linked = false): string {
  return erdToSvg(diagram.graph, diagram.positions, linked ? { ...pageLinks(site), slug: (n) => site.slug(tableOf(site, n)) } : {})
}

/** A table page's own diagram: the table in full, the tables it references and that reference it by their keys. */
export function neighbourhoodSvg(site: DocSite, t: TableModel): string {
  const id = tableId(t)
  const near = buildErdGraph({ tables: neighbourhood(site, t) }, { focus: [id], hops: 1, includeViews: true, columns: 'keys-outside-focus' })
  const graph = { ...near, edges: near.edges.filter((e) => e.source === id || e.target === id) }
  return erdToSvg(graph, layoutNeighbourhood(graph, id).positions, { ...pageLinks(site), idPrefix: `${site.slug(t)}-` })
}

function pageLinks(site: DocSite): ErdSvgOptions {
  return { href: (n) => `#t-${site.slug(tableOf(site, n))}`, style: false }
}

const tableOf = (site: DocSite, n: ErdNode): TableModel => site.byName.get(n.id)!
