import type { Dialect } from '../../../../shared/cells'
import type { SchemaObjectRef } from '../../../../shared/schema-model'
import { factsOf } from '../../../../shared/engines'
import { qualifiedIdentifier } from '../../../../shared/sql-identifiers'
import { api } from '../../api/client'
import { useAppStore } from '../../app/app-store'
import { views } from '../../app/registry'
import { useDocsStore } from '../docs/docs-store'
import { useErdStore } from '../erd/erd-store'
import { useWorkspace } from '../workspace/workspace-store'

export interface TableTarget {
  connectionId: string
  dialect: Dialect
  defaultSchema: string
  schema: string
  name: string
}

/** The table's name as the editor should have it: schema-qualified outside the default schema, quoted if needed. */
export function sqlName(t: TableTarget): string {
  return qualifiedIdentifier(t.dialect, t.name, t.schema && t.schema !== t.defaultSchema ? t.schema : null)
}

export function selectTop100(t: TableTarget): string {
  return factsOf(t.dialect).limitSyntax === 'top' ? `SELECT TOP 100 * FROM ${sqlName(t)};` : `SELECT * FROM ${sqlName(t)} LIMIT 100;`
}

/** Opens the query in a new editor tab on the table's connection and runs it. */
export function runSelectTop100(t: TableTarget): void {
  useAppStore.getState().setView('editor')
  const sql = selectTop100(t)
  void useWorkspace.getState().add(t.connectionId, { title: t.name, sql }).getState().runSql({ sql, editorOffset: 0 })
}

export async function copyName(t: TableTarget): Promise<void> {
  await navigator.clipboard.writeText(sqlName(t))
}

export async function generateDdl(t: TableTarget): Promise<string> {
  return (await tableSource(t)).ddl
}

/** A table's or view's DDL; for a view also the tables it reads (null: its query could not be parsed). */
export async function tableSource(t: TableTarget): Promise<{ ddl: string; reads?: string[] | null }> {
  return api.call('schema.ddl', { connectionId: t.connectionId, schema: t.schema, table: t.name })
}

/** A routine's, trigger's, sequence's or type's source; null when neither the engine nor the model has it. */
export async function objectSource(connectionId: string, ref: SchemaObjectRef): Promise<string | null> {
  const { ddl } = await api.call('schema.objectDdl', { connectionId, ref })
  return ddl
}

/** The object's name as the editor should have it (a routine without its arguments). */
export function objectSqlName(dialect: Dialect, defaultSchema: string, ref: SchemaObjectRef): string {
  // A trigger is named on its table, never schema-qualified.
  if (ref.kind === 'trigger') return qualifiedIdentifier(dialect, ref.name, null)
  return qualifiedIdentifier(dialect, ref.name, ref.schema && ref.schema !== defaultSchema ? ref.schema : null)
}

export function openInErd(t: TableTarget): void {
  useErdStore.getState().show({ connectionId: t.connectionId, focus: [t.schema ? `${t.schema}.${t.name}` : t.name] })
  useAppStore.getState().setView('erd')
}

export const docsAvailable = (): boolean => views.some((v) => v.id === 'docs')

/** Opens the docs view at this table. */
export async function openDocs(t: TableTarget): Promise<void> {
  if (!docsAvailable()) return
  useAppStore.getState().setView('docs')
  await useDocsStore.getState().select(t.connectionId, t.schema, t.name)
}
