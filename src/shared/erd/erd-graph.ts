import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type SchemaModel, type TableModel } from '../schema-model'

export interface ErdColumn {
  name: string
  type: string
  pk: boolean
  fk: boolean
  nullable: boolean
}

export interface ErdNode {
  id: string
  schema: string
  name: string
  kind: TableModel['kind']
  columns: ErdColumn[]
  /** Columns beyond the display cap, summarised as "+N more". */
  hiddenColumns: number
  width: number
  height: number
  /** In the selection (as opposed to a neighbour pulled in by hops). */
  focus: boolean
}

export interface ErdEdge {
  id: string
  source: string
  target: string
  label: string
  columns: string[]
  refColumns: string[]
}

export interface ErdGraph {
  nodes: ErdNode[]
  edges: ErdEdge[]
}

export interface ErdGraphOptions {
  /** Tables to show (ids `schema.name`); empty or absent: every table, capped at maxTables. */
  focus?: string[]
  /** Also show tables up to this many foreign-key hops away from the focus. */
  hops?: number
  /** Upper bound on the node count, so that a 10,000-table schema stays usable. */
  maxTables?: number
  /** Columns listed per node before "+N more". */
  maxColumns?: number
  includeViews?: boolean
  /**
   * `keys`: list only primary- and foreign-key columns, for compact diagrams of big schemas;
   * `keys-outside-focus`: the focus in full, its neighbours by their keys (where the relation is the point).
   */
  columns?: 'all' | 'keys' | 'keys-outside-focus'
}

export const ROW_HEIGHT = 20
export const HEADER_HEIGHT = 30
const MAX_NODE_WIDTH = 360
/** Width of one character of the diagram's 12px monospace text. */
export const CHAR_WIDTH = 7.2

/** A node's id is its table's qualified name. */
export const tableId = qualifiedName

/** The tables (focus plus N hops of foreign-key neighbours) and the foreign keys between them, sized for layout. */
export function buildErdGraph(model: Pick<SchemaModel, 'tables'>, options: ErdGraphOptions = {}): ErdGraph {
  const maxTables = options.maxTables ?? 200
  const maxColumns = options.maxColumns ?? 24
  const byId = new Map(model.tables.map((t) => [tableId(t), t]))
  const neighbours = new Map<string, Set<string>>()
  const link = (a: string, b: string): void => {
    if (!neighbours.has(a)) neighbours.set(a, new Set())
    neighbours.get(a)!.add(b)
  }
  for (const t of model.tables) {
    for (const fk of t.foreignKeys) {
      const target = tableId({ schema: fk.refSchema, name: fk.refTable })
      if (!byId.has(target)) continue
      link(tableId(t), target)
      link(target, tableId(t))
    }
  }

  const focus = (options.focus ?? []).filter((id) => byId.has(id))
  const selected = new Set<string>()
  if (focus.length) {
    // Breadth-first from the focus, stopping at the cap.
    let frontier = focus
    for (const id of focus) selected.add(id)
    for (let hop = 0; hop < (options.hops ?? 1) && frontier.length && selected.size < maxTables; hop++) {
      const next: string[] = []
      for (const id of frontier) {
        for (const n of neighbours.get(id) ?? []) {
          if (selected.has(n) || selected.size >= maxTables) continue
          selected.add(n)
          next.push(n)
        }
      }
      frontier = next
    }
  } else {
    for (const t of model.tables) {
      if (selected.size >= maxTables) break
      if (t.kind === 'table' || options.includeViews) selected.add(tableId(t))
    }
  }

  const focusSet = new Set(focus)
  const keysOnly = (focused: boolean): boolean => options.columns === 'keys' || (options.columns === 'keys-outside-focus' && !focused)
  const nodes: ErdNode[] = [...selected].map((id) => toNode(byId.get(id)!, focusSet.has(id), maxColumns, keysOnly(focusSet.has(id))))
  const edges: ErdEdge[] = []
  for (const id of selected) {
    const t = byId.get(id)!
    for (const fk of t.foreignKeys) {
      const target = tableId({ schema: fk.refSchema, name: fk.refTable })
      if (!selected.has(target)) continue
      edges.push({ id: `${id}:${fk.name}`, source: id, target, label: fk.name, columns: fk.columns, refColumns: fk.refColumns })
    }
  }
  return { nodes, edges }
}

function toNode(t: TableModel, focus: boolean, maxColumns: number, keysOnly: boolean): ErdNode {
  const pk = primaryKeyColumns(t)
  const fk = foreignKeyColumns(t)
  const all = t.columns.map((c) => ({ name: c.name, type: c.type, pk: pk.has(c.name), fk: fk.has(c.name), nullable: c.nullable }))
  const columns = (keysOnly ? all.filter((c) => c.pk || c.fk) : all).slice(0, maxColumns)
  const hidden = all.length - columns.length
  const longest = Math.max(tableId(t).length + 4, ...columns.map((c) => c.name.length + c.type.length + 6))
  return {
    id: tableId(t),
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    columns,
    hiddenColumns: hidden,
    width: Math.min(MAX_NODE_WIDTH, Math.max(160, Math.round(longest * CHAR_WIDTH) + 24)),
    height: HEADER_HEIGHT + (columns.length + (hidden ? 1 : 0)) * ROW_HEIGHT + 8,
    focus
  }
}

/** Ids of tables whose name (or schema.name) contains the search text, best matches first. */
export function searchTables(model: Pick<SchemaModel, 'tables'>, text: string, limit = 50): string[] {
  const q = text.trim().toLowerCase()
  if (!q) return []
  const scored: { id: string; score: number }[] = []
  for (const t of model.tables) {
    const name = t.name.toLowerCase()
    const pos = name.indexOf(q)
    const id = tableId(t)
    if (pos >= 0) scored.push({ id, score: (name === q ? 0 : pos === 0 ? 1 : 2) * 1000 + name.length })
    else if (id.toLowerCase().includes(q)) scored.push({ id, score: 3000 + name.length })
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.id)
}
