import { randomBytes } from 'node:crypto'
import { isStandaloneTask, type AiAskInput, type AiEvent, type AiPrivacyLevel, type AiProviderConfig, type AiSettings, type AiSettingsView, type AiSqlCheck } from '../../../shared/contract/ai'
import { AppError, type ErrorCode } from '../../../shared/errors'
import { qualifiedName, type SchemaModel } from '../../../shared/schema-model'
import { checkSql, extractSql } from './check/validate-sql'
import { allowedReadOnly, firstChange, scriptKind } from '../statements'
import { buildTaskContext, type ConversationContext } from './context'
import { ConversationRepository, type NewTurn } from './conversations/conversation-repository'
import { turnPromptText } from '../../../shared/contract/ai-conversations'
import { classifyFindings } from './optimize/classify-findings'
import { planToOptimize } from './optimize/optimize-context'
import { parseFindings } from './prompt/optimize-answer'
import { walkPlan } from '../../../shared/plan/walk'
import type { Plan } from '../../../shared/plan/model'
import type { AiDeps } from './deps'
import { classifyTask, routeChain } from './routing/task-routing'
import { DescriptionsRepository, parseDescriptions } from './descriptions-repository'
import { GlossaryRepository } from './glossary-repository'
import { correctionMessage } from './prompt/build-prompt'
import { RESULT_ROWS_SENT } from './prompt/result-for-prompt'
import { chatWithFallback } from './providers/fallback'
import { estimateCostUsd } from './providers/pricing'
import { validateApiKey } from './key-shape'
import { createProvider } from './providers/registry'
import { ProviderFailure, type ChatMessage, type Provider } from './providers/types'
import { ResponseCache } from './response-cache'
import { tablesFromSchema } from './retrieval/chunk'
import { offlineEmbedder, textEmbedder, type Embedder } from './retrieval/embedder'
import { SchemaIndex } from './retrieval/schema-index'
import { ValueIndex, valueMatchedTables } from './retrieval/value-index'
import type { NameLookup } from './retrieval/name-probe'
import { AiSettingsRepository } from './settings-repository'
import { UsageStore } from './usage-store'
import { inBackground } from '../background'

/** Where provider embeddings go (the opt-in), for the preview. */
export interface EmbeddingsVia {
  providerId: string
  label: string
  model: string
  remote: boolean
}

/**
 * What a request sends and where, in the words of the privacy labels (AI_PRIVACY_LABELS): the chat prompt to the
 * head of the chain, and with provider embeddings on, the question and every table description to the embeddings endpoint.
 */
export function whatLeaves(input: AiAskInput, privacy: AiPrivacyLevel, chain: Provider[], via: EmbeddingsVia | undefined, tableCount: number, earlierTurns = 0): string[] {
  const out: string[] = []
  const head = chain[0]
  const where = (remote: boolean) => (remote ? 'leaves this machine' : 'stays on this machine')
  const sent: string[] = ['the schema of the tables shown']
  if (input.question) sent.push('your question')
  if (earlierTurns) sent.push(`${earlierTurns} earlier turn${earlierTurns === 1 ? '' : 's'} of this conversation (questions, the SQL asked about and answers, under the same rules)`)
  const values = privacy === 'schema+samples' || chain.every((p) => p.local)
  if (input.task === 'explain' || input.task === 'fix') sent.push('the SQL as written, with its literals (which can be values)')
  if (input.task === 'fix') sent.push('the database error text (which can quote values)')
  if (input.task === 'optimize') sent.push(values ? 'the SQL and its EXPLAIN plan, literals as written' : 'the SQL and its EXPLAIN plan (which can hold values; string literals replaced by placeholders, numbers kept)')
  if (input.task === 'explainResult')
    sent.push(values ? `the query (literals as written) and the first ${RESULT_ROWS_SENT} rows on screen` : 'the query (string literals replaced by placeholders), the result\'s column names and types and its row count; no rows')
  if (privacy === 'schema+samples') sent.push('sample values of the best-matching tables')
  out.push(`Prompt to ${head.config.label} (${where(!head.local)}): ${sent.join('; ')}.`)
  const fallbacks = chain.slice(1)
  if (fallbacks.length) out.push(`If it fails, the same prompt goes to ${fallbacks.map((p) => `${p.config.label} (${where(!p.local)})`).join(', then ')}.`)
  const searched = [input.question && 'the question', input.sql && 'the SQL', input.error && 'the error text'].filter(Boolean)
  if (via)
    out.push(
      `Provider embeddings are on: ${input.task === 'describe' ? '' : `the text searched for (${searched.join(', ')}) and `}the descriptions of ${tableCount} tables (names, columns, types, comments) go to the embeddings endpoint of ${via.label} (${via.model}, ${where(via.remote)}).`
    )
  else out.push('Schema search uses the offline embedding: nothing is sent for it.')
  return out
}

