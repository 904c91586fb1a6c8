import type { Migration } from './types'

/** Connection profiles. Non-secret fields as JSON; secrets only as SecretBox ciphertext. */
export const connectionMigrations: Migration[] = [
  {
    version: 100,
    name: 'connection profiles',
    up: `create table connections (
      id text primary key,
      position integer not null,
      profile text not null,
      password_enc text,
      ssh_secret_enc text,
      created_at text not null,
      updated_at text not null
    ) strict;`
  }
]
