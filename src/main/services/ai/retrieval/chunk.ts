import { createHash } from 'node:crypto'
import type { SchemaModel } from '../../../../shared/schema-model'
import { qualifiedName } from '../../../../shared/schema-model'

/** What retrieval knows of one table, from the SchemaModel or from an evaluation dataset. */
export interface RetrievalTable {
  key: string
  comment?: string | null
  kind?: string
  columns: { name: string; type: string; comment?: string | null }[]
  primaryKey?: string[]
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[] }[]
  /** Only when the user allows sample values to be indexed and sent. */
  samples?: Record<string, string[]>
}

export interface TableChunk {
  table: RetrievalTable
  /** Compact text for prompts and provider embeddings. */
  text: string
  /** Changes whenever anything in `text` changes: only changed chunks are re-embedded. */
  hash: string
}

export function tablesFromSchema(model: SchemaModel): RetrievalTable[] {
  return model.tables.map((t) => ({
    key: qualifiedName(t),
    comment: t.comment,
    kind: t.kind,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
    primaryKey: t.primaryKey?.columns,
    foreignKeys: t.foreignKeys.map((fk) => ({
      columns: fk.columns,
      refTable: qualifiedName({ schema: fk.refSchema, name: fk.refTable }),
      refColumns: fk.refColumns
    }))
  }))
}

/** One chunk per table: name, columns with types and comments, keys, foreign keys (and samples if allowed). */
export function chunkTable(table: RetrievalTable): TableChunk {
  const lines: string[] = []
  const kind = table.kind && table.kind !== 'table' ? ` (${table.kind.replace('_', ' ')})` : ''
  lines.push(`TABLE ${table.key}${kind}${table.comment ? ` -- ${oneLine(table.comment)}` : ''}`)
  const pk = new Set(table.primaryKey ?? [])
  for (const c of table.columns) {
    const flags = pk.has(c.name) ? ' PK' : ''
    const sample = table.samples?.[c.name]?.length ? ` e.g. ${table.samples[c.name].slice(0, 5).map((v) => JSON.stringify(v.slice(0, 40))).join(', ')}` : ''
    lines.push(`  ${c.name} ${c.type}${flags}${c.comment ? ` -- ${oneLine(c.comment)}` : ''}${sample}`)
  }
  for (const fk of table.foreignKeys) lines.push(`  FK (${fk.columns.join(', ')}) -> ${fk.refTable}(${fk.refColumns.join(', ')})`)
  const text = lines.join('\n')
  return { table, text, hash: createHash('sha256').update(text).digest('hex').slice(0, 32) }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300)
}
