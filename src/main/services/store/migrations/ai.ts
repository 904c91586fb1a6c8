import type { Migration } from './types'

/**
 * AI assistant tables. Vector tables (vec0) are created on demand by the retrieval index, one per embedding
 * space, because their dimension depends on the embedding model.
 */
export const aiMigrations: Migration[] = [
  {
    version: 400,
    name: 'ai settings, keys, usage, cache',
    up: `
      create table ai_settings (id integer primary key check (id = 1), json text not null) strict;
      create table ai_keys (provider_id text primary key, cipher text not null, updated_at text not null) strict;
      create table ai_privacy (connection_id text primary key, level text not null) strict;
      create table ai_usage (
        id integer primary key, at text not null, request_id text not null, provider_id text not null, model text not null,
        task text not null, input_tokens integer not null, output_tokens integer not null, cost_usd real not null,
        cached integer not null, duration_ms integer not null, outcome text not null
      ) strict;
      create index ai_usage_at on ai_usage(at);
      create table ai_cache (key text primary key, text text not null, input_tokens integer not null, output_tokens integer not null, created_at text not null) strict;
      create table ai_glossary (id integer primary key, connection_id text, term text not null, definition text not null) strict;
      create table ai_descriptions (connection_id text not null, table_name text not null, column_name text not null default '', description text not null, updated_at text not null, primary key (connection_id, table_name, column_name)) strict;
    `
  },
  {
    version: 401,
    name: 'ai retrieval chunks with FTS5',
    up: `
      create table ai_chunks (
        id integer primary key, connection_id text not null, table_key text not null, hash text not null, text text not null, meta text not null,
        unique (connection_id, table_key)
      ) strict;
      create virtual table ai_chunks_fts using fts5(words, content='', contentless_delete=1, tokenize='unicode61');
      create table ai_index_meta (connection_id text primary key, fingerprint text, space text not null, updated_at text not null) strict;
      create table ai_embedded (chunk_id integer not null, space text not null, hash text not null, primary key (chunk_id, space)) strict;
    `
  }
]
