import { sqlParser } from '../sql-parser'
import type { AiAskInput, AiPrivacyLevel } from '../../../shared/contract/ai'
import type { AiConversationScope, AiConversationTurn } from '../../../shared/contract/ai-conversations'
import type { Plan } from '../../../shared/plan/model'
import type { SchemaModel } from '../../../shared/schema-model'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { AiDeps } from './deps'
import type { GlossaryRepository } from './glossary-repository'
import { resultForPrompt } from './prompt/result-for-prompt'
import { buildPrompt, compactChunk, type BuiltPrompt } from './prompt/build-prompt'
import { LiteralMask } from './prompt/literal-mask'
import { optimizeSection, type OptimizeSection } from './optimize/optimize-context'
import { chunkTable } from './retrieval/chunk'
import type { Embedder } from './retrieval/embedder'
import { expandForJoins } from './retrieval/rank'
import type { SchemaIndex } from './retrieval/schema-index'
import type { NameLookup } from './retrieval/name-probe'
import { contentWords, splitWords, stem } from './retrieval/words'
import type { Provider } from './providers/types'
import { historyMessages } from './conversations/history-messages'
import { scopeFilter, scopeFirst } from './conversations/scope'


const MATCHED_TABLES = 12
const MAX_TABLES = 20

export interface TaskContext {
  prompt: BuiltPrompt
  schema: SchemaModel
  /** optimize: the plan the prompt shows. */
  plan?: Plan
  /** Puts the query's string literals back into SQL the model answers with (they are hidden below "schema + samples"). */
  unmask(sql: string): string
  /** Earlier turns of the conversation: how many went in full, as one-line summaries, or not at all. */
  history: { included: number; summarised: number; dropped: number }
  /** Tables the conversation's scope pins (always first in the schema section). */
  pinned: string[]
  /** Proper names of the question looked up on the live database (opt-in with the value index), and where they are. */
  namesLookedUp?: { names: string[]; lookup: NameLookup }
}

/** The conversation a task belongs to: its earlier turns (oldest first) and its scope. */
export interface ConversationContext {
  turns: AiConversationTurn[]
  scope: AiConversationScope
}

/**
 * Everything a task sends: retrieval over the schema index (question words, glossary synonyms, tables
 * the query names), FK expansion, samples when privacy allows, glossary, past queries and the plan.
 */
