import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'

export interface CachedAnswer {
  text: string
  inputTokens: number
  outputTokens: number
}

/** Identical requests (same provider, model, base URL and exact prompt) are answered from the local store. */
export class ResponseCache {
  constructor(
    private readonly db: Database.Database,
    private readonly maxEntries = 2_000
  ) {}

  static key(parts: { providerKind: string; baseUrl?: string; model: string; system: string; messages: { role: string; content: string }[] }): string {
    return createHash('sha256').update(JSON.stringify([parts.providerKind, parts.baseUrl ?? '', parts.model, parts.system, parts.messages])).digest('hex')
  }

  get(key: string): CachedAnswer | undefined {
    const row = this.db.prepare('select text, input_tokens, output_tokens from ai_cache where key = ?').get(key) as { text: string; input_tokens: number; output_tokens: number } | undefined
    return row ? { text: row.text, inputTokens: row.input_tokens, outputTokens: row.output_tokens } : undefined
  }

  put(key: string, answer: CachedAnswer): void {
    this.db
      .prepare('insert into ai_cache (key, text, input_tokens, output_tokens, created_at) values (?, ?, ?, ?, ?) on conflict (key) do update set text = excluded.text, created_at = excluded.created_at')
      .run(key, answer.text, answer.inputTokens, answer.outputTokens, new Date().toISOString())
    this.db.prepare('delete from ai_cache where key in (select key from ai_cache order by created_at desc limit -1 offset ?)').run(this.maxEntries)
  }
}
