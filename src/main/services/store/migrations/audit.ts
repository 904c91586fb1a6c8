import type { Migration } from './types'

/** Audit area (900-999): the hash-chained log of statements that changed data or schema (see services/audit). */
export const auditMigrations: Migration[] = [
  {
    version: 900,
    name: 'audit log hash chain',
    up: `
      create table audit_log (
        seq integer primary key,
        at text not null,
        connection_id text not null,
        connection_label text not null,
        engine text not null,
        db_user text not null,
        source text not null,
        statement text not null,
        kind text not null,
        rows integer,
        outcome text not null check (outcome in ('ok', 'error')),
        error text,
        duration_ms integer not null,
        prev_hash text not null,
        hash text not null
      ) strict;
      create index audit_log_by_connection on audit_log (connection_id, seq);
      -- the app only appends and prunes; an update is a bug (tampering from outside is caught by verification)
      create trigger audit_log_append_only before update on audit_log begin
        select raise(abort, 'the audit log is append-only');
      end;
      -- retention setting, the anchor left by pruning and the chain's head (so a cut-off tail is noticed)
      create table audit_meta (key text primary key, value text not null) strict;
      create virtual table audit_log_fts using fts5 (
        statement, connection_label, error, content = 'audit_log', content_rowid = 'seq', tokenize = 'trigram'
      );
      create trigger audit_log_ai after insert on audit_log begin
        insert into audit_log_fts (rowid, statement, connection_label, error) values (new.seq, new.statement, new.connection_label, new.error);
      end;
      create trigger audit_log_ad after delete on audit_log begin
        insert into audit_log_fts (audit_log_fts, rowid, statement, connection_label, error)
          values ('delete', old.seq, old.statement, old.connection_label, old.error);
      end;
    `
  }
]
