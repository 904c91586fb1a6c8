import type { DriverSession } from '../../drivers/types'
import type { StatementContext, Verdict } from '../../statements/types'

/** What the server's catalog tells the MySQL rules, read once per session. */
export interface MysqlCatalog {
  /** Lower-case names of stored functions (every schema) and loadable (UDF) functions: calls to them may write. */
  storedFunctions: ReadonlySet<string>
  /** Lower-case names of views whose definition calls stored code, locks or advances a sequence: reading one may write. */
  riskyViews: ReadonlySet<string>
}

export interface MysqlStatementContext extends StatementContext {
  mysql?: MysqlCatalog
}

export const catalogOf = (context: StatementContext): MysqlCatalog | undefined => (context as MysqlStatementContext).mysql

type Classify = (text: string, catalog: MysqlCatalog) => Verdict

/**
 * Reads stored function names and view definitions. A failing routines query fails the whole load (the rules then
 * stay conservative: no name outside the built-in list is trusted); the optional parts fall back to empty. A view
 * whose definition the user may not see (no SHOW VIEW) cannot be judged and is not flagged.
 */
export async function loadMysqlContext(session: DriverSession, classify: Classify): Promise<MysqlStatementContext> {
  const rows = async (sql: string): Promise<string[][]> => (await session.query(sql)).rows.map((r) => r.map((c) => (c === null ? '' : String(c))))
  const optional = (sql: string): Promise<string[][]> => rows(sql).catch(() => [])
  const functions = await rows(`select routine_name from information_schema.routines where routine_type = 'FUNCTION'`)
  const loadable = await optional('select name from mysql.func')
  const storedFunctions = new Set([...functions, ...loadable].map(([name]) => name!.toLowerCase()))
  const views = (await optional('select table_name, view_definition from information_schema.views')).map(([name, definition]) => ({ name: name!.toLowerCase(), definition: definition ?? '' }))
  return { mysql: { storedFunctions, riskyViews: riskyViews(views, storedFunctions, classify) } }
}

/** Views that may write when read, to a fixed point: a view over a risky view is risky too. */
function riskyViews(views: { name: string; definition: string }[], storedFunctions: ReadonlySet<string>, classify: Classify): Set<string> {
  const risky = new Set<string>()
  for (let changed = true; changed; ) {
    changed = false
    for (const v of views) {
      if (risky.has(v.name) || v.definition.trim() === '') continue
      if (classify(v.definition, { storedFunctions, riskyViews: risky }).kind !== 'read') {
        risky.add(v.name)
        changed = true
      }
    }
  }
  return risky
}
