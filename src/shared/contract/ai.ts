import { z } from 'zod'
import { AppErrorShape } from '../errors'
import { Plan } from '../plan/model'
import { StatementKind } from '../statement-kinds'
import { call, Empty, Id, Ok, patchOf } from './define'
import { AI_ROUTING_DEFAULT, AiRouting } from './ai-routing'

export const AiProviderKind = z.enum(['openai', 'anthropic', 'gemini', 'openai-compatible'])
export type AiProviderKind = z.infer<typeof AiProviderKind>

/** One configured provider. The fallback chain is the order of `providers` (enabled ones only). */
export const AiProviderConfig = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _'),
  kind: AiProviderKind,
  label: z.string().min(1).max(100),
  enabled: z.boolean().default(true),
  /** Required for openai-compatible (Ollama http://127.0.0.1:11434/v1, LM Studio, llama.cpp); optional override otherwise. */
  baseUrl: z.string().url().max(500).optional(),
  model: z.string().min(1).max(200),
  /** Provider embeddings for retrieval; empty means the offline embedding is used. */
  embeddingModel: z.string().max(200).optional(),
  /** Context window of the model in tokens; the prompt is fitted into it. */
  contextTokens: z.number().int().min(1_000).max(10_000_000).default(32_000),
  maxOutputTokens: z.number().int().min(16).max(200_000).default(2_048),
  timeoutMs: z.number().int().min(1_000).max(600_000).default(60_000)
})
export type AiProviderConfig = z.infer<typeof AiProviderConfig>

/** What the renderer sees: the config plus whether a key is stored, never the key. */
export const AiProviderView = AiProviderConfig.extend({ hasKey: z.boolean() })
export type AiProviderView = z.infer<typeof AiProviderView>

/** What may leave the machine for a connection. `none` = only providers on this machine may be used. */
export const AiPrivacyLevel = z.enum(['none', 'schema', 'schema+samples'])
export type AiPrivacyLevel = z.infer<typeof AiPrivacyLevel>

/**
 * The privacy levels as the UI shows them: `label` for the picker, `detail` says exactly what a request at that level
 * sends to a provider off this machine (the AI service tests check the text against what a provider receives).
 */
export const AI_PRIVACY_LABELS: Record<AiPrivacyLevel, { label: string; detail: string }> = {
  none: {
    label: 'Shares nothing (local model only)',
    detail:
      'Only providers on this machine (localhost) are used, for answers and for provider embeddings. A remote provider is never ' +
      'replaced by a local one silently: one you pick is refused, ' +
      'one in the default chain is skipped and the answer says so; with no local provider the request is refused.'
  },
  schema: {
    label: 'Shares the schema, queries and errors',
    detail:
      'Sends table and column names, types and comments, your question and glossary, and the SQL you ask about: ' +
      'Explain and Fix send it as written, with its literals (which can be values); Fix also sends the database error text, ' +
      'which can quote values; Optimize sends the EXPLAIN plan, which can hold values (string literals in the query and plan ' +
      'are replaced by placeholders, numbers are kept); Explain result sends the result\'s column names, types and row count, no rows; ' +
      'past queries are sent with their string literals replaced by ?. ' +
      'Earlier turns of a conversation are sent again, their string literals replaced by placeholders. No sample rows.'
  },
  'schema+samples': {
    label: 'Shares schema + sample values',
    detail:
      'Everything "Shares the schema" sends, plus up to 5 distinct values per column of the best-matching tables, the first ' +
      '50 rows of a result you ask to explain, ' +
      'and string literals of queries, plans and past queries as written (in earlier turns of a conversation too).'
  }
}

/** The opt-in setting's label: provider embeddings send table descriptions and questions. */
export function providerEmbeddingsLabel(providers: string): string {
  return `Use the provider's embeddings for schema search (sends table descriptions and questions to ${providers || 'the provider'}); off: the offline embedding, nothing is sent`
}

export const AiSettings = z.object({
  providers: z.array(AiProviderConfig).max(20).default([]),
  /** Answer identical requests from the local cache. */
  cacheEnabled: z.boolean().default(true),
  /**
   * Opt-in, for every connection: use the provider's embeddings for schema search. When on, the description of every
   * table (names, columns, types, comments) and each question are sent to that provider's embeddings endpoint (a remote
   * one only where the connection's privacy is not "Shares nothing"). Off (the default): the offline embedding, nothing is sent.
   */
  useProviderEmbeddings: z.boolean().default(false),
  /** Default privacy for connections without their own setting. */
  defaultPrivacy: AiPrivacyLevel.default('schema'),
  /** Which provider answers which kind of task (AI_ROUTING_RULE says how). */
  routing: AiRouting.default(AI_ROUTING_DEFAULT)
})
export type AiSettings = z.infer<typeof AiSettings>

export const AiSettingsView = AiSettings.extend({ providers: z.array(AiProviderView) })
export type AiSettingsView = z.infer<typeof AiSettingsView>

