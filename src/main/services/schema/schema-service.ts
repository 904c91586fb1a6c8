import type { SchemaNames } from '../../../shared/contract/schema'
import type { SchemaStatus } from '../../../shared/contract/schema'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { generateDdl } from '../engines'
import { introspectorFor } from '../engines'
import { finalizeModel } from './normalize'
import { SchemaCache } from './schema-cache'

export interface SchemaServiceDeps {
  store: LocalStore
  /** The connection's long-lived catalog session (ConnectionService.metaSession). */
  sessions: { metaSession(connectionId: string): Promise<DriverSession> }
  events: EventSink
  /** Wait after a DDL statement before re-reading the catalog, so that a script of many DDL statements refreshes once. */
  ddlRefreshDelayMs?: number
}

/** One schema model per connection: cached with its fingerprint, introspected on demand, refreshed after DDL. */
export class SchemaService {
  private readonly cache: SchemaCache
  /** Parsed models already read from the store or the catalog: parsing a 5,000-table model costs a few hundred ms. */
  private readonly memory = new Map<string, SchemaModel>()
  private readonly inflight = new Map<string, Promise<SchemaModel>>()
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(private readonly deps: SchemaServiceDeps) {
    this.cache = new SchemaCache(deps.store)
  }

  async get(connectionId: string, options: { refresh?: boolean } = {}): Promise<SchemaModel> {
    if (!options.refresh) {
      const cached = this.cached(connectionId)
      if (cached) return cached
    }
    return this.introspect(connectionId)
  }

  private cached(connectionId: string): SchemaModel | null {
    const inMemory = this.memory.get(connectionId)
    if (inMemory) return inMemory
    const stored = this.cache.load(connectionId)
    if (stored) this.memory.set(connectionId, stored)
    return stored
  }

  /** Names from the cache, else one quick catalog query while the full model loads. */
  async names(connectionId: string): Promise<SchemaNames> {
    const cached = this.cached(connectionId)
    if (cached) {
      return {
        database: cached.database,
        defaultSchema: cached.defaultSchema,
        schemas: cached.schemas,
        tables: cached.tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.kind })),
        fromCache: true
      }
    }
    const session = await this.deps.sessions.metaSession(connectionId)
    const names = await introspectorFor(session.facts.dialect).listNames(session)
    return { ...names, fromCache: false }
  }

  status(connectionId: string): SchemaStatus {
    const entry = this.cache.entry(connectionId)
    return {
      cached: !!entry,
      loading: this.inflight.has(connectionId),
      fingerprint: entry?.fingerprint ?? null,
      introspectedAt: entry?.introspectedAt ?? null,
      durationMs: entry?.durationMs ?? null,
      tableCount: entry?.tableCount ?? null
    }
  }

  async ddl(connectionId: string, schema: string, table: string): Promise<string> {
    const model = await this.get(connectionId)
    const found = model.tables.find((t) => t.schema === schema && t.name === table)
    if (!found) throw new AppError('NOT_FOUND', `No table or view ${schema ? `${schema}.` : ''}${table} in the schema of this connection. Refresh the schema if it was just created.`)
    return generateDdl(model.dialect, found)
  }

  /** After DDL ran on this connection: one refresh, a moment later, so a script of many DDL statements refreshes once. */
  scheduleRefresh(connectionId: string): void {
    clearTimeout(this.refreshTimers.get(connectionId))
    const timer = setTimeout(() => {
      this.refreshTimers.delete(connectionId)
      // Only connections whose schema somebody has loaded are worth re-reading.
      if (this.cache.entry(connectionId)) this.introspect(connectionId).catch(() => {})
    }, this.deps.ddlRefreshDelayMs ?? 300)
    timer.unref?.()
    this.refreshTimers.set(connectionId, timer)
  }

  /** Drop the cached model (connection deleted or its target changed). */
  forget(connectionId: string): void {
    clearTimeout(this.refreshTimers.get(connectionId))
    this.refreshTimers.delete(connectionId)
    this.memory.delete(connectionId)
    this.cache.delete(connectionId)
  }

  dispose(): void {
    for (const t of this.refreshTimers.values()) clearTimeout(t)
    this.refreshTimers.clear()
  }

  private introspect(connectionId: string): Promise<SchemaModel> {
    const running = this.inflight.get(connectionId)
    if (running) return running
    const task = this.runIntrospection(connectionId).finally(() => this.inflight.delete(connectionId))
    this.inflight.set(connectionId, task)
    return task
  }

  private async runIntrospection(connectionId: string): Promise<SchemaModel> {
    const started = performance.now()
    const session = await this.deps.sessions.metaSession(connectionId)
    const previous = this.cache.entry(connectionId)?.fingerprint
    const raw = await introspectorFor(session.facts.dialect).introspect(session, {
      onProgress: (phase, done, total) => this.deps.events.emit('schema.progress', { connectionId, phase, done, total })
    })
    const model = finalizeModel(raw)
    this.cache.save(connectionId, model, performance.now() - started)
    this.memory.set(connectionId, model)
    if (model.fingerprint !== previous) this.deps.events.emit('schema.changed', { connectionId, fingerprint: model.fingerprint })
    return model
  }
}
