import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AiSqlCheck, AiTask } from '../../../../shared/contract/ai'
import { AiConversationScope, conversationTitle, type AiConversation, type AiConversationSummary, type AiConversationTurn, type AiOptimizeOutcome } from '../../../../shared/contract/ai-conversations'
import { AppError, type AppErrorShape } from '../../../../shared/errors'

/** A finished turn as the AI service hands it over. */
export interface NewTurn {
  requestId: string
  task: AiTask
  prompt: string
  requestSql?: string
  requestError?: string
  answer: string
  sql?: string
  check?: AiSqlCheck
  providerId?: string
  model?: string
  usage?: { inputTokens: number; outputTokens: number; costUsd: number }
  error?: AppErrorShape
  optimize?: AiOptimizeOutcome
}

interface ConversationRow {
  id: string
  connection_id: string
  title: string
  scope: string
  created_at: string
  updated_at: string
  turn_count: number
  input_tokens: number
  output_tokens: number
  cost_usd: number
}

interface TurnRow {
  id: number
  request_id: string | null
  task: AiTask
  prompt: string
  request_sql: string | null
  request_error: string | null
  answer: string
  sql: string | null
  check_json: string | null
  provider_id: string | null
  model: string | null
  input_tokens: number
  output_tokens: number
  cost_usd: number
  error_json: string | null
  optimize_json: string | null
  created_at: string
}

const SUMMARY_COLUMNS = `c.id, c.connection_id, c.title, c.scope, c.created_at, c.updated_at,
  (select count(*) from ai_conversation_turns t where t.conversation_id = c.id) as turn_count,
  (select coalesce(sum(input_tokens), 0) from ai_conversation_turns t where t.conversation_id = c.id) as input_tokens,
  (select coalesce(sum(output_tokens), 0) from ai_conversation_turns t where t.conversation_id = c.id) as output_tokens,
  (select coalesce(sum(cost_usd), 0) from ai_conversation_turns t where t.conversation_id = c.id) as cost_usd`

const toSummary = (r: ConversationRow): AiConversationSummary => ({
  id: r.id,
  connectionId: r.connection_id,
  title: r.title,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  scope: parseScope(r.scope),
  turnCount: r.turn_count,
  usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, costUsd: r.cost_usd }
})

const toTurn = (r: TurnRow): AiConversationTurn => ({
  id: r.id,
  requestId: r.request_id,
  task: r.task,
  prompt: r.prompt,
  requestSql: r.request_sql,
  requestError: r.request_error,
  answer: r.answer,
  sql: r.sql,
  check: r.check_json ? (JSON.parse(r.check_json) as AiSqlCheck) : null,
  providerId: r.provider_id,
  model: r.model,
  usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, costUsd: r.cost_usd },
  error: r.error_json ? (JSON.parse(r.error_json) as AppErrorShape) : null,
  optimize: r.optimize_json ? (JSON.parse(r.optimize_json) as AiOptimizeOutcome) : null,
  createdAt: r.created_at
})

function parseScope(json: string): AiConversationScope {
  const parsed = AiConversationScope.safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : { schemas: [], tables: [] }
}

/** Conversations with the assistant, per connection, in the local store; titles and turns searchable (FTS5 trigram). */
export class ConversationRepository {
  constructor(private readonly db: Database.Database) {}

