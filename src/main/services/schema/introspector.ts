import type { Dialect } from '../../../shared/cells'
import type { SchemaNames as SchemaNamesResult } from '../../../shared/contract/schema'
import type { SchemaModel } from '../../../shared/schema-model'
import type { CatalogSession } from './catalog-session'

export interface IntrospectOptions {
  /** Restrict to these schemas (databases on MySQL). Default: every user schema (the current database on MySQL). */
  schemas?: string[]
  onProgress?: (phase: string, done: number, total: number) => void
}

/** What names-first listing returns: enough for the explorer tree before details arrive. */
export type SchemaNames = Omit<SchemaNamesResult, 'fromCache'>

/** The model without the fields the service adds (fingerprint, introspectedAt). */
export type IntrospectedModel = Omit<SchemaModel, 'fingerprint' | 'introspectedAt'>

/** One per dialect: set-based catalog queries, never one query per table. */
export interface Introspector {
  readonly dialect: Dialect
  listNames(session: CatalogSession, options?: IntrospectOptions): Promise<SchemaNames>
  introspect(session: CatalogSession, options?: IntrospectOptions): Promise<IntrospectedModel>
}

/** Reports progress through a fixed list of phases. */
export function phaseReporter(phases: readonly string[], onProgress?: IntrospectOptions['onProgress']): (phase: string) => void {
  let done = 0
  return (phase) => {
    onProgress?.(phase, done++, phases.length)
  }
}
