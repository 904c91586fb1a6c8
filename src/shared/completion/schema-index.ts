import type { Dialect } from '../cells'
import type { ForeignKeyModel, SchemaModel, TableModel } from '../schema-model'

export interface ForeignKeyEdge {
  from: TableModel
  to: TableModel
  fk: ForeignKeyModel
}

const key = (schema: string, name: string): string => `${schema.toLowerCase()}\u0000${name.toLowerCase()}`

/** Lookup structures over one schema model, built once per model and shared by every completion request. */
export class CompletionIndex {
  readonly dialect: Dialect
  readonly defaultSchema: string
  readonly schemas: string[]
  readonly tables: TableModel[]
  private readonly byKey = new Map<string, TableModel>()
  private readonly byName = new Map<string, TableModel[]>()
  private readonly bySchema = new Map<string, TableModel[]>()
  private readonly outgoing = new Map<TableModel, ForeignKeyEdge[]>()
  private readonly incoming = new Map<TableModel, ForeignKeyEdge[]>()

  constructor(readonly model: SchemaModel) {
    this.dialect = model.dialect
    this.defaultSchema = model.defaultSchema
    this.schemas = model.schemas
    this.tables = model.tables
    for (const t of model.tables) {
      this.byKey.set(key(t.schema, t.name), t)
      push(this.byName, t.name.toLowerCase(), t)
      push(this.bySchema, t.schema.toLowerCase(), t)
    }
    for (const t of model.tables) {
      for (const fk of t.foreignKeys) {
        const to = this.byKey.get(key(fk.refSchema, fk.refTable))
        if (!to) continue
        const edge = { from: t, to, fk }
        push(this.outgoing, t, edge)
        push(this.incoming, to, edge)
      }
    }
  }

  /** A table by (optional) schema and name; unqualified names prefer the default schema. */
  resolve(schema: string | null, name: string): TableModel | undefined {
    if (schema) return this.byKey.get(key(schema, name))
    const candidates = this.byName.get(name.toLowerCase())
    if (!candidates) return undefined
    return candidates.find((t) => t.schema === this.defaultSchema) ?? candidates[0]
  }

  tablesInSchema(schema: string): TableModel[] {
    return this.bySchema.get(schema.toLowerCase()) ?? []
  }

  isSchema(name: string): boolean {
    return this.bySchema.has(name.toLowerCase()) || this.schemas.some((s) => s.toLowerCase() === name.toLowerCase())
  }

  /** Foreign keys from this table (to its parents) and to it (from its children). */
  edgesOf(table: TableModel): { outgoing: ForeignKeyEdge[]; incoming: ForeignKeyEdge[] } {
    return { outgoing: this.outgoing.get(table) ?? [], incoming: this.incoming.get(table) ?? [] }
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k)
  if (list) list.push(v)
  else map.set(k, [v])
}
