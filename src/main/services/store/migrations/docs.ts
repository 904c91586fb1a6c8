import type { Migration } from './types'

/** User notes on tables and columns for the docs (column_name '' = a note on the table itself). */
export const docsMigrations: Migration[] = [
  {
    version: 500,
    name: 'docs notes',
    up: `create table docs_notes (
      connection_id text not null,
      schema_name text not null,
      table_name text not null,
      column_name text not null default '',
      note text not null,
      updated_at text not null,
      primary key (connection_id, schema_name, table_name, column_name)
    ) strict;`
  }
]
