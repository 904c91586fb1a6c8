import type { Migration } from './types'

export const coreMigrations: Migration[] = [
  {
    version: 1,
    name: 'key-value settings',
    up: `create table kv (key text primary key, value text not null) strict;`
  }
]
