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
  },
  {
    version: 203,
    // a run is recorded when it starts, so one cut short by a crash stays in history (as 'interrupted' after restart);
    // SQLite cannot alter a check constraint, so the table is rebuilt with its ids (the FTS rowids) kept
    name: 'query history records running and interrupted runs',
    up: `
      create table query_history_next (
        id integer primary key,
        connection_id text not null,
        connection_name text not null,
        sql text not null,
        started_at text not null,
        duration_ms real not null,
        rows integer not null,
        status text not null check (status in ('running', 'ok', 'error', 'cancelled', 'interrupted')),
        error text
      ) strict;
      insert into query_history_next select id, connection_id, connection_name, sql, started_at, duration_ms, rows, status, error from query_history;
      drop table query_history;
      alter table query_history_next rename to query_history;
      create index query_history_by_connection on query_history (connection_id, id);
      create index query_history_running on query_history (status) where status = 'running';
      create trigger query_history_ai after insert on query_history begin
        insert into query_history_fts (rowid, sql, connection_name, error) values (new.id, new.sql, new.connection_name, new.error);
      end;
      create trigger query_history_ad after delete on query_history begin
        insert into query_history_fts (query_history_fts, rowid, sql, connection_name, error)
          values ('delete', old.id, old.sql, old.connection_name, old.error);
      end;
      -- finishing a run sets its error text, which search covers
      create trigger query_history_au after update on query_history begin
        insert into query_history_fts (query_history_fts, rowid, sql, connection_name, error)
          values ('delete', old.id, old.sql, old.connection_name, old.error);
        insert into query_history_fts (rowid, sql, connection_name, error) values (new.id, new.sql, new.connection_name, new.error);
      end;
      insert into query_history_fts (query_history_fts) values ('rebuild');
    `
  },
  {
    version: 204,
    // a plan taken (Explain, Explain analyze) stays with its history entry, so it can be compared later
    name: 'plans kept with their history entries',
    up: `
      create table history_plans (
        history_id integer primary key,
        analyzed integer not null,
        plan text not null
      ) strict;
      create trigger history_plans_ad after delete on query_history begin
        delete from history_plans where history_id = old.id;
      end;
    `
  },
  {
    version: 205,
    // an export is written to a hidden partial file next to its target and renamed when complete; the partials of
    // running exports are listed here so the next start removes those a crash left behind (desktop targets can be anywhere)
    name: 'partial export files',
    up: `
      create table export_partials (
        export_id text primary key,
        partial_path text not null,
        target_path text not null,
        started_at text not null
      ) strict;
    `
  }
]
