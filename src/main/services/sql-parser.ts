import { createRequire } from 'node:module'

/** What the app uses of node-sql-parser's Parser. */
export interface SqlParser {
  astify(sql: string, opt: { database: string }): unknown
  tableList(sql: string, opt: { database: string }): string[]
  columnList(sql: string, opt: { database: string }): string[]
}

let parser: SqlParser | undefined

/**
 * node-sql-parser, loaded on first use: loading it takes 100–400 ms, which the app's start would otherwise wait for
 * (it is needed only for view dependencies, AI context and checks, and docs).
 */
export function sqlParser(): SqlParser {
  if (!parser) {
    const { Parser } = createRequire(import.meta.url)('node-sql-parser') as { Parser: new () => SqlParser }
    parser = new Parser()
  }
  return parser
}
