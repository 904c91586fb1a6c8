import type { Dialect } from '../../../shared/cells'
import type { Plan } from '../../../shared/plan/model'
import type { SchemaModel } from '../../../shared/schema-model'
import type { SecretBox } from '../connections/secret-box'
import type { Analysis } from '../statements'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import type { NameColumn } from './retrieval/name-columns'
import type { NameLookup } from './retrieval/name-probe'

/** What the AI area needs from the rest of the app; the composition root wires these. */
export interface AiDeps {
  store: LocalStore
  events: EventSink
  secrets: Pick<SecretBox, 'encrypt' | 'decrypt'>
  /** The cached SchemaModel of a connection (introspecting when needed). */
  getSchema(connectionId: string): Promise<SchemaModel>
  connectionInfo(connectionId: string): Promise<{ dialect: Dialect; readOnly: boolean }>
  /** The statement analyser with the connection's catalog context: the one answer to "does this change anything?". */
  analyse(connectionId: string, sql: string): Promise<Analysis>
  /**
   * The plan of exactly one statement in the plan model (plan.explain's path: plannableStatement refuses scripts, and
   * with `analyze` anything but a read, before any session is opened); `analyze` runs it in a rolled-back transaction.
   */
  plan(connectionId: string, sql: string, analyze: boolean): Promise<Plan>
  /** Starts a query run (the query area's `query.run`). */
  runSql(connectionId: string, sql: string, opts: { confirmedWrite: boolean; analysis?: Analysis }): Promise<{ runId: string }>
  /** A few distinct values per column of a table; only called when the connection's privacy allows samples. */
  sampleValues?(connectionId: string, table: string, perColumn: number): Promise<Record<string, string[]>>
  /** The tables of `columns` that hold one of the question's proper `names` on the live database; undefined when nothing could be checked. */
  findNames?(connectionId: string, columns: NameColumn[], names: string[], signal?: AbortSignal): Promise<NameLookup | undefined>
  /** Recent successful queries of the connection (history), newest first. */
  successfulQueries?(connectionId: string, limit: number): Promise<string[]>
}
