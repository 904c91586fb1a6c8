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
  },
  {
    version: 402,
    // titles and turn text are searched with trigram FTS5 (substrings of 3+ characters), as query history is
    name: 'ai conversations and their turns, with FTS5',
    up: `
      create table ai_conversations (
        -- an explicit integer key: VACUUM may renumber an implicit rowid, which the FTS rows point at
        seq integer primary key, id text not null unique, connection_id text not null, title text not null, scope text not null,
        created_at text not null, updated_at text not null
      ) strict;
      create index ai_conversations_recent on ai_conversations(connection_id, updated_at);
      create table ai_conversation_turns (
        id integer primary key, conversation_id text not null references ai_conversations(id) on delete cascade,
        request_id text, task text not null, prompt text not null, request_sql text, request_error text,
        answer text not null, sql text, check_json text, provider_id text, model text,
        input_tokens integer not null, output_tokens integer not null, cost_usd real not null,
        error_json text, created_at text not null
      ) strict;
      create index ai_conversation_turns_by_conversation on ai_conversation_turns(conversation_id, id);
      create virtual table ai_conversations_fts using fts5(title, content = 'ai_conversations', content_rowid = 'seq', tokenize = 'trigram');
      create trigger ai_conversations_ai after insert on ai_conversations begin
        insert into ai_conversations_fts (rowid, title) values (new.seq, new.title);
      end;
      create trigger ai_conversations_ad after delete on ai_conversations begin
        insert into ai_conversations_fts (ai_conversations_fts, rowid, title) values ('delete', old.seq, old.title);
      end;
      create trigger ai_conversations_au after update of title on ai_conversations begin
        insert into ai_conversations_fts (ai_conversations_fts, rowid, title) values ('delete', old.seq, old.title);
        insert into ai_conversations_fts (rowid, title) values (new.seq, new.title);
      end;
      create virtual table ai_conversation_turns_fts using fts5(
        prompt, request_sql, answer, content = 'ai_conversation_turns', content_rowid = 'id', tokenize = 'trigram'
      );
      create trigger ai_conversation_turns_ai after insert on ai_conversation_turns begin
        insert into ai_conversation_turns_fts (rowid, prompt, request_sql, answer) values (new.id, new.prompt, new.request_sql, new.answer);
      end;
      create trigger ai_conversation_turns_ad after delete on ai_conversation_turns begin
        insert into ai_conversation_turns_fts (ai_conversation_turns_fts, rowid, prompt, request_sql, answer)
          values ('delete', old.id, old.prompt, old.request_sql, old.answer);
      end;
    `
  },
  {
    version: 403,
    // an inverted index of its own rather than FTS5: ranking needs per-connection word counts, which FTS5 keeps only per table
    name: 'ai value index: distinct values of low-cardinality text columns, by word',
    up: `
      -- conn: the value set in use; a refresh writes a new set in steps, then points here at it and deletes the old one
      create table ai_value_meta (
        connection_id text primary key, conn integer, enabled integer not null default 0, updated_at text,
        values_count integer not null default 0, columns_count integer not null default 0, truncated integer not null default 0
      ) strict;
      create table ai_value_sets (conn integer primary key autoincrement, connection_id text not null) strict;
      create table ai_value_columns (id integer primary key, conn integer not null, table_key text not null, column_name text not null, values_count integer not null) strict;
      create index ai_value_columns_conn on ai_value_columns(conn);
      create table ai_values (id integer primary key, conn integer not null, column_id integer not null, value text not null) strict;
      create index ai_values_conn on ai_values(conn);
      create table ai_value_words (
        conn integer not null, word text not null, value_id integer not null, value_words integer not null, pos integer not null,
        primary key (conn, word, value_id)
      ) without rowid, strict;
      create table ai_value_df (conn integer not null, word text not null, columns integer not null, vals integer not null, primary key (conn, word)) without rowid, strict;
    `
  },
  {
    version: 404,
    // plan, findings and whether it was analysed: what the panel needs to show a reopened optimize answer as it was first shown
    name: 'ai conversation turns keep an optimize answer\'s plan and findings',
    up: `alter table ai_conversation_turns add column optimize_json text;`
  }
]
