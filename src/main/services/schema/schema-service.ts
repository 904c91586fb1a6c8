import { namesOfModel, type SchemaNames } from '../../../shared/contract/schema'
import type { SchemaStatus } from '../../../shared/contract/schema'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { SchemaModel, SchemaObjectRef, TableModel } from '../../../shared/schema-model'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { generateDdl, generateObjectDdl } from '../engines'
import { introspectorFor } from '../engines'
import { finalizeModelWithJson } from './normalize'
import { type CacheEntry, SchemaCache } from './schema-cache'
import { sqlParser } from '../sql-parser'

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
  /**
   * The cache write of a model just returned, per connection: the caller has the model at once, the store gets it a
   * moment later (a worker thread writes it). Whatever reads the cache or compares with it waits for this first.
   */
  private readonly writes = new Map<string, { done: Promise<void>; entry: CacheEntry }>()
  /** Bumped by forget(): a write still running for a forgotten connection is taken out again when it lands. */
  private readonly generations = new Map<string, number>()
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(private readonly deps: SchemaServiceDeps) {
    this.cache = new SchemaCache(deps.store)
  }

  async get(connectionId: string, options: { refresh?: boolean } = {}): Promise<SchemaModel> {
    if (!options.refresh) {
      if (!this.memory.has(connectionId)) await this.whenStored(connectionId)
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
    if (!this.memory.has(connectionId)) await this.whenStored(connectionId)
    const cached = this.cached(connectionId)
    if (cached) {
      return namesOfModel(cached)
    }
    const session = await this.deps.sessions.metaSession(connectionId)
    const names = await introspectorFor(session.facts.dialect).listNames(session)
    return { ...names, fromCache: false }
  }

  /** Resolves once the model last returned for this connection is in the store (at once when nothing is being written). */
  async whenStored(connectionId: string): Promise<void> {
    for (let write = this.writes.get(connectionId); write; write = this.writes.get(connectionId)) await write.done
  }

  status(connectionId: string): SchemaStatus {
    const entry = this.writes.get(connectionId)?.entry ?? this.cache.entry(connectionId)
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
    return (await this.tableDdl(connectionId, schema, table)).ddl
  }

  /** The DDL of a table or view; for a view also the tables its query reads (null: the query could not be parsed). */
  async tableDdl(connectionId: string, schema: string, table: string): Promise<{ ddl: string; reads?: string[] | null }> {
    const model = await this.get(connectionId)
    const found = model.tables.find((t) => t.schema === schema && t.name === table)
    if (!found) throw new AppError('NOT_FOUND', `No table or view ${schema ? `${schema}.` : ''}${table} in the schema of this connection. Refresh the schema if it was just created.`)
    const ddl = generateDdl(model.dialect, found)
    return found.kind === 'table' ? { ddl } : { ddl, reads: viewReads(model, found) }
  }

  /**
   * The source of a routine, trigger, sequence or type: the engine's DDL from the cached model, else the definition
   * the model holds (routines and triggers), else null. NOT_FOUND when the model has no such object.
   */
  async objectDdl(connectionId: string, ref: SchemaObjectRef): Promise<string | null> {
    const model = await this.get(connectionId)
    const held = heldDefinition(model, ref)
    if (held === undefined) {
      const where = ref.table ? `${ref.schema ? `${ref.schema}.` : ''}${ref.table}` : ref.schema
      throw new AppError('NOT_FOUND', `No ${ref.kind} ${ref.name}${where ? ` in ${where}` : ''} in the schema of this connection. Refresh the schema if it was just created.`)
    }
    const generated = generateObjectDdl(model.dialect, model, ref)
    if (generated !== null) return generated
    return held ? (held.endsWith('\n') ? held : `${held}\n`) : null
  }

  /** After DDL ran on this connection: one refresh, a moment later, so a script of many DDL statements refreshes once. */
  scheduleRefresh(connectionId: string): void {
    clearTimeout(this.refreshTimers.get(connectionId))
    const timer = setTimeout(() => {
      this.refreshTimers.delete(connectionId)
      // Only connections whose schema somebody has loaded are worth re-reading.
      if (this.writes.has(connectionId) || this.cache.entry(connectionId)) this.introspect(connectionId).catch(() => {})
    }, this.deps.ddlRefreshDelayMs ?? 300)
    timer.unref?.()
    this.refreshTimers.set(connectionId, timer)
  }

  /** Drop the cached model (connection deleted or its target changed). */
  forget(connectionId: string): void {
    clearTimeout(this.refreshTimers.get(connectionId))
    this.refreshTimers.delete(connectionId)
    this.memory.delete(connectionId)
    this.generations.set(connectionId, (this.generations.get(connectionId) ?? 0) + 1)
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
    // The previous model's write, if still running, lands first: this one is compared with it (the catalog is read
    // meanwhile, below, only after it; it takes a fraction of the catalog's time).
    await this.whenStored(connectionId)
    const previous = this.cache.entry(connectionId)?.fingerprint
    const before = this.memory.get(connectionId)
    const raw = await introspectorFor(session.facts.dialect).introspect(session, {
      onProgress: (phase, done, total) => this.deps.events.emit('schema.progress', { connectionId, phase, done, total })
    })
    // The model's JSON for the cache comes out of the fingerprint's pass over it: the model is serialised once.
    const { model, pieces } = await finalizeModelWithJson(raw)
    const durationMs = performance.now() - started
    // Unchanged (same fingerprint and row estimates as the model cached and held): the cached JSON is already this
    // model; only its time moves. Otherwise the whole model is written. Either by the cache's writer thread, after
    // the caller has the model.
    const unchanged = before !== undefined && model.fingerprint === previous && before.fingerprint === previous && sameRowEstimates(before, model)
    this.storeLater(connectionId, model, durationMs, pieces, unchanged)
    this.memory.set(connectionId, model)
    if (model.fingerprint !== previous) this.deps.events.emit('schema.changed', { connectionId, fingerprint: model.fingerprint })
    return model
  }

  private storeLater(connectionId: string, model: SchemaModel, durationMs: number, pieces: string[], unchanged: boolean): void {
    const generation = this.generations.get(connectionId) ?? 0
    const entry: CacheEntry = { fingerprint: model.fingerprint, introspectedAt: model.introspectedAt, durationMs: Math.round(durationMs), tableCount: model.tables.length }
    const done = (unchanged ? this.cache.touchInBackground(connectionId, model.introspectedAt, durationMs) : Promise.resolve(false))
      .then((touched) => (touched ? undefined : this.cache.saveInBackground(connectionId, model, durationMs, pieces)))
      .catch(() => {
        // Not cached (the store failed): the next start introspects again; the model in hand is still right.
      })
      .then(() => {
        if ((this.generations.get(connectionId) ?? 0) !== generation) this.cache.delete(connectionId)
        if (this.writes.get(connectionId)?.done === done) this.writes.delete(connectionId)
      })
    this.writes.set(connectionId, { done, entry })
  }
}

