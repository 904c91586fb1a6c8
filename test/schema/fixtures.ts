import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mysqlSplitterOptions, postgreSplitterOptions, splitQuery, sqliteSplitterOptions, mssqlSplitterOptions } from 'dbgate-query-splitter'
import type { Dialect } from '../../src/shared/cells'
import type { TestSession } from './catalog-sessions'

const OPTIONS = { postgres: postgreSplitterOptions, mysql: mysqlSplitterOptions, sqlite: sqliteSplitterOptions, mssql: mssqlSplitterOptions, duckdb: postgreSplitterOptions }

export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'schema')

/** Splits an SQL script with the project's statement splitter and runs it statement by statement. */
export async function runScript(session: TestSession, dialect: Dialect, sql: string): Promise<void> {
  for (const item of splitQuery(sql, OPTIONS[dialect])) {
    const text = typeof item === 'string' ? item : item.text
    if (text.trim()) await session.exec(text)
  }
}

export async function applyFixture(session: TestSession, dialect: Dialect): Promise<void> {
  await runScript(session, dialect, readFileSync(join(FIXTURE_DIR, `${dialect}.sql`), 'utf8'))
}