/** Which of the question's proper names were looked up in the user's own database, and what came of it. */
export function namesLookedUpNote({ names, lookup }: { names: string[]; lookup: NameLookup }): string {
  const quoted = names.map((n) => `“${n}”`).join(', ')
  const columns = (n: number) => `${n} name column${n === 1 ? '' : 's'}`
  const found = lookup.tables.length ? `found in ${lookup.tables.join(', ')}` : `not found in the ${columns(lookup.searched)} searched`
  const gaps = lookup.unsearched ? `; ${columns(lookup.unsearched)} could not be searched in time` : ''
  return `Looked up ${quoted} in this database with read-only queries (the names go to the database, not to the AI provider): ${found}${gaps}.`
}

/** Tables per describe request: small enough for any context window and a readable JSON answer. */
const DESCRIBE_BATCH = 15

const FAILURE_CODE: Record<ProviderFailure['kind'], ErrorCode> = {
  auth: 'AUTH_FAILED',
  rate_limit: 'PROVIDER_ERROR',
  server: 'PROVIDER_ERROR',
  timeout: 'TIMEOUT',
  network: 'CONNECTION_REFUSED',
  cancelled: 'CANCELLED',
  bad_request: 'PROVIDER_ERROR'
}

/** The AI assistant: settings and keys, retrieval index, tasks with streaming, checking and guarded execution. */
export class AiService {
  readonly settings: AiSettingsRepository
  readonly glossary: GlossaryRepository
  readonly descriptions: DescriptionsRepository
  readonly index: SchemaIndex
  readonly usage: UsageStore
  readonly conversations: ConversationRepository
  private readonly cache: ResponseCache
  private readonly running = new Map<string, AbortController>()
  private readonly embeddingDims = new Map<string, number>()
  private readonly indexing = new Map<string, Promise<void>>()

  constructor(private readonly deps: AiDeps) {
    const db = deps.store.db
    this.settings = new AiSettingsRepository(db, deps.secrets)
    this.glossary = new GlossaryRepository(db)
    this.descriptions = new DescriptionsRepository(db)
    const values = new ValueIndex(db)
    this.index = new SchemaIndex(
      db,
      (connectionId, question) => valueMatchedTables(values.match(connectionId, question)),
      {
        // reading the database's names is part of the value index's opt-in; a failed lookup only leaves the ranking as it was
        lookUp: async (connectionId, columns, names, signal) =>
          values.status(connectionId).enabled && deps.findNames ? deps.findNames(connectionId, columns, names, signal).catch(() => undefined) : undefined,
        isStoredValue: (connectionId, phrase) => values.holdsWhole(connectionId, phrase)
      }
    )
    this.usage = new UsageStore(db)
    this.conversations = new ConversationRepository(db)
    this.cache = new ResponseCache(db)
  }

  // ---- settings, keys, privacy ----

  view(): AiSettingsView {
    const s = this.settings.get()
    return { ...s, providers: s.providers.map((p) => ({ ...p, hasKey: this.settings.hasKey(p.id) })) }
  }

  update(patch: Partial<AiSettings>): AiSettingsView {
    const next = { ...this.settings.get(), ...patch }
    const ids = next.providers.map((p) => p.id)
    if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', 'Two providers have the same id')
    for (const p of next.providers)
      if (p.kind === 'openai-compatible' && !p.baseUrl) throw new AppError('INVALID_INPUT', `${p.label}: an OpenAI-compatible provider needs a base URL (e.g. http://127.0.0.1:11434/v1 for Ollama)`)
    const before = this.settings.get().providers.map((p) => p.id)
    this.settings.save(next)
    // A removed provider's key must not linger in the store.
    for (const id of before) if (!ids.includes(id)) this.settings.setKey(id, null)
    return this.view()
  }

