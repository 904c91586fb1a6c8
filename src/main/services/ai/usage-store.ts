import type Database from 'better-sqlite3'

export interface UsageRecord {
  requestId: string
  providerId: string
  model: string
  task: string
  inputTokens: number
  outputTokens: number
  costUsd: number
  cached: boolean
  durationMs: number
  outcome: 'ok' | 'error' | 'cancelled'
}

/** Token usage and estimated cost per request, in the local store. */
export class UsageStore {
  constructor(private readonly db: Database.Database) {}

  record(r: UsageRecord): void {
    this.db
      .prepare(
        `insert into ai_usage (at, request_id, provider_id, model, task, input_tokens, output_tokens, cost_usd, cached, duration_ms, outcome)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(new Date().toISOString(), r.requestId, r.providerId, r.model, r.task, r.inputTokens, r.outputTokens, r.costUsd, r.cached ? 1 : 0, Math.round(r.durationMs), r.outcome)
  }

  summary(sinceIso?: string): { requests: number; cachedRequests: number; inputTokens: number; outputTokens: number; costUsd: number } {
    const row = this.db
      .prepare(
        `select count(*) as requests, coalesce(sum(cached), 0) as cachedRequests, coalesce(sum(input_tokens), 0) as inputTokens,
                coalesce(sum(output_tokens), 0) as outputTokens, coalesce(sum(cost_usd), 0) as costUsd
         from ai_usage where at >= ?`
      )
      .get(sinceIso ?? '') as { requests: number; cachedRequests: number; inputTokens: number; outputTokens: number; costUsd: number }
    return row
  }
}