export async function buildTaskContext(
  deps: AiDeps,
  index: SchemaIndex,
  glossary: GlossaryRepository,
  embedder: Embedder,
  input: AiAskInput,
  schema: SchemaModel,
  privacy: AiPrivacyLevel,
  /** The fallback chain: its head sets the budget; values leave the machine only if privacy allows or every provider is local. */
  chain: Provider[],
  /** optimize: the plan from planToOptimize (optimize/optimize-context). */
  plan?: Plan,
  conversation?: ConversationContext
): Promise<TaskContext> {
  const cid = input.connectionId
  const provider = chain[0]!
  // a local head with a remote fallback must not send what only local providers may see
  const sendsValues = privacy === 'schema+samples' || chain.every((p) => p.local)
  const terms = glossary.list(cid)
  const synonyms = new Map<string, string[]>()
  for (const t of terms) for (const w of contentWords(t.term)) synonyms.set(w, [...(synonyms.get(w) ?? []), ...contentWords(t.definition).slice(0, 12)])

  const { tables, neighbours } = index.tables(cid)
  const named = input.sql ? tablesNamedIn(input.sql, schema, tables) : []
  const scope = scopeFilter(input.task === 'describe' ? undefined : conversation?.scope, schema)
  const pinned = scope.pinned.filter((k) => tables.has(k))
  let picked: string[]
  let namesLookedUp: TaskContext['namesLookedUp']
  if (input.task === 'describe' || (input.task === 'mockGenerators' && input.tables?.length)) {
    picked = input.tables?.length ? input.tables.filter((t) => tables.has(t)) : [...tables.keys()]
  } else {
    // a follow-up ("only last week") rarely names tables: the previous question helps retrieval find them again
    const previous = conversation?.turns.at(-1)
    const query = [input.question, input.sql, input.error, previous?.task === 'ask' ? previous.prompt : undefined].filter(Boolean).join('\n')
    const ranked = query
      ? await index.search(cid, query, embedder, {
          extraSynonyms: (w) => synonyms.get(w) ?? [],
          // the user's own words only: other tasks carry SQL, plans or the activity view's text in `question`
          namesFrom: input.task === 'ask' ? input.question : undefined,
          onNamesLookedUp: (names, lookup) => (namesLookedUp = { names, lookup })
        })
      : []
    picked = [...new Set([...named, ...pinned, ...scopeFirst(ranked, scope).slice(0, MATCHED_TABLES).map((r) => r.key)])]
    picked = expandForJoins(picked, tables, neighbours, Math.max(MAX_TABLES, picked.length))
  }

  const chunks = []
  for (const [i, key] of picked.entries()) {
    const t = tables.get(key)
    if (!t) continue
    let withSamples = t
    if (privacy === 'schema+samples' && deps.sampleValues && i < 6) {
      try {
        withSamples = { ...t, samples: await deps.sampleValues(cid, key, 5) }
      } catch {
        // Samples are a bonus; a failing sample query must not block the answer.
      }
    }
    chunks.push({ key, text: chunkTable(withSamples).text, compact: compactChunk(key, t.columns) })
  }

  const qWords = new Set(contentWords(`${input.question ?? ''} ${input.sql ?? ''}`))
  const glossaryUsed = terms.length <= 20 ? terms : terms.filter((t) => contentWords(t.term).some((w) => qWords.has(w)))

  let examples: string[] = []
  if (deps.successfulQueries && input.task !== 'describe') {
    const pickedNames = new Set(picked.flatMap((k) => [k.toLowerCase(), k.slice(k.lastIndexOf('.') + 1).toLowerCase()]))
    const history = await deps.successfulQueries(cid, 300).catch(() => [] as string[])
    examples = history
      .filter((sql) => sql.length < 2_000 && /^\s*(select|with)\b/i.test(sql))
      .map((sql) => ({ sql, score: exampleScore(sql, pickedNames, qWords) }))
      .filter((e) => e.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      // Past queries can hold data (WHERE email = '…'); below "schema + samples" only their shape leaves the machine.
      .map((e) => (sendsValues ? e.sql : withoutStringLiterals(e.sql)))
  }

  // The query and its plan can hold data (WHERE email = '…'): below "schema + samples" only their shape leaves the machine.
  const mask = new LiteralMask(!sendsValues)
  const budgetTokens = provider.config.contextTokens - provider.config.maxOutputTokens - 256
  let planSection: OptimizeSection | undefined
  if (input.task === 'optimize') {
    if (!plan) throw new AppError('INVALID_INPUT', 'Optimize needs the plan of the query')
    planSection = optimizeSection(plan, schema, named, mask, Math.max(500, budgetTokens))
  }
  if ((input.task === 'explain' || input.task === 'fix') && !input.sql) throw new AppError('INVALID_INPUT', `${input.task} needs a query`)
  if (input.task === 'fix' && !input.error) throw new AppError('INVALID_INPUT', 'Fix needs the error the database returned')
  if (input.task === 'ask' && !input.question?.trim()) throw new AppError('INVALID_INPUT', 'Type a question first')
  if (input.task === 'mockGenerators' && !input.question?.trim()) throw new AppError('INVALID_INPUT', 'Name the columns to propose generators for')
  if (input.task === 'explainResult' && !input.result) throw new AppError('INVALID_INPUT', 'Explain result needs the rows on screen')

  const sql = (input.task === 'optimize' || input.task === 'explainResult') && input.sql ? mask.mask(input.sql) : input.sql
  const inPlanSection = new Set(planSection?.planTables.keys)
  const schemaChunks = chunks.filter((c) => !inPlanSection.has(c.key))
  const history = historyMessages(input.task === 'describe' ? [] : (conversation?.turns ?? []), budgetTokens, (text) => mask.mask(text))
  const built = buildPrompt({
    task: input.task,
    dialect: schema.dialect,
    question: input.question,
    sql,
    error: input.error,
    ...(input.result ? { result: resultForPrompt(input.result, sendsValues) } : {}),
    ...planSection,
    tables: schemaChunks,
    glossary: glossaryUsed,
    examples,
    budgetTokens: budgetTokens - history.tokens
  })
  const system = history.summary ? `${built.system}\n\n${history.summary}` : built.system
  const prompt: BuiltPrompt = {
    system,
    messages: [...history.messages, ...built.messages],
    tables: built.tables,
    estimatedTokens: built.estimatedTokens + history.tokens
  }
  const { included, summarised, dropped } = history
  return { prompt, schema, plan, unmask: (text) => mask.unmask(text), history: { included, summarised, dropped }, pinned: pinned.filter((k) => built.tables.includes(k)), namesLookedUp }
}

function tablesNamedIn(sql: string, schema: SchemaModel, tables: Map<string, unknown>): string[] {
  try {
    return sqlParser()
      .tableList(sql, { database: factsOf(schema.dialect).parserDialect })
      .map((e) => {
        const [, db, name] = e.split('::')
        if (db !== 'null' && tables.has(`${db}.${name}`)) return `${db}.${name}`
        const hit = schema.tables.find((t) => t.name.toLowerCase() === name.toLowerCase() && (db === 'null' || t.schema.toLowerCase() === db.toLowerCase()))
        return hit ? (hit.schema ? `${hit.schema}.${hit.name}` : hit.name) : undefined
      })
      .filter((k): k is string => !!k && tables.has(k))
  } catch {
    return []
  }
}

/** Replaces every string literal with '?' (keeps the query's shape, drops the values it was run with). */
export function withoutStringLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "'?'")
}

function exampleScore(sql: string, tableNames: Set<string>, qWords: Set<string>): number {
  const words = splitWords(sql)
  let s = 0
  const lower = sql.toLowerCase()
  for (const name of tableNames) if (lower.includes(name)) s += 2
  for (const w of new Set(words.map(stem))) if (qWords.has(w)) s += 0.5
  return s
}
