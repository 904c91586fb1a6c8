import type { SchemaNames } from '../../../../shared/contract/schema'
import { foreignKeyColumns, primaryKeyColumns, type SchemaModel, type TableModel } from '../../../../shared/schema-model'

export type TreeRow =
  | { kind: 'schema'; key: string; depth: 0; schema: string; count: number; open: boolean }
  | { kind: 'table'; key: string; depth: number; schema: string; name: string; tableKind: TableModel['kind']; open: boolean }
  | { kind: 'column'; key: string; depth: number; name: string; type: string; pk: boolean; fk: boolean; nullable: boolean; comment?: string | null }
  | { kind: 'info'; key: string; depth: number; text: string }
  | { kind: 'group'; key: string; depth: number; label: string; count: number; open: boolean }

export const tableKey = (schema: string, name: string): string => `${schema}\u0000${name}`

/**
 * The visible rows of the explorer: schemas (only when there are several), their tables and views filtered by
 * name, and the columns and keys of expanded tables. Only expanded tables cost rows, so 10,000 tables stay cheap.
 */
export function treeRows(names: SchemaNames, model: SchemaModel | undefined, open: Set<string>, filter: string): TreeRow[] {
  const q = filter.trim().toLowerCase()
  const rows: TreeRow[] = []
  const details = model ? new Map(model.tables.map((t) => [tableKey(t.schema, t.name), t])) : undefined
  const bySchema = new Map<string, SchemaNames['tables']>()
  for (const t of names.tables) {
    if (q && !t.name.toLowerCase().includes(q)) continue
    const list = bySchema.get(t.schema)
    if (list) list.push(t)
    else bySchema.set(t.schema, [t])
  }
  const others = model ? otherObjects(model, q) : new Map<string, { label: string; items: string[] }[]>()
  const schemas = names.schemas.length ? names.schemas : [...bySchema.keys()]
  const showSchemas = schemas.length > 1
  for (const schema of schemas) {
    const tables = bySchema.get(schema) ?? []
    if (showSchemas) {
      if (q && tables.length === 0 && !others.get(schema)?.some((g) => g.items.length)) continue
      // The default schema starts open; a filter opens every schema with a match.
      const schemaOpen = q ? true : open.has(`schema:${schema}`) !== (schema === names.defaultSchema)
      rows.push({ kind: 'schema', key: `schema:${schema}`, depth: 0, schema, count: tables.length, open: schemaOpen })
      if (!schemaOpen) continue
    }
    const depth = showSchemas ? 1 : 0
    for (const t of tables) {
      const key = tableKey(t.schema, t.name)
      const isOpen = open.has(key)
      rows.push({ kind: 'table', key, depth, schema: t.schema, name: t.name, tableKind: t.kind, open: isOpen })
      if (!isOpen) continue
      const detail = details?.get(key)
      if (!detail) {
        rows.push({ kind: 'info', key: `${key}:loading`, depth: depth + 1, text: 'Loading columns…' })
        continue
      }
      const pk = primaryKeyColumns(detail)
      const fk = foreignKeyColumns(detail)
      for (const c of detail.columns) {
        rows.push({ kind: 'column', key: `${key}:c:${c.name}`, depth: depth + 1, name: c.name, type: c.type, pk: pk.has(c.name), fk: fk.has(c.name), nullable: c.nullable, comment: c.comment })
      }
      for (const f of detail.foreignKeys) {
        rows.push({ kind: 'info', key: `${key}:fk:${f.name}`, depth: depth + 1, text: `FK (${f.columns.join(', ')}) → ${f.refTable} (${f.refColumns.join(', ')})` })
      }
      for (const i of detail.indexes) {
        rows.push({ kind: 'info', key: `${key}:ix:${i.name}`, depth: depth + 1, text: `${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} (${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}` })
      }
      for (const t of detail.triggers) rows.push({ kind: 'info', key: `${key}:tg:${t.name}`, depth: depth + 1, text: `TRIGGER ${t.name} ${t.timing ?? ''} ${(t.events ?? []).join(' OR ')}`.trim() })
    }
    // Routines, sequences and types of the schema, as closed groups.
    for (const group of others.get(schema) ?? []) {
      if (!group.items.length) continue
      const key = `group:${schema}:${group.label}`
      // A filter opens the groups it matched in.
      const groupOpen = open.has(key) || !!q
      rows.push({ kind: 'group', key, depth, label: group.label, count: group.items.length, open: groupOpen })
      if (!groupOpen) continue
      group.items.forEach((text, i) => rows.push({ kind: 'info', key: `${key}:${i}`, depth: depth + 1, text }))
    }
  }
  return rows
}

function otherObjects(model: SchemaModel, q: string): Map<string, { label: string; items: string[] }[]> {
  const match = (name: string): boolean => !q || name.toLowerCase().includes(q)
  const out = new Map<string, { label: string; items: string[] }[]>()
  const add = (schema: string, label: string, text: string): void => {
    if (!out.has(schema)) out.set(schema, [])
    const groups = out.get(schema)!
    let g = groups.find((x) => x.label === label)
    if (!g) groups.push((g = { label, items: [] }))
    g.items.push(text)
  }
  for (const r of model.routines) if (match(r.name)) add(r.schema, 'Functions & procedures', `${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${r.signature}${r.returns ? ` → ${r.returns}` : ''}`)
  for (const s of model.sequences) if (match(s.name)) add(s.schema, 'Sequences', `${s.name}${s.dataType ? ` (${s.dataType})` : ''}`)
  for (const e of model.enums) if (match(e.name)) add(e.schema, 'Types', `ENUM ${e.name} (${e.values.join(', ')})`)
  for (const d of model.domains) if (match(d.name)) add(d.schema, 'Types', `DOMAIN ${d.name} ${d.baseType}${d.check ? ` CHECK (${d.check})` : ''}`)
  return out
}
