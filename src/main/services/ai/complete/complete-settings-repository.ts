import type Database from 'better-sqlite3'
import { InlineCompletionSettings } from '../../../../shared/contract/ai-complete'

const KEY = 'ai.complete.settings'

/** The inline completion settings, as JSON under their own key of the local store's key-value table. */
export class CompleteSettingsRepository {
  constructor(private readonly db: Database.Database) {}

  get(): InlineCompletionSettings {
    const row = this.db.prepare('select value from kv where key = ?').get(KEY) as { value: string } | undefined
    const parsed = InlineCompletionSettings.safeParse(row ? JSON.parse(row.value) : {})
    return parsed.success ? parsed.data : InlineCompletionSettings.parse({})
  }

  save(settings: InlineCompletionSettings): void {
    this.db.prepare('insert into kv (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(KEY, JSON.stringify(settings))
  }
}
