import type { Migration } from './types'

/** PII area (700-799): the last complete PII scan of each connection (findings with masked examples, never values). */
export const piiMigrations: Migration[] = [
  {
    version: 700,
    name: 'pii scan findings',
    up: `
      create table pii_scans (
        connection_id text primary key,
        scanned_at text not null,
        columns_scanned integer not null,
        columns_failed integer not null
      ) strict;
      create table pii_findings (
        connection_id text not null,
        schema_name text not null,
        table_name text not null,
        column_name text not null,
        kind text not null,
        confidence real not null,
        evidence text not null,
        sampled integer not null,
        matched integer not null,
        examples text not null,
        detail text,
        primary key (connection_id, schema_name, table_name, column_name)
      ) strict;
    `
  }
]