export const AiTask = z.enum(['ask', 'explain', 'fix', 'optimize', 'describe', 'explainResult', 'mockGenerators'])
export type AiTask = z.infer<typeof AiTask>

/** Tasks that work for another view (table descriptions, test-data generators): they never join a conversation. */
export const isStandaloneTask = (task: AiTask): boolean => task === 'describe' || task === 'mockGenerators'

/** A conversation's id (ai-conversations.ts holds its calls). */
export const AiConversationId = z.string().regex(/^c_[A-Za-z0-9_-]{6,64}$/)

/** explainResult: the rows on screen (at most 100, cells cut to 200 characters) and the size of the whole result. */
export const AiResultSample = z
  .object({
    columns: z.array(z.object({ name: z.string().max(400), type: z.string().max(200) })).max(500),
    rows: z.array(z.array(z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).max(500)).max(100),
    totalRows: z.number().int().min(0)
  })
  .strict()
export type AiResultSample = z.infer<typeof AiResultSample>

export const AiAskInput = z
  .object({
    /** Client-chosen id so the renderer can listen before the first token; generated when absent. */
    requestId: z.string().regex(/^a_[A-Za-z0-9_-]{6,64}$/).optional(),
    connectionId: Id,
    task: AiTask,
    /** The question (ask) or extra instructions. */
    question: z.string().max(20_000).optional(),
    /** The query to explain / fix / optimize. */
    sql: z.string().max(200_000).optional(),
    /** The error the database returned (fix). */
    error: z.string().max(20_000).optional(),
    /** optimize: run EXPLAIN ANALYZE (executes the query) instead of EXPLAIN. */
    analyze: z.boolean().optional(),
    /** describe: the tables to describe (qualified names); all when empty. */
    tables: z.array(z.string().max(400)).max(500).optional(),
    /** Start the chain at this provider; the rest of the chain remains the fallback. */
    providerId: z.string().max(40).optional(),
    model: z.string().max(200).optional(),
    noCache: z.boolean().optional(),
    /**
     * The conversation this turn belongs to: its earlier turns are sent as context and the finished turn is appended.
     * Absent, ai.ask starts a new conversation and returns its id (describe never joins one).
     */
    conversationId: AiConversationId.optional(),
    /** explainResult: what the grid shows (rows go to a provider only when the privacy level allows values). */
    result: AiResultSample.optional()
  })
  .strict()
export type AiAskInput = z.infer<typeof AiAskInput>

export const AiSqlClass = StatementKind
export type AiSqlClass = z.infer<typeof AiSqlClass>

export const AiSqlCheck = z.object({
  sql: z.string(),
  parsed: z.boolean(),
  classification: AiSqlClass,
  /** Tables / columns named by the SQL that the schema model does not have. */
  unknownTables: z.array(z.string()),
  unknownColumns: z.array(z.string()),
  warnings: z.array(z.string())
})
export type AiSqlCheck = z.infer<typeof AiSqlCheck>

/**
 * What an SQL block of an optimize finding is, for the UI's buttons (the safety answer is `check.classification`
 * and `needsConfirmation`, from the statement analyser): a rewrite of the query (one read), an index to create (one
 * CREATE INDEX), another single change, or a script of several statements.
 */
export const AiSqlBlockRole = z.enum(['rewrite', 'index', 'change', 'script'])
export type AiSqlBlockRole = z.infer<typeof AiSqlBlockRole>

export const AiSqlBlock = z.object({
  sql: z.string(),
  role: AiSqlBlockRole,
  statementCount: z.number().int(),
  check: AiSqlCheck,
  /** Anything but a single read: it never runs without the user's confirmation (ai.execute refuses it unconfirmed). */
  needsConfirmation: z.boolean(),
  /** The connection is read-only and this block changes something: the UI must not offer to run it. */
  refusedReadOnly: z.boolean()
})
export type AiSqlBlock = z.infer<typeof AiSqlBlock>

/** One ranked finding of an optimize answer, tied to nodes of the plan it was based on. */
export const AiFinding = z.object({
  /** 1 = most important, in the model's order. */
  rank: z.number().int().min(1),
  title: z.string(),
  /** Ids of nodes of `plan` (unknown ids the model named are dropped). */
  nodeIds: z.array(z.string()),
  explanation: z.string(),
  blocks: z.array(AiSqlBlock)
})
export type AiFinding = z.infer<typeof AiFinding>

export const AiUsage = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() })

export const AiEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), requestId: z.string(), text: z.string() }),
  z.object({ type: z.literal('fallback'), requestId: z.string(), from: z.string(), to: z.string(), reason: z.string() }),
  z.object({ type: z.literal('status'), requestId: z.string(), message: z.string() }),
  z.object({
    type: z.literal('done'),
    requestId: z.string(),
    providerId: z.string(),
    model: z.string(),
    text: z.string(),
    sql: z.string().optional(),
    check: AiSqlCheck.optional(),
    /** optimize: the plan the answer was based on, and the findings parsed from the answer. */
    plan: Plan.optional(),
    findings: z.array(AiFinding).optional(),
    usage: AiUsage,
    cached: z.boolean(),
    durationMs: z.number()
  }),
  z.object({ type: z.literal('error'), requestId: z.string(), error: AppErrorShape })
])
export type AiEvent = z.infer<typeof AiEvent>