/** Equal fingerprints mean the same tables in the same order; the row estimates are all the fingerprint leaves out. */
function sameRowEstimates(a: SchemaModel, b: SchemaModel): boolean {
  return a.tables.length === b.tables.length && a.tables.every((t, i) => t.rowEstimate === b.tables[i]!.rowEstimate)
}

/**
 * The definition the model holds for the object (routines and triggers carry theirs), '' when the object exists but
 * holds none, undefined when the model has no such object.
 */
function heldDefinition(model: SchemaModel, ref: SchemaObjectRef): string | undefined {
  const same = (o: { schema: string; name: string }): boolean => o.schema === ref.schema && o.name === ref.name
  switch (ref.kind) {
    case 'routine': {
      const matches = model.routines.filter(same)
      const routine = (ref.signature ? matches.find((r) => r.signature === ref.signature) : undefined) ?? matches[0]
      return routine ? (routine.definition ?? '') : undefined
    }
    case 'trigger': {
      const tables = model.tables.filter((t) => t.schema === ref.schema && (ref.table === undefined || t.name === ref.table))
      for (const t of tables) {
        const trigger = t.triggers.find((tg) => tg.name === ref.name)
        if (trigger) return trigger.definition ?? ''
      }
      return undefined
    }
    case 'sequence':
      return model.sequences.some(same) ? '' : undefined
    case 'enum':
      return model.enums.some(same) ? '' : undefined
    case 'domain':
      return model.domains.some(same) ? '' : undefined
    case 'type':
      return (model.types ?? []).some(same) ? '' : undefined
  }
}

/**
 * The tables and views a view's query reads, by node-sql-parser: schema-qualified as the model names them (names the
 * model does not know are kept as written); null when the parser cannot read the query.
 */
export function viewReads(model: SchemaModel, view: TableModel): string[] | null {
  const body = view.definition?.trim()
  if (!body) return null
  let entries: string[]
  try {
    // A stored query (PostgreSQL's pg_get_viewdef) or the whole CREATE VIEW (SQLite): both parse; only reads count.
    entries = sqlParser().tableList(body, { database: factsOf(model.dialect).parserDialect })
  } catch {
    return null
  }
  const out = new Set<string>()
  for (const entry of entries) {
    const [type, db, name] = entry.split('::')
    if (type !== 'select' || !name) continue
    const schema = db && db !== 'null' ? db : undefined
    const lower = name.toLowerCase()
    // Unqualified: the default schema (what the engine prints unqualified is on the search path), else the view's own.
    const hit =
      model.tables.find((t) => t.name === name && t.schema === (schema ?? model.defaultSchema)) ??
      model.tables.find((t) => t.name === name && t.schema === (schema ?? view.schema)) ??
      model.tables.find((t) => t.name.toLowerCase() === lower && (schema === undefined || t.schema.toLowerCase() === schema.toLowerCase()))
    if (hit && hit.schema === view.schema && hit.name === view.name) continue
    out.add(hit ? (hit.schema ? `${hit.schema}.${hit.name}` : hit.name) : schema ? `${schema}.${name}` : name)
  }
  return [...out]
}