  create(connectionId: string, scope: AiConversationScope = { schemas: [], tables: [] }): AiConversationSummary {
    const id = `c_${randomBytes(12).toString('base64url')}`
    const now = new Date().toISOString()
    this.db
      .prepare('insert into ai_conversations (id, connection_id, title, scope, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(id, connectionId, '', JSON.stringify(scope), now, now)
    return this.summary(id)
  }

  /** Newest first; with `query`, only conversations whose title or turns contain every word of it. */
  list(connectionId: string, opts: { query?: string; limit?: number } = {}): AiConversationSummary[] {
    const where = ['c.connection_id = ?']
    const params: unknown[] = [connectionId]
    for (const term of searchTerms(opts.query)) {
      if (term.length >= 3) {
        const match = `"${term.replaceAll('"', '""')}"`
        where.push(`(c.seq in (select rowid from ai_conversations_fts where ai_conversations_fts match ?)
          or c.id in (select t.conversation_id from ai_conversation_turns t where t.id in (select rowid from ai_conversation_turns_fts where ai_conversation_turns_fts match ?)))`)
        params.push(match, match)
      } else {
        // trigram cannot match terms shorter than 3 characters
        where.push(`(instr(lower(c.title), ?) > 0 or exists (select 1 from ai_conversation_turns t where t.conversation_id = c.id
          and (instr(lower(t.prompt), ?) > 0 or instr(lower(t.answer), ?) > 0 or instr(lower(coalesce(t.request_sql, '')), ?) > 0)))`)
        params.push(...Array(4).fill(term.toLowerCase()))
      }
    }
    const rows = this.db
      .prepare(`select ${SUMMARY_COLUMNS} from ai_conversations c where ${where.join(' and ')} order by c.updated_at desc, c.seq desc limit ?`)
      .all(...params, opts.limit ?? 100) as ConversationRow[]
    return rows.map(toSummary)
  }

  /** The connection's most recently used conversation, for restoring the panel. */
  latest(connectionId: string): AiConversationSummary | undefined {
    return this.list(connectionId, { limit: 1 })[0]
  }

  get(id: string): AiConversation {
    return { ...this.summary(id), turns: this.turns(id) }
  }

  summary(id: string): AiConversationSummary {
    const row = this.db.prepare(`select ${SUMMARY_COLUMNS} from ai_conversations c where c.id = ?`).get(id) as ConversationRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That conversation no longer exists')
    return toSummary(row)
  }

  rename(id: string, title: string): void {
    this.changed(this.db.prepare('update ai_conversations set title = ? where id = ?').run(title.trim(), id).changes)
  }

  setScope(id: string, scope: AiConversationScope): void {
    this.changed(this.db.prepare('update ai_conversations set scope = ? where id = ?').run(JSON.stringify(scope), id).changes)
  }

  /** Deletes the conversation and (by the foreign key's cascade) its turns. */
  delete(id: string): void {
    this.changed(this.db.prepare('delete from ai_conversations where id = ?').run(id).changes)
  }

  /** Drops every conversation of a deleted connection. */
  forget(connectionId: string): void {
    this.db.prepare('delete from ai_conversations where connection_id = ?').run(connectionId)
  }

  /** Appends a finished turn; the first one names an untitled conversation. */
  append(conversationId: string, turn: NewTurn): AiConversationTurn {
    const now = new Date().toISOString()
    const usage = turn.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 }
    return this.db.transaction(() => {
      const row = this.db
        .prepare(
          `insert into ai_conversation_turns (conversation_id, request_id, task, prompt, request_sql, request_error, answer, sql, check_json,
             provider_id, model, input_tokens, output_tokens, cost_usd, error_json, optimize_json, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`
        )
        .get(
          conversationId,
          turn.requestId,
          turn.task,
          turn.prompt,
          turn.requestSql ?? null,
          turn.requestError ?? null,
          turn.answer,
          turn.sql ?? null,
          turn.check ? JSON.stringify(turn.check) : null,
          turn.providerId ?? null,
          turn.model ?? null,
          usage.inputTokens,
          usage.outputTokens,
          usage.costUsd,
          turn.error ? JSON.stringify(turn.error) : null,
          turn.optimize ? JSON.stringify(turn.optimize) : null,
          now
        ) as TurnRow
      this.db.prepare(`update ai_conversations set updated_at = ?, title = case when title = '' then ? else title end where id = ?`).run(now, conversationTitle(turn.prompt), conversationId)
      return toTurn(row)
    })()
  }

  /** The finished turns, oldest first, that later questions carry as context. */
  turns(conversationId: string): AiConversationTurn[] {
    return (this.db.prepare('select * from ai_conversation_turns where conversation_id = ? order by id').all(conversationId) as TurnRow[]).map(toTurn)
  }

  private changed(changes: number): void {
    if (changes === 0) throw new AppError('NOT_FOUND', 'That conversation no longer exists')
  }
}

function searchTerms(search: string | undefined): string[] {
  return (search ?? '').split(/\s+/).filter(Boolean).slice(0, 16)
}