export const AiPromptPreview = z.object({
  providerId: z.string(),
  model: z.string(),
  /** Whether the prompt leaves this machine (false for providers on localhost). */
  remote: z.boolean(),
  privacy: AiPrivacyLevel,
  system: z.string(),
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
  tables: z.array(z.string()),
  estimatedTokens: z.number().int(),
  /** Provider embeddings in use for this connection (opt-in): the question and table descriptions go to this endpoint. */
  embeddings: z.object({ providerId: z.string(), label: z.string(), model: z.string(), remote: z.boolean() }).optional(),
  /** Plain sentences: what this request sends and where (chat and embeddings). */
  leaves: z.array(z.string()).optional(),
  /** What the privacy level changed in the chain (e.g. remote providers skipped under "Shares nothing"). */
  notes: z.array(z.string()).optional(),
  /** Earlier turns of the conversation: sent in full, as one-line summaries, or dropped to fit the token budget. */
  history: z.object({ included: z.number().int(), summarised: z.number().int(), dropped: z.number().int() }).optional(),
  /** Tables pinned by the conversation's scope (always in the prompt when they fit). */
  pinned: z.array(z.string()).optional()
})

export const AiGlossaryTerm = z.object({
  id: z.number().int().optional(),
  /** Null: applies to every connection. */
  connectionId: Id.nullable().default(null),
  term: z.string().min(1).max(200),
  definition: z.string().min(1).max(4_000)
})
export type AiGlossaryTerm = z.infer<typeof AiGlossaryTerm>

export const AiIndexStatus = z.object({
  connectionId: Id,
  tables: z.number().int(),
  embedded: z.number().int(),
  embedding: z.string(),
  fingerprint: z.string().nullable(),
  updatedAt: z.string().nullable()
})

export const aiCalls = {
  'ai.settings.get': call(Empty, AiSettingsView),
  'ai.settings.update': call(patchOf(AiSettings).strict(), AiSettingsView),
  /** Keys travel renderer → main only. `null` deletes the key. */
  'ai.setKey': call(z.object({ providerId: z.string().max(40), key: z.string().min(1).max(4_096).nullable() }).strict(), Ok),
  'ai.testKey': call(z.object({ providerId: z.string().max(40) }).strict(), z.object({ ok: z.literal(true), latencyMs: z.number(), model: z.string() })),
  'ai.privacy.get': call(z.object({ connectionId: Id }).strict(), z.object({ privacy: AiPrivacyLevel })),
  'ai.privacy.set': call(z.object({ connectionId: Id, privacy: AiPrivacyLevel }).strict(), Ok),
  /** Starts a task; tokens and the result arrive as `ai.event`s. */
  'ai.ask': call(AiAskInput, z.object({ requestId: z.string(), conversationId: AiConversationId.optional() })),
  'ai.cancel': call(z.object({ requestId: z.string().max(80) }).strict(), Ok),
  /** The exact prompt that `ai.ask` with the same input would send, and where to. */
  'ai.previewPrompt': call(AiAskInput, AiPromptPreview),
  'ai.checkSql': call(z.object({ connectionId: Id, sql: z.string().min(1).max(200_000) }).strict(), AiSqlCheck),
  /** Runs generated SQL through the guard: writes/DDL need `confirmed`, read-only connections refuse them. */
  'ai.execute': call(z.object({ connectionId: Id, sql: z.string().min(1).max(200_000), confirmed: z.boolean().default(false) }).strict(), z.object({ runId: z.string(), classification: AiSqlClass })),
  'ai.glossary.list': call(z.object({ connectionId: Id.optional() }).strict(), z.array(AiGlossaryTerm)),
  'ai.glossary.upsert': call(AiGlossaryTerm, AiGlossaryTerm),
  'ai.glossary.delete': call(z.object({ id: z.number().int() }).strict(), Ok),
  'ai.index.status': call(z.object({ connectionId: Id }).strict(), AiIndexStatus),
  'ai.index.rebuild': call(z.object({ connectionId: Id, full: z.boolean().optional() }).strict(), AiIndexStatus),
  'ai.descriptions.get': call(
    z.object({ connectionId: Id }).strict(),
    z.array(z.object({ table: z.string(), column: z.string().nullable(), description: z.string() }))
  ),
  'ai.usage.summary': call(
    z.object({ sinceIso: z.string().max(40).optional() }).strict(),
    z.object({ requests: z.number().int(), cachedRequests: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() })
  )
}

export const aiEvents = {
  'ai.event': AiEvent,
  'ai.index.progress': z.object({ connectionId: Id, phase: z.string(), done: z.number().int(), total: z.number().int() })
}
