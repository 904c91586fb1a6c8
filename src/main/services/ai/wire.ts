import type { ConnectionProfile } from '../../../shared/contract/connections'
import type { CallInput } from '../../../shared/contract'
import type { SchemaModel } from '../../../shared/schema-model'
import { qualifiedName } from '../../../shared/schema-model'
import type { SecretBox } from '../connections/secret-box'
import type { DriverSession } from '../drivers/types'
import { PlanService } from '../plan/plan-service'
import type { Analysis } from '../statements'
import type { HistoryRepository } from '../history/history-repository'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import type { AiDeps } from './deps'
import { sampleValuesWith } from './session-helpers'
import { lookUpNames } from './retrieval/name-probe'

/**
 * AiDeps from the app's services, for the composition root:
 *   createAiHandlers(aiDepsFrom({ store, events, secretBox, schema, connections, queries, history: queries.history }))
 */
export function aiDepsFrom(s: {
  store: LocalStore
  events: EventSink
  secretBox: Pick<SecretBox, 'encrypt' | 'decrypt'>
  schema: { get(connectionId: string): Promise<SchemaModel> }
  connections: { get(id: string): ConnectionProfile; session(id: string): Promise<DriverSession>; metaSession(id: string): Promise<DriverSession>; analyse(id: string, sql: string): Promise<Analysis> }
  queries: { run(input: CallInput<'query.run'>, analysed?: Analysis): { runId: string } | Promise<{ runId: string }> }
  history?: Pick<HistoryRepository, 'list'>
}): AiDeps {
  // a session of its own per plan, as plan.explain does: ANALYZE's rolled-back transaction never shares a session
  const plans = new PlanService(s.connections)
  return {
    store: s.store,
    events: s.events,
    secrets: s.secretBox,
    getSchema: (id) => s.schema.get(id),
    connectionInfo: async (id) => {
      const p = s.connections.get(id)
      return { dialect: p.dialect, readOnly: p.readOnly }
    },
    analyse: (id, sql) => s.connections.analyse(id, sql),
    plan: (id, sql, analyze) => plans.explain({ connectionId: id, sql, analyze }),
    runSql: async (id, sql, { confirmedWrite, analysis }) => s.queries.run({ connectionId: id, sql, confirmedWrite }, analysis),
    sampleValues: async (id, table, perColumn) => {
      const model = await s.schema.get(id)
      const t = model.tables.find((x) => qualifiedName(x) === table)
      if (!t) return {}
      return sampleValuesWith(await s.connections.metaSession(id), table, t.columns.map((c) => c.name), perColumn)
    },
    // a session of its own: a lookup given up is cancelled on the server, which must not cancel the catalog's work
    findNames: async (id, columns, names, signal) => lookUpNames(() => s.connections.session(id), await s.schema.get(id), columns, names, { signal }),
    successfulQueries: async (id, limit) =>
      s.history
        ? s.history
            .list({ connectionId: id, limit })
            .filter((h) => h.status === 'ok')
            .map((h) => h.sql)
        : []
  }
}
