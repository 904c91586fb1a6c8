import type { Migration } from './types'

/** Cached schema models, one per connection, with the fingerprint that says whether anything changed. */
export const schemaMigrations: Migration[] = [
  {
    version: 300,
    name: 'schema model cache',
    up: `create table schema_cache (
      connection_id text primary key,
      dialect text not null,
      fingerprint text not null,
      introspected_at text not null,
      duration_ms integer not null,
      table_count integer not null,
      model text not null
    ) strict;`
  }
]