  setKey(providerId: string, key: string | null): void {
    const config = this.providerConfig(providerId)
    this.settings.setKey(providerId, key === null ? null : validateApiKey(config, key))
  }

  async testKey(providerId: string): Promise<{ ok: true; latencyMs: number; model: string }> {
    const config = this.providerConfig(providerId)
    const key = this.settings.key(providerId)
    if (!key && config.kind !== 'openai-compatible') throw new AppError('INVALID_INPUT', `No key is stored for ${config.label}`)
    const started = performance.now()
    try {
      await createProvider(config, key).test(AbortSignal.timeout(Math.min(config.timeoutMs, 20_000)))
    } catch (e) {
      throw this.toAppError(e, config.label, key)
    }
    return { ok: true, latencyMs: Math.round(performance.now() - started), model: config.model }
  }

  privacy(connectionId: string): AiPrivacyLevel {
    return this.settings.privacy(connectionId) ?? this.settings.get().defaultPrivacy
  }

  // ---- index ----

  /** Brings the connection's index up to date; concurrent callers share one run. */
  async ensureIndex(connectionId: string, schema?: SchemaModel, full = false): Promise<void> {
    const running = this.indexing.get(connectionId)
    if (running) await running.catch(() => {})
    const run = this.syncIndex(connectionId, schema, full)
    this.indexing.set(connectionId, run)
    try {
      await run
    } finally {
      if (this.indexing.get(connectionId) === run) this.indexing.delete(connectionId)
    }
  }

  private async syncIndex(connectionId: string, schema: SchemaModel | undefined, full: boolean): Promise<void> {
    const model = schema ?? (await this.deps.getSchema(connectionId))
    const embedder = await this.embedderFor(connectionId)
    const status = this.index.status(connectionId, embedder)
    if (!full && status.fingerprint === model.fingerprint && status.embedded === status.tables && status.tables > 0) return
    if (full) this.deps.store.db.prepare('delete from ai_index_meta where connection_id = ?').run(connectionId)
    const emit = (phase: string, done: number, total: number) => this.deps.events.emit('ai.index.progress', { connectionId, phase, done, total })
    emit('chunking', 0, model.tables.length)
    await this.index.sync(connectionId, tablesFromSchema(model), embedder, { fingerprint: model.fingerprint, onProgress: (d, t) => emit('embedding', d, t) })
    emit('done', model.tables.length, model.tables.length)
  }

  indexStatus(connectionId: string) {
    const space = this.deps.store.db.prepare('select space from ai_index_meta where connection_id = ?').get(connectionId) as { space: string } | undefined
    const embedder = space?.space === offlineEmbedder.space || !space ? offlineEmbedder : ({ space: space.space, dim: 0 } as Embedder)
    return { connectionId, embedding: embedder.space, ...this.index.status(connectionId, embedder) }
  }

  /** Drops everything the assistant keeps for a deleted connection (index, privacy, descriptions, glossary terms). */
  forget(connectionId: string): void {
    this.index.forget(connectionId)
    this.conversations.forget(connectionId)
    const db = this.deps.store.db
    db.transaction(() => {
      for (const table of ['ai_privacy', 'ai_descriptions', 'ai_glossary', 'ai_index_meta']) db.prepare(`delete from ${table} where connection_id = ?`).run(connectionId)
    })()
  }

  // ---- tasks ----

