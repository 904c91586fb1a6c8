import type { SchemaModel, TableModel } from '../../src/shared/schema-model'
import type { EventName, EventPayload } from '../../src/shared/contract'
import type { EventSink } from '../../src/main/services/rpc/handlers'
import { loadDataset } from '../../bench/retrieval-dataset'

/** An EventSink that keeps everything it would send to the renderer. */
export class RecordingSink implements EventSink {
  readonly sent: { name: string; payload: unknown }[] = []
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    this.sent.push({ name, payload: structuredClone(payload) })
  }
  aiEvents(requestId: string): any[] {
    return this.sent.filter((e) => e.name === 'ai.event' && (e.payload as any).requestId === requestId).map((e) => e.payload)
  }
  async waitFor(requestId: string, type: 'done' | 'error', timeoutMs = 15_000): Promise<any> {
    const start = Date.now()
    for (;;) {
      const hit = this.aiEvents(requestId).find((e) => e.type === 'done' || e.type === 'error')
      if (hit) {
        if (hit.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(hit)}`)
        return hit
      }
      if (Date.now() - start > timeoutMs) throw new Error(`no ${type} event for ${requestId}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
}

/** A SchemaModel built from an evaluation dataset (schema-qualified names). */
export function schemaFromDataset(path: string, dialect: SchemaModel['dialect'] = 'postgres'): SchemaModel {
  const ds = loadDataset(path)
  const tables: TableModel[] = ds.tables.map((t) => {
    const [schema, name] = t.name.includes('.') ? [t.name.split('.')[0], t.name.split('.').slice(1).join('.')] : ['', t.name]
    return {
      schema, name, kind: 'table', comment: t.comment ?? null,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: true, comment: c.comment ?? null })),
      primaryKey: { columns: [t.columns[0].name] },
      foreignKeys: t.foreignKeys.map((fk, i) => ({ name: `fk_${i}`, columns: fk.columns, refSchema: fk.refTable.split('.')[0], refTable: fk.refTable.split('.').slice(1).join('.'), refColumns: fk.refColumns })),
      indexes: [], constraints: [], triggers: []
    }
  })
  return { dialect, database: 'bench', defaultSchema: 'public', schemas: [...new Set(tables.map((t) => t.schema))], tables, routines: [], sequences: [], enums: [], domains: [], fingerprint: `fp-${tables.length}`, introspectedAt: new Date().toISOString() }
}
