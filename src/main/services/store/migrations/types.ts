/**
 * A numbered, append-only schema change of the local store. Each area owns a range so that areas never
 * collide: core 1-99, connections 100-199, query/history/tabs 200-299, schema 300-399, ai 400-499, docs 500-599, pii 700-799, audit 900-999.
 */
export interface Migration {
  version: number
  name: string
  up: string
}