  /** Starts a task; every task but describe belongs to a conversation, a new one when the input names none. */
  ask(input: AiAskInput): { requestId: string; conversationId?: string } {
    const requestId = input.requestId ?? `a_${randomBytes(9).toString('base64url')}`
    if (this.running.has(requestId)) throw new AppError('INVALID_INPUT', 'That request id is already running')
    if (input.conversationId) this.ownConversation(input.conversationId, input.connectionId)
    const conversationId = isStandaloneTask(input.task) ? undefined : (input.conversationId ?? this.conversations.create(input.connectionId).id)
    const ac = new AbortController()
    this.running.set(requestId, ac)
    void inBackground(this.run(requestId, { ...input, conversationId }, ac.signal), (error) => this.deps.events.emit('ai.event', { type: 'error', requestId, error })).finally(() =>
      this.running.delete(requestId)
    )
    return conversationId ? { requestId, conversationId } : { requestId }
  }

  cancel(requestId: string): void {
    this.running.get(requestId)?.abort()
  }

  async preview(input: AiAskInput) {
    const { chain: configured, privacy, notes } = this.chainFor(input)
    const plan = input.task === 'optimize' ? await planToOptimize(this.deps, input) : undefined
    const schema = await this.deps.getSchema(input.connectionId)
    await this.ensureIndex(input.connectionId, schema)
    const { embedder, via } = await this.embedding(input.connectionId)
    const build = (chain: Provider[]) => buildTaskContext(this.deps, this.index, this.glossary, embedder, input, schema, privacy, chain, plan, this.conversationOf(input))
    const { chain, ctx, note } = await this.routedContext(input, configured, build)
    if (note) notes.push(note)
    if (ctx.namesLookedUp) notes.push(namesLookedUpNote(ctx.namesLookedUp))
    const earlierTurns = ctx.history.included + ctx.history.summarised
    return {
      providerId: chain[0].config.id,
      model: input.model ?? chain[0].config.model,
      remote: !chain[0].local,
      privacy,
      system: ctx.prompt.system,
      messages: ctx.prompt.messages,
      tables: ctx.prompt.tables,
      estimatedTokens: ctx.prompt.estimatedTokens,
      ...(via ? { embeddings: via } : {}),
      leaves: whatLeaves(input, privacy, chain, via, schema.tables.length, earlierTurns),
      notes,
      history: ctx.history,
      pinned: ctx.pinned
    }
  }

  async check(connectionId: string, sql: string): Promise<AiSqlCheck> {
    const [schema, analysis] = await Promise.all([this.deps.getSchema(connectionId), this.deps.analyse(connectionId, sql)])
    return checkSql(sql, schema, scriptKind(analysis))
  }

  /** Runs SQL the assistant produced: reads run; writes and DDL need `confirmed` and a writable connection. */
  async execute(connectionId: string, sql: string, confirmed: boolean) {
    const [info, analysis] = await Promise.all([this.deps.connectionInfo(connectionId), this.deps.analyse(connectionId, sql)])
    const classification = scriptKind(analysis)
    const change = firstChange(analysis)
    if (change) {
      if (info.readOnly && !analysis.statements.every(allowedReadOnly)) throw new AppError('READ_ONLY', `This connection is read-only: ${change.reason}.`)
      if (!confirmed) throw new AppError('CONFIRMATION_REQUIRED', `This SQL may change something (${change.reason}); confirm to run it.`)
    }
    const { runId } = await this.deps.runSql(connectionId, sql, { confirmedWrite: change !== undefined && confirmed, analysis })
    return { runId, classification }
  }

