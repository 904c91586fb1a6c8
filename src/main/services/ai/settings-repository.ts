import type Database from 'better-sqlite3'
import { AiSettings, type AiPrivacyLevel } from '../../../shared/contract/ai'
import type { SecretBox } from '../connections/secret-box'

/** AI settings, encrypted provider keys and per-connection privacy, in the local store. */
export class AiSettingsRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: Pick<SecretBox, 'encrypt' | 'decrypt'>
  ) {}

  get(): AiSettings {
    const row = this.db.prepare('select json from ai_settings where id = 1').get() as { json: string } | undefined
    const parsed = AiSettings.safeParse(row ? JSON.parse(row.json) : {})
    return parsed.success ? parsed.data : AiSettings.parse({})
  }

  save(settings: AiSettings): void {
    this.db.prepare('insert into ai_settings (id, json) values (1, ?) on conflict (id) do update set json = excluded.json').run(JSON.stringify(settings))
  }

  /** Stores the key encrypted; the plain key is never written anywhere. */
  setKey(providerId: string, key: string | null): void {
    if (key === null) this.db.prepare('delete from ai_keys where provider_id = ?').run(providerId)
    else
      this.db
        .prepare('insert into ai_keys (provider_id, cipher, updated_at) values (?, ?, ?) on conflict (provider_id) do update set cipher = excluded.cipher, updated_at = excluded.updated_at')
        .run(providerId, this.secrets.encrypt(key), new Date().toISOString())
  }

  key(providerId: string): string {
    const row = this.db.prepare('select cipher from ai_keys where provider_id = ?').get(providerId) as { cipher: string } | undefined
    return row ? this.secrets.decrypt(row.cipher) : ''
  }

  hasKey(providerId: string): boolean {
    return !!this.db.prepare('select 1 from ai_keys where provider_id = ?').get(providerId)
  }

  privacy(connectionId: string): AiPrivacyLevel | undefined {
    const row = this.db.prepare('select level from ai_privacy where connection_id = ?').get(connectionId) as { level: AiPrivacyLevel } | undefined
    return row?.level
  }

  setPrivacy(connectionId: string, level: AiPrivacyLevel): void {
    this.db.prepare('insert into ai_privacy (connection_id, level) values (?, ?) on conflict (connection_id) do update set level = excluded.level').run(connectionId, level)
  }
}
