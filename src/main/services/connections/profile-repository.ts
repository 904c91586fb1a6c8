import { randomUUID } from 'node:crypto'
import { ConnectionProfile } from '../../../shared/contract/connections'
import type { LocalStore } from '../store/local-store'

/** A saved profile plus its encrypted secrets; never leaves the main process. */
export interface StoredConnection {
  profile: ConnectionProfile
  passwordEnc: string | null
  sshSecretEnc: string | null
}

interface Row {
  id: string
  profile: string
  password_enc: string | null
  ssh_secret_enc: string | null
}

type ProfileFields = Omit<ConnectionProfile, 'id' | 'hasPassword' | 'hasSshSecret' | 'builtin'>

function toStored(row: Row): StoredConnection {
  const fields = JSON.parse(row.profile) as ProfileFields
  return {
    profile: ConnectionProfile.parse({
      ...fields,
      id: row.id,
      builtin: false,
      hasPassword: row.password_enc !== null,
      hasSshSecret: row.ssh_secret_enc !== null
    }),
    passwordEnc: row.password_enc,
    sshSecretEnc: row.ssh_secret_enc
  }
}

function fieldsOf(profile: ConnectionProfile): string {
  const { id: _id, hasPassword: _p, hasSshSecret: _s, builtin: _b, ...fields } = profile
  return JSON.stringify(fields)
}

/** Connection profiles in the local store (migration 100). */
export class ProfileRepository {
  constructor(private readonly store: LocalStore) {}

  list(): StoredConnection[] {
    return (this.store.db.prepare('select id, profile, password_enc, ssh_secret_enc from connections order by position, created_at').all() as Row[]).map(toStored)
  }

  get(id: string): StoredConnection | undefined {
    const row = this.store.db.prepare('select id, profile, password_enc, ssh_secret_enc from connections where id = ?').get(id) as Row | undefined
    return row ? toStored(row) : undefined
  }

  newId(): string {
    return `c_${randomUUID()}`
  }

  insert(c: StoredConnection): void {
    const now = new Date().toISOString()
    const { next } = this.store.db.prepare('select coalesce(max(position), 0) + 1 as next from connections').get() as { next: number }
    this.store.db
      .prepare('insert into connections (id, position, profile, password_enc, ssh_secret_enc, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')
      .run(c.profile.id, next, fieldsOf(c.profile), c.passwordEnc, c.sshSecretEnc, now, now)
  }

  update(c: StoredConnection): void {
    this.store.db
      .prepare('update connections set profile = ?, password_enc = ?, ssh_secret_enc = ?, updated_at = ? where id = ?')
      .run(fieldsOf(c.profile), c.passwordEnc, c.sshSecretEnc, new Date().toISOString(), c.profile.id)
  }

  delete(id: string): boolean {
    return this.store.db.prepare('delete from connections where id = ?').run(id).changes > 0
  }
}