  private async run(requestId: string, input: AiAskInput, signal: AbortSignal): Promise<void> {
    const emit = (e: AiEvent) => this.deps.events.emit('ai.event', e)
    const started = performance.now()
    let keys: string[] = []
    try {
      const { chain: configured, privacy, keys: k, notes } = this.chainFor(input)
      keys = k
      for (const message of notes) emit({ type: 'status', requestId, message })
      // the plan first: a statement it refuses must not reach any provider, not even as an embedding request
      const plan = input.task === 'optimize' ? await planToOptimize(this.deps, input) : undefined
      const schema = await this.deps.getSchema(input.connectionId)
      await this.ensureIndex(input.connectionId, schema)
      signal.throwIfAborted()
      if (input.task === 'describe') return await this.describe(requestId, input, this.route(input, configured, 0).chain, schema, privacy, signal, started)
      const conversation = this.conversationOf(input)
      const embedder = await this.embedderFor(input.connectionId)
      const build = (chain: Provider[]) => buildTaskContext(this.deps, this.index, this.glossary, embedder, input, schema, privacy, chain, plan, conversation)
      const { chain, ctx, note } = await this.routedContext(input, configured, build)
      if (note) emit({ type: 'status', requestId, message: note })
      if (ctx.namesLookedUp) emit({ type: 'status', requestId, message: namesLookedUpNote(ctx.namesLookedUp) })
      if (ctx.history.dropped || ctx.history.summarised)
        emit({ type: 'status', requestId, message: `Earlier turns: ${ctx.history.included} sent in full, ${ctx.history.summarised} as one line each, ${ctx.history.dropped} left out to fit the model's context.` })
      const sqlOf = (answer: string) => {
        const found = extractSql(answer)
        return found === undefined ? undefined : ctx.unmask(found)
      }

      const first = await this.chat(requestId, input, chain, ctx.prompt.system, ctx.prompt.messages, signal)
      let { text } = first
      let answered = first
      let sql: string | undefined
      let check: AiSqlCheck | undefined
      if (input.task === 'ask' || input.task === 'fix' || input.task === 'optimize') {
        sql = sqlOf(text)
        check = sql ? checkSql(sql, schema, scriptKind(await this.deps.analyse(input.connectionId, sql))) : undefined
        if (check && (!check.parsed || check.unknownTables.length || check.unknownColumns.length)) {
          emit({ type: 'status', requestId, message: `Checking the SQL found problems (${check.warnings.join('; ')}); asking the model to correct it.` })
          const messages: ChatMessage[] = [...ctx.prompt.messages, { role: 'assistant', content: text }, { role: 'user', content: correctionMessage(check.warnings, input.task) }]
          const chainFromAnswerer = [answered.provider, ...chain.filter((p) => p !== answered.provider)]
          const second = await this.chat(requestId, { ...input, model: answered.model }, chainFromAnswerer, ctx.prompt.system, messages, signal)
          const sql2 = sqlOf(second.text)
          if (sql2) {
            text = second.text
            sql = sql2
            check = checkSql(sql2, schema, scriptKind(await this.deps.analyse(input.connectionId, sql2)))
          }
          answered = { ...second, inputTokens: first.inputTokens + second.inputTokens, outputTokens: first.outputTokens + second.outputTokens, costUsd: first.costUsd + second.costUsd, cached: first.cached && second.cached }
        }
      }
      const findings = ctx.plan ? await this.findings(input.connectionId, text, ctx.plan, schema, ctx.unmask) : undefined
      const usage = { inputTokens: answered.inputTokens, outputTokens: answered.outputTokens, costUsd: answered.costUsd }
      // kept with the literals put back: the store is local, and the next turn masks them again as its privacy requires
      const optimize = ctx.plan ? { plan: ctx.plan, findings: findings ?? [], analyze: input.analyze === true } : undefined
      this.remember(requestId, input, { answer: ctx.unmask(text), sql, check, providerId: answered.provider.config.id, model: answered.model, usage, optimize })
      emit({
        type: 'done',
        requestId,
        providerId: answered.provider.config.id,
        model: answered.model,
        text,
        ...(sql ? { sql } : {}),
        ...(check ? { check } : {}),
        ...(ctx.plan ? { plan: ctx.plan, findings } : {}),
        usage,
        cached: answered.cached,
        durationMs: Math.round(performance.now() - started)
      })
    } catch (e) {
      const err = this.toAppError(e, 'The AI provider', ...keys)
      this.remember(requestId, input, { answer: '', error: err.toShape() })
      emit({ type: 'error', requestId, error: err.toShape() })
    }
  }

  /** The conversation an input names (its earlier turns and scope). */
  private conversationOf(input: AiAskInput): ConversationContext | undefined {
    if (!input.conversationId || isStandaloneTask(input.task)) return undefined
    const { scope } = this.ownConversation(input.conversationId, input.connectionId)
    return { turns: this.conversations.turns(input.conversationId), scope }
  }

  /** A conversation continues only on its own connection. */
  private ownConversation(conversationId: string, connectionId: string) {
    const summary = this.conversations.summary(conversationId)
    if (summary.connectionId !== connectionId) throw new AppError('INVALID_INPUT', 'That conversation belongs to another connection')
    return summary
  }

