import type { Migration } from './types'

/** Query area (200-299): run history with full-text search, saved queries, editor tabs. */
export const queryMigrations: Migration[] = [
  {
    version: 200,
    name: 'query history with FTS5',
    up: `
      create table query_history (
        id integer primary key,
        connection_id text not null,
        connection_name text not null,
        sql text not null,
        started_at text not null,
        duration_ms real not null,
        rows integer not null,
        status text not null check (status in ('ok', 'error', 'cancelled')),
        error text
      ) strict;
      create index query_history_by_connection on query_history (connection_id, id);
      -- trigram: substring search, so 'ord' finds customer_orders
      create virtual table query_history_fts using fts5 (
        sql, connection_name, error, content = 'query_history', content_rowid = 'id', tokenize = 'trigram'
      );
      create trigger query_history_ai after insert on query_history begin
        insert into query_history_fts (rowid, sql, connection_name, error) values (new.id, new.sql, new.connection_name, new.error);
      end;
      create trigger query_history_ad after delete on query_history begin
        insert into query_history_fts (query_history_fts, rowid, sql, connection_name, error)
          values ('delete', old.id, old.sql, old.connection_name, old.error);
      end;
    `
  },
  {
    version: 201,
    name: 'saved queries',
    up: `
      create table saved_queries (
        id text primary key,
        name text not null,
        folder text not null default '',
        sql text not null,
        connection_id text,
        updated_at text not null
      ) strict;
      create index saved_queries_by_folder on saved_queries (folder, name);
    `
  },
  {
    version: 202,
    name: 'editor tabs',
    up: `
      create table editor_tabs (
        id text primary key,
        title text not null,
        sql text not null,
        connection_id text,
        position integer not null,
        cursor_offset integer not null default 0,
        saved_query_id text,
        updated_at text not null
      ) strict;
    `
  }
]