  /** Appends a finished (or failed) turn to its conversation; a conversation deleted meanwhile stays deleted. */
  private remember(requestId: string, input: AiAskInput, outcome: Omit<NewTurn, 'requestId' | 'task' | 'prompt'>): void {
    if (!input.conversationId || isStandaloneTask(input.task)) return
    try {
      this.conversations.append(input.conversationId, { requestId, task: input.task, prompt: turnPromptText(input), requestSql: input.sql, requestError: input.error, ...outcome })
    } catch {
      // the conversation was deleted while the answer streamed: the user's choice stands
    }
  }

  /** The findings of an optimize answer, tied to the plan's nodes, their SQL classified as ai.execute will see it. */
  private async findings(connectionId: string, answer: string, plan: Plan, schema: SchemaModel, unmask: (sql: string) => string) {
    const ids = new Set<string>()
    for (const { node } of walkPlan(plan.root)) ids.add(node.id)
    const { readOnly } = await this.deps.connectionInfo(connectionId)
    return classifyFindings(parseFindings(answer, ids), { schema, readOnly, unmask, analyse: (sql) => this.deps.analyse(connectionId, sql) })
  }

  /**
   * Descriptions for the docs export, in batches that fit any context window: the named tables, or every
   * table that has neither a database comment nor an AI description yet (at most 200 per request).
   */
  private async describe(requestId: string, input: AiAskInput, chain: Provider[], schema: SchemaModel, privacy: AiPrivacyLevel, signal: AbortSignal, started: number): Promise<void> {
    const emit = (e: AiEvent) => this.deps.events.emit('ai.event', e)
    const known = new Set(schema.tables.map(qualifiedName))
    const described = new Set(this.descriptions.list(input.connectionId).filter((d) => d.column === null).map((d) => d.table))
    const targets = input.tables?.length
      ? input.tables.filter((t) => known.has(t))
      : schema.tables
          .filter((t) => !t.comment && !described.has(qualifiedName(t)))
          .map(qualifiedName)
          .slice(0, 200)
    let provider = chain[0]
    let model = input.model ?? chain[0].config.model
    const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 }
    let cached = true
    let tablesDescribed = 0
    let columnsDescribed = 0
    const embedder = await this.embedderFor(input.connectionId)
    for (let i = 0; i < targets.length; i += DESCRIBE_BATCH) {
      signal.throwIfAborted()
      const batchInput = { ...input, tables: targets.slice(i, i + DESCRIBE_BATCH) }
      const ctx = await buildTaskContext(this.deps, this.index, this.glossary, embedder, batchInput, schema, privacy, chain)
      const r = await this.chat(requestId, batchInput, chain, ctx.prompt.system, ctx.prompt.messages, signal)
      const items = parseDescriptions(r.text, known)
      this.descriptions.save(input.connectionId, items)
      tablesDescribed += items.filter((d) => d.column === null).length
      columnsDescribed += items.filter((d) => d.column !== null).length
      provider = r.provider
      model = r.model
      usage.inputTokens += r.inputTokens
      usage.outputTokens += r.outputTokens
      usage.costUsd += r.costUsd
      cached &&= r.cached
      emit({ type: 'status', requestId, message: `Described ${Math.min(i + DESCRIBE_BATCH, targets.length)} of ${targets.length} tables` })
    }
    const text = targets.length
      ? `Wrote descriptions for ${tablesDescribed} tables and ${columnsDescribed} columns. They appear in the schema docs, marked as AI-written.`
      : 'Every table already has a description.'
    emit({ type: 'done', requestId, providerId: provider.config.id, model, text, usage, cached: targets.length > 0 && cached, durationMs: Math.round(performance.now() - started) })
  }

  /** One model call: from the cache when allowed and identical, else through the fallback chain; usage recorded. */
  private async chat(requestId: string, input: AiAskInput, chain: Provider[], system: string, messages: ChatMessage[], signal: AbortSignal) {
    const emit = (e: AiEvent) => this.deps.events.emit('ai.event', e)
    const settings = this.settings.get()
    const head = chain[0]
    const model = input.model ?? head.config.model
    const key = ResponseCache.key({ providerKind: head.config.kind, baseUrl: head.config.baseUrl, model, system, messages })
    const started = performance.now()
    if (settings.cacheEnabled && !input.noCache) {
      const hit = this.cache.get(key)
      if (hit) {
        emit({ type: 'token', requestId, text: hit.text })
        this.usage.record({ requestId, providerId: head.config.id, model, task: input.task, inputTokens: 0, outputTokens: 0, costUsd: 0, cached: true, durationMs: performance.now() - started, outcome: 'ok' })
        return { provider: head, model, text: hit.text, inputTokens: 0, outputTokens: 0, costUsd: 0, cached: true }
      }
    }
    try {
      const r = await chatWithFallback(chain, {
        system,
        messages,
        model: input.model,
        signal,
        onToken: (text) => emit({ type: 'token', requestId, text }),
        onFallback: (from, to, reason) => emit({ type: 'fallback', requestId, from: from.config.label, to: to.config.label, reason })
      })
      const costUsd = estimateCostUsd(r.model, r.result.inputTokens, r.result.outputTokens, r.provider.local)
      this.usage.record({ requestId, providerId: r.provider.config.id, model: r.model, task: input.task, inputTokens: r.result.inputTokens, outputTokens: r.result.outputTokens, costUsd, cached: false, durationMs: performance.now() - started, outcome: 'ok' })
      // Only cache what the head of the chain answered: the key names that provider and model.
      if (settings.cacheEnabled && r.provider === head && r.model === model) this.cache.put(key, { text: r.result.text, inputTokens: r.result.inputTokens, outputTokens: r.result.outputTokens })
      return { provider: r.provider, model: r.model, text: r.result.text, inputTokens: r.result.inputTokens, outputTokens: r.result.outputTokens, costUsd, cached: false }
    } catch (e) {
      const outcome = e instanceof ProviderFailure && e.kind === 'cancelled' ? 'cancelled' : 'error'
      this.usage.record({ requestId, providerId: head.config.id, model, task: input.task, inputTokens: 0, outputTokens: 0, costUsd: 0, cached: false, durationMs: performance.now() - started, outcome })
      throw e
    }
  }

  /**
   * The providers a request may use, in fallback order, honouring the connection's privacy level. Under "Shares
   * nothing" a remote provider is never swapped for a local one silently: one the user picked is refused, ones of the
   * default chain are skipped and `notes` says so (the preview shows it, the answer's stream carries it as a status).
   */
  /** The chain reordered by the routing rule (Settings); a provider picked for the request is never rerouted. */
  private route(input: AiAskInput, chain: Provider[], tablesInContext: number): { chain: Provider[]; note?: string } {
    return input.providerId ? { chain } : routeChain(chain, classifyTask(input.task, tablesInContext), this.settings.get().routing)
  }

  /**
   * A question's class depends on how many tables its context needs, so the context is built first and, when routing
   * picks another head (with its own context budget), built again for it.
   */
  private async routedContext<C extends { prompt: { tables: string[] } }>(input: AiAskInput, chain: Provider[], build: (chain: Provider[]) => Promise<C>) {
    const ctx = await build(chain)
    const routed = this.route(input, chain, ctx.prompt.tables.length)
    return routed.chain[0] === chain[0] ? { chain, ctx } : { chain: routed.chain, ctx: await build(routed.chain), note: routed.note }
  }

  private chainFor(input: AiAskInput): { chain: Provider[]; privacy: AiPrivacyLevel; keys: string[]; notes: string[] } {
    const settings = this.settings.get()
    const privacy = this.privacy(input.connectionId)
    let configs = settings.providers.filter((p) => p.enabled)
    if (input.providerId) {
      const chosen = configs.find((p) => p.id === input.providerId)
      if (!chosen) throw new AppError('NOT_FOUND', `No enabled AI provider "${input.providerId}"`)
      configs = [chosen, ...configs.filter((p) => p !== chosen)]
    }
    const keys: string[] = []
    let chain = configs
      .map((c) => {
        const key = this.settings.key(c.id)
        if (key) keys.push(key)
        return { c, key }
      })
      .filter(({ c, key }) => key || c.kind === 'openai-compatible')
      .map(({ c, key }) => createProvider(c, key))
    const notes: string[] = []
    if (privacy === 'none') {
      const remote = chain.filter((p) => !p.local)
      if (input.providerId && remote.some((p) => p.config.id === input.providerId)) {
        const picked = remote.find((p) => p.config.id === input.providerId)!
        throw new AppError(
          'INVALID_INPUT',
          `Privacy for this connection is "Shares nothing": ${picked.config.label} is not on this machine, so it is not used and no local model answers in its place. Pick a local provider or change the privacy level.`
        )
      }
      chain = chain.filter((p) => p.local)
      if (remote.length && chain.length)
        notes.push(
          `"Shares nothing": skipped ${remote.map((p) => p.config.label).join(', ')} (not on this machine); ${chain[0].config.label} on this machine answers instead.`
        )
    }
    if (chain.length === 0)
      throw new AppError(
        'INVALID_INPUT',
        privacy === 'none'
          ? 'Privacy for this connection allows local models only: add an OpenAI-compatible provider on this machine (Ollama, LM Studio, llama.cpp).'
          : 'No AI provider is ready: add one in Settings → AI and enter its key.'
      )
    return { chain, privacy, keys, notes }
  }

  private async embedderFor(connectionId: string): Promise<Embedder> {
    return (await this.embedding(connectionId)).embedder
  }

  /**
   * The embedder of a connection's index and questions: the offline one unless the user opted in to provider
   * embeddings (then table descriptions and questions go to `via`), and never a remote one under "Shares nothing".
   */
  private async embedding(connectionId: string): Promise<{ embedder: Embedder; via?: EmbeddingsVia }> {
    const settings = this.settings.get()
    if (!settings.useProviderEmbeddings) return { embedder: offlineEmbedder }
    const privacy = this.privacy(connectionId)
    for (const c of settings.providers.filter((p) => p.enabled && p.embeddingModel && p.kind !== 'anthropic')) {
      const provider = createProvider(c, this.settings.key(c.id))
      if (!provider.embed || (privacy === 'none' && !provider.local)) continue
      const cacheKey = `${c.id}:${c.embeddingModel}`
      try {
        let dim = this.embeddingDims.get(cacheKey)
        if (!dim) {
          dim = (await provider.embed(['dimension probe']))[0].length
          this.embeddingDims.set(cacheKey, dim)
        }
        return {
          embedder: textEmbedder(`${c.id}_${c.embeddingModel}_${dim}`, dim, (texts, signal) => provider.embed!(texts, signal)),
          via: { providerId: c.id, label: c.label, model: c.embeddingModel!, remote: !provider.local }
        }
      } catch {
        // Provider embeddings unavailable (offline, quota): retrieval still works with the offline embedding.
      }
    }
    return { embedder: offlineEmbedder }
  }

  private providerConfig(providerId: string): AiProviderConfig {
    const config = this.settings.get().providers.find((p) => p.id === providerId)
    if (!config) throw new AppError('NOT_FOUND', `No AI provider "${providerId}" is configured`)
    return config
  }

  /** Maps failures to AppErrors and removes every key from the message. */
  private toAppError(e: unknown, label: string, ...keys: string[]): AppError {
    let err: AppError
    if (e instanceof AppError) err = e
    else if (e instanceof ProviderFailure) err = new AppError(FAILURE_CODE[e.kind], e.message)
    else if ((e as Error)?.name === 'AbortError') err = new AppError('CANCELLED', 'Cancelled')
    else if (typeof (e as { status?: unknown })?.status === 'number') {
      const status = (e as { status: number }).status
      err = new AppError(status === 401 || status === 403 ? 'AUTH_FAILED' : 'PROVIDER_ERROR', `${label} answered HTTP ${status}`)
    } else err = new AppError('INTERNAL', e instanceof Error ? e.message : String(e))
    let message = err.message
    for (const k of keys) if (k && k.length >= 4) message = message.split(k).join('[redacted]')
    return message === err.message ? err : new AppError(err.code, message, err.detail)
  }
}
